import type { Tip } from '../schemas/rule-finding.ts';
import { isoDate } from './dates.ts';
import { accountPeople, accountSubject, defineRule, systemName } from './define-rule.ts';
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
  const list = ids.map((id) => personName(ctx, id));
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

export const sharedLoginRule = defineRule({
  id: 'shared-login',
  title: 'Login used by more than one person',
  severity: 'high',
  tip: sharedLoginTip,
  pageKind: { kind: 'shared', label: 'Shared', tone: 'alarm' },
  find(ctx) {
    const findings: FindingDraft[] = [];
    for (const account of ctx.accounts) {
      if (account.status !== 'active') continue;
      const observations = ctx.observationsByAccount.get(account.id) ?? [];
      // The common case: one owner, nobody else seen, a one-person display name.
      if (observations.length < 2 && account.userPersonIds.length === 0 && !ctx.displayNamePeople(account)) {
        continue;
      }
      const evidence: string[] = [];
      const facts: string[] = [];
      const people = new Set<string>();

      // Sign-ins seen from two or more people: the strongest evidence.
      const observedIds = [...new Set(observations.map((o) => o.personId))].sort();
      if (observedIds.length >= 2) {
        const latest = Math.max(...observations.map((o) => o.lastObservedAt));
        evidence.push(
          `sign-ins seen from ${observedIds.length} people (${names(ctx, observedIds)}), latest ${isoDate(latest)}`,
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
