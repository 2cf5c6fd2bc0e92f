import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { accountPeople, accountSubject, defineRule, systemName } from './define-rule.ts';
import { andList, inOrder } from './observed.ts';
import type { RuleContext } from './types.ts';

const sharedLoginTip: Tip = {
  why:
    'When two or more people sign in with one login, nobody can tell who did what, the password is only ' +
    'as safe as the least careful of them, and when one of them leaves the password has to change for ' +
    'everyone. The vendors of most business systems forbid it in their terms.',
  fix:
    'Make a login for each person who uses this one, with the permissions their job needs, and disable ' +
    'the shared one. Until then, change its password whenever one of its users leaves.',
};

function personName(ctx: RuleContext, id: string): string {
  return ctx.people.get(id)?.name ?? 'an unknown person';
}

function names(ctx: RuleContext, ids: string[]): string {
  return andList(ids.map((id) => personName(ctx, id)));
}

export const sharedLoginRule = defineRule({
  id: 'shared-login',
  title: 'Login used by more than one person',
  severity: 'high',
  tip: sharedLoginTip,
  pageKind: { kind: 'shared', label: 'Shared', tone: 'alarm' },
  setting: {
    key: 'sharedLoginWindowDays',
    label: 'Shared when two people sign in within (days)',
    default: 90,
    min: 1,
    max: 3650,
    integer: true,
    step: 1,
  },
  find(ctx, findings) {
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active') continue;
      // The common case: one owner, nobody else seen, a one-person display name.
      const display = ctx.displayNamePeople(account)?.reason;
      const observed = ctx.observed(account.id);
      if ((observed?.users.list.length ?? 0) < 2 && account.userPersonIds.length === 0 && !display) continue;
      // Each piece of evidence and its facts, joined as it is found: "; " between pieces of
      // evidence, "|" between facts.
      let evidence = '';
      let facts = '';
      let people: string[] | null = null;

      // Sign-ins seen from two or more people: the strongest evidence.
      const recent = observed?.within(ctx.settings.sharedLoginWindowDays, ctx.now);
      if (recent && recent.list.length >= 2) {
        evidence = `${recent.list.length} people signed in with it in the last ${ctx.settings.sharedLoginWindowDays} days: ${recent.namedWithDates}`;
        facts = `observed:${recent.sortedIds.join(',')}`;
        people = recent.sortedIds.slice();
      }

      if (account.userPersonIds.length > 0) {
        const assigned = inOrder(accountPeople(account));
        if (assigned.length >= 2) {
          evidence += `${evidence ? '; ' : ''}assigned to ${assigned.length} people (${names(ctx, assigned)})`;
          facts += `${facts ? '|' : ''}assigned:${assigned.join(',')}`;
          if (!people) people = assigned;
          else for (const id of assigned) if (!people.includes(id)) people.push(id);
        }
      }

      if (display) {
        evidence += `${evidence ? '; ' : ''}${display}`;
        facts += `${facts ? '|' : ''}display:${account.displayName}`;
      }

      if (!evidence) continue;
      findings.push({
        title: `"${account.username}" in ${systemName(ctx, account.systemId)} is used by more than one person`,
        subject: accountSubject(ctx, account),
        evidence,
        facts,
        systemId: account.systemId,
        personIds: people ?? [],
      });
    }
  },
});
