import type { SignInObservation } from '../schemas/directory.ts';
import { DAY_MS, isoDate } from './dates.ts';
import type { RuleContext } from './types.ts';

/**
 * What staff browsers saw of one login: each person's latest sign-in, newest first. `withinDays`
 * keeps only sign-ins inside a rule's window.
 */
export function observedUsers(ctx: RuleContext, accountId: string, withinDays?: number): SignInObservation[] {
  const since = withinDays === undefined ? -Infinity : ctx.now - withinDays * DAY_MS;
  const latest = new Map<string, SignInObservation>();
  for (const o of ctx.observationsByAccount.get(accountId) ?? []) {
    if (o.lastObservedAt < since || !ctx.people.has(o.personId)) continue;
    const seen = latest.get(o.personId);
    if (!seen || seen.lastObservedAt < o.lastObservedAt) latest.set(o.personId, o);
  }
  return [...latest.values()].sort(
    (a, b) => b.lastObservedAt - a.lastObservedAt || (a.personId < b.personId ? -1 : 1),
  );
}

/** The latest sign-in any staff browser saw on the login, or null. */
export function latestObserved(ctx: RuleContext, accountId: string): number | null {
  let latest: number | null = null;
  for (const o of ctx.observationsByAccount.get(accountId) ?? []) {
    if (latest === null || o.lastObservedAt > latest) latest = o.lastObservedAt;
  }
  return latest;
}

/** "A, B and C". */
export function andList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "Rose Baker (2026-11-22) and Tom Lee (2026-11-20)": who signed in, with the date last seen. */
export function namedWithDates(ctx: RuleContext, observations: readonly SignInObservation[]): string {
  return andList(
    observations.map(
      (o) => `${ctx.people.get(o.personId)?.name ?? 'an unknown person'} (${isoDate(o.lastObservedAt)})`,
    ),
  );
}
