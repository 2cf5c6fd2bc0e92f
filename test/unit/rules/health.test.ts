import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkedCounts,
  healthScore,
  nextScoreStep,
  type SeverityCounts,
  summarise,
} from '../../../shared/rules/health.ts';
import { findingsSummarySchema, SEVERITIES, type Severity } from '../../../shared/schemas/findings.ts';
import { account, org, person, system } from './fixtures.ts';

/** A firm of `people` people with a system and logins to check. */
const firm = (people: number) => ({ people, systems: 3, logins: people * 3 });
const counts = (over: Partial<SeverityCounts> = {}): SeverityCounts => ({
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  ...over,
});
const findingsOf = (c: SeverityCounts) =>
  SEVERITIES.flatMap((severity) => Array.from({ length: c[severity] }, () => ({ severity })));

describe('the health score', () => {
  it('is not given before the firm has staff, a system and logins, and says what is missing', () => {
    const none = summarise([], { people: 0, systems: 0, logins: 0 });
    expect(none).toMatchObject({ healthScore: null, notChecked: 'no-people' });
    expect(findingsSummarySchema.parse(none)).toEqual(none);
    expect(summarise([], { people: 4, systems: 0, logins: 0 })).toMatchObject({
      healthScore: null,
      notChecked: 'no-systems',
    });
    expect(summarise([], { people: 4, systems: 1, logins: 0 })).toMatchObject({
      healthScore: null,
      notChecked: 'no-logins',
    });
    expect(summarise([], firm(4))).toMatchObject({ healthScore: 100, notChecked: null });
  });

  it('counts only what is not deleted as checked', () => {
    const data = org({
      people: [person({ id: 'p1' }), person({ id: 'p2', deleted: true })],
      systems: [system({ id: 'pay', deleted: true })],
      accounts: [account({ deleted: true })],
    });
    expect(checkedCounts(data)).toEqual({ people: 1, systems: 0, logins: 0 });
  });

  it('tells 20 findings from 200 in a firm of 30 people, and 100 only with nothing open', () => {
    const score = (c: Partial<SeverityCounts>) => healthScore(counts(c), firm(30));
    expect(score({})).toBe(100);
    expect(score({ low: 1 })).toBe(99);
    expect(score({ medium: 1 })).toBe(96);
    expect(score({ critical: 1 })).toBe(88);
    expect(score({ medium: 20 })).toBe(60);
    expect(score({ medium: 200 })).toBe(13);
    expect(score({ critical: 200 })).toBe(3);
    // One medium finding per person reads 50, whatever the size of the firm.
    expect(healthScore(counts({ medium: 8 }), firm(8))).toBe(50);
    expect(healthScore(counts({ medium: 300 }), firm(300))).toBe(50);
  });

  it('weighs the same findings less in a bigger firm', () => {
    const ten = healthScore(counts({ high: 5 }), firm(10)) ?? 0;
    const hundred = healthScore(counts({ high: 5 }), firm(100)) ?? 0;
    expect(hundred).toBeGreaterThan(ten);
  });

  it('rises with every finding fixed worst first, from 20 mixed findings in a firm of 30', () => {
    const open: Severity[] = [
      ...Array<Severity>(2).fill('critical'),
      ...Array<Severity>(6).fill('high'),
      ...Array<Severity>(8).fill('medium'),
      ...Array<Severity>(4).fill('low'),
    ];
    // Worst first, as the popup lists them: each fix shows.
    const shown: number[] = [];
    for (let fixed = 0; fixed <= open.length; fixed++) {
      shown.push(healthScore(countOf(open.slice(fixed)), firm(30)) ?? -1);
    }
    expect(shown).toEqual([
      50, 54, 58, 61, 63, 66, 69, 73, 76, 78, 81, 83, 85, 88, 90, 93, 96, 97, 98, 99, 100,
    ]);
    for (let i = 1; i < shown.length; i++) {
      // A low finding weighs a quarter: at this size it shows every few fixed, and never lowers it.
      if (open[i - 1] === 'low') expect(shown[i]).toBeGreaterThanOrEqual(shown[i - 1] ?? 0);
      else expect(shown[i]).toBeGreaterThan(shown[i - 1] ?? 0);
    }
  });

  it('never drops when a finding is fixed, at any size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.record({
          critical: fc.nat(500),
          high: fc.nat(500),
          medium: fc.nat(2000),
          low: fc.nat(2000),
        }),
        fc.constantFrom(...SEVERITIES),
        (people, before, fixed) => {
          fc.pre(before[fixed] > 0);
          const after = { ...before, [fixed]: before[fixed] - 1 };
          const [was, now] = [healthScore(before, firm(people)), healthScore(after, firm(people))];
          expect(now).toBeGreaterThanOrEqual(was ?? 0);
          expect(now).toBeGreaterThanOrEqual(0);
          expect(now).toBeLessThanOrEqual(100);
        },
      ),
    );
  });
});

describe('the quickest way up', () => {
  it('is the first finding when one fix moves the score', () => {
    const summary = summarise(findingsOf(counts({ critical: 1, medium: 19 })), firm(30));
    expect(summary.healthScore).toBe(56);
    expect(nextScoreStep(summary)).toEqual({ fixes: 1, score: 61 });
  });

  it('says how many of the worst to fix when a firm has many findings for its size', () => {
    const summary = summarise(findingsOf(counts({ medium: 200 })), firm(30));
    expect(summary.healthScore).toBe(13);
    expect(nextScoreStep(summary)).toEqual({ fixes: 16, score: 14 });
  });

  it('is nothing to do when nothing is open or there is no score', () => {
    expect(nextScoreStep(summarise([], firm(30)))).toBeNull();
    expect(nextScoreStep(summarise([{ severity: 'high' }], { people: 0, systems: 1, logins: 1 }))).toBeNull();
  });
});

function countOf(severities: readonly Severity[]): SeverityCounts {
  const c = counts();
  for (const s of severities) c[s]++;
  return c;
}
