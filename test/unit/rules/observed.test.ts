import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../shared/rules/context.ts';
import { isoDate } from '../../../shared/rules/dates.ts';
import { andList } from '../../../shared/rules/observed.ts';
import type { SignInObservation } from '../../../shared/schemas/directory.ts';
import { resolveSettings } from '../../../shared/settings.ts';
import { account, DAY, NOW, org, person } from './fixtures.ts';

/**
 * The summaries every observation rule reads (each login's users, newest first, within a window,
 * named with dates) against a plain reading of the same sign-ins, over random sets with repeats,
 * ties, people who left the staff list and logins nobody saw.
 */

// A seeded generator, so a failure can be run again.
function generator(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each listed person's latest sign-in with the login since `since`, newest first, ties by id. */
function plainUsers(
  observations: readonly SignInObservation[],
  accountId: string,
  listed: ReadonlySet<string>,
  since: number,
): SignInObservation[] {
  const latest = new Map<string, SignInObservation>();
  for (const o of observations) {
    if (o.accountId !== accountId || o.lastObservedAt < since || !listed.has(o.personId)) continue;
    const seen = latest.get(o.personId);
    if (!seen || seen.lastObservedAt < o.lastObservedAt) latest.set(o.personId, o);
  }
  return [...latest.values()].sort(
    (a, b) => b.lastObservedAt - a.lastObservedAt || (a.personId < b.personId ? -1 : 1),
  );
}

describe('sign-ins summed up per login', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`matches a plain reading of random sign-ins (seed ${seed})`, () => {
      const random = generator(seed);
      const pick = (n: number) => Math.floor(random() * n);
      const people = Array.from({ length: 30 }, (_, i) =>
        person({ id: `p${String(i).padStart(2, '0')}`, name: `Person ${i}`, deleted: random() < 0.1 }),
      );
      const accounts = Array.from({ length: 20 }, (_, i) => account({ id: `a${i}` }));
      // Few distinct days, so ties are common; some logins get many sign-ins (past the short-list scan).
      const observations: SignInObservation[] = Array.from({ length: 40 + pick(400) }, () => ({
        accountId: `a${random() < 0.3 ? pick(3) : pick(25)}`,
        personId: random() < 0.05 ? `gone${pick(3)}` : `p${String(pick(30)).padStart(2, '0')}`,
        lastObservedAt: NOW - pick(12) * 7 * DAY - pick(3) * 3_600_000,
      }));
      const ctx = buildContext(
        org({ people, accounts, signInObservations: observations }),
        resolveSettings({}),
        NOW,
      );
      const listed = new Set(people.filter((p) => !p.deleted).map((p) => p.id));

      for (const a of accounts) {
        const observed = ctx.observed(a.id);
        const mine = observations.filter((o) => o.accountId === a.id);
        if (mine.length === 0) {
          expect(observed).toBeUndefined();
          continue;
        }
        if (!observed) throw new Error(`no summary for ${a.id}`);
        const all = plainUsers(observations, a.id, listed, Number.NEGATIVE_INFINITY);
        expect(observed.users.list).toEqual(all);
        expect(observed.users.people.map((p) => p.id)).toEqual(all.map((o) => o.personId));
        expect(observed.latest).toBe(Math.max(...mine.map((o) => o.lastObservedAt)));
        expect(observed.personIdsWith(['p05', 'zz'])).toEqual(
          [...new Set([...mine.map((o) => o.personId), 'p05', 'zz'])].sort(),
        );
        expect(observed.users.namedWithDates).toBe(
          andList(all.map((o) => `${ctx.people.get(o.personId)?.name} (${isoDate(o.lastObservedAt)})`)),
        );
        for (const days of [1, 20, 45, 90]) {
          const within = plainUsers(observations, a.id, listed, NOW - days * DAY);
          const recent = observed.within(days, NOW);
          expect(recent.list).toEqual(within);
          expect(recent.sortedIds).toEqual(within.map((o) => o.personId).sort());
          const [first, second] = within.map((o) => o.personId);
          expect(recent.without('zz', [])).toBe(first ? recent : undefined);
          if (!first) continue;
          expect(recent.without(first, [])?.list ?? []).toEqual(within.slice(1));
          expect(
            recent.without(
              first,
              within.slice(1).map((o) => o.personId),
            ),
          ).toBeUndefined();
          if (second) expect(recent.without(second, ['zz', first])?.list ?? []).toEqual(within.slice(2));
        }
      }
    });
  }

  it('names a login’s users with the day each was last seen, newest first', () => {
    const ctx = buildContext(
      org({
        people: [person({ id: 'p1', name: 'Rose Baker' }), person({ id: 'p2', name: 'Tom Lee' })],
        accounts: [account({ id: 'a1' })],
        signInObservations: [
          { accountId: 'a1', personId: 'p1', lastObservedAt: NOW - 3 * DAY },
          { accountId: 'a1', personId: 'p2', lastObservedAt: NOW - DAY },
          { accountId: 'a1', personId: 'p1', lastObservedAt: NOW - 9 * DAY },
        ],
      }),
      resolveSettings({}),
      NOW,
    );
    const users = ctx.observed('a1')?.users;
    expect(users?.namedWithDates).toBe('Tom Lee (2026-11-22) and Rose Baker (2026-11-20)');
    expect(users?.names).toBe('Tom Lee and Rose Baker');
    expect(ctx.observed('a1')?.within(2, NOW).namedWithDates).toBe('Tom Lee (2026-11-22)');
  });
});
