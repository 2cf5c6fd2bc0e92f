import { namesTwoPeople } from '../classifier/shared-display-name.ts';
import type { Finding, Tip } from '../schemas/findings.ts';
import { accountPeople, accountSubject, isoDate, makeFinding, systemName } from './context.ts';
import type { Rule, RuleContext } from './types.ts';

export const sharedLoginTip: Tip = {
  why:
    'When two or more people sign in with one login, nobody can tell who did what, the password is only ' +
    'as safe as the least careful of them, and when one of them leaves the password has to change for ' +
    'everyone. The vendors of most business systems forbid it in their terms.',
  fix:
    'Make a login for each person who uses this one, with the permissions their job needs, and disable ' +
    'the shared one. Until then, change its password whenever one of its users leaves.',
};

/** The display-name signal alone, as the in-page warnings use it. */
export function sharedDisplayNameEvidence(displayName: string | null | undefined): string | null {
  return namesTwoPeople(displayName)?.reason ?? null;
}

function personName(ctx: RuleContext, id: string): string {
  return ctx.people.get(id)?.name ?? 'an unknown person';
}

function names(ctx: RuleContext, ids: string[]): string {
  const list = ids.map((id) => personName(ctx, id));
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

export const sharedLoginRule: Rule = {
  id: 'shared-login',
  title: 'Login used by more than one person',
  defaultSeverity: 'high',
  tip: sharedLoginTip,
  evaluate(ctx) {
    const findings: Finding[] = [];
    for (const account of ctx.accounts) {
      if (account.status !== 'active') continue;
      const evidence: string[] = [];
      const facts: string[] = [];
      const people = new Set<string>();

      // Sign-ins seen from two or more people: the strongest evidence.
      const observations = ctx.observationsByAccount.get(account.id) ?? [];
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

      const display = sharedDisplayNameEvidence(account.displayName);
      if (display) {
        evidence.push(display);
        facts.push(`display:${account.displayName}`);
      }

      if (evidence.length === 0) continue;
      findings.push(
        makeFinding({
          ruleId: 'shared-login',
          severity: 'high',
          title: `"${account.username}" in ${systemName(ctx, account.systemId)} is used by more than one person`,
          subject: accountSubject(ctx, account),
          evidence: evidence.join('; '),
          facts: facts.join('|'),
          tip: sharedLoginTip,
          systemId: account.systemId,
          personIds: [...people],
        }),
      );
    }
    return findings;
  },
};
