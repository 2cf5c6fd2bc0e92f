import type { Tip } from '../schemas/rule-finding.ts';
import { accountPeople, accountSubject, defineRule, systemName } from './define-rule.ts';
import { andList, namedWithDates, observedUsers } from './observed.ts';
import type { FindingDraft, RuleContext } from './types.ts';

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
  find(ctx) {
    const findings: FindingDraft[] = [];
    for (const account of ctx.accounts) {
      if (account.status !== 'active') continue;
      // The common case: one owner, nobody else seen, a one-person display name.
      if (
        (ctx.observationsByAccount.get(account.id)?.length ?? 0) < 2 &&
        account.userPersonIds.length === 0 &&
        !ctx.displayNamePeople(account)
      ) {
        continue;
      }
      const evidence: string[] = [];
      const facts: string[] = [];
      const people = new Set<string>();

      // Sign-ins seen from two or more people: the strongest evidence.
      const observed = observedUsers(ctx, account.id, ctx.settings.sharedLoginWindowDays);
      if (observed.length >= 2) {
        const observedIds = observed.map((o) => o.personId).sort();
        evidence.push(
          `${observed.length} people signed in with it in the last ${ctx.settings.sharedLoginWindowDays} days: ${namedWithDates(ctx, observed)}`,
        );
        facts.push(`observed:${observedIds.join(',')}`);
        for (const id of observedIds) people.add(id);
      }

      const assigned = accountPeople(account).sort();
      if (assigned.length >= 2) {
        evidence.push(`assigned to ${assigned.length} people (${names(ctx, assigned)})`);
        facts.push(`assigned:${assigned.join(',')}`);
        for (const id of assigned) people.add(id);
      }

      const display = ctx.displayNamePeople(account)?.reason;
      if (display) {
        evidence.push(display);
        facts.push(`display:${account.displayName}`);
      }

      if (evidence.length === 0) continue;
      findings.push({
        title: `"${account.username}" in ${systemName(ctx, account.systemId)} is used by more than one person`,
        subject: accountSubject(ctx, account),
        evidence: evidence.join('; '),
        facts: facts.join('|'),
        systemId: account.systemId,
        personIds: [...people],
      });
    }
    return findings;
  },
});
