import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startInPageWarnings } from '../../../extension/lib/page/in-page-warnings';
import { evaluateFromPageAlone } from '../../../extension/lib/page/row-warnings';
import type { RowWatcher } from '../../../extension/lib/page/watch-user-rows';
import { ALL_FIXTURES, fixtureLabels } from '../../fixtures/fixture-pages';
import { loadFixture } from './fixture-pages';

/**
 * Precision and recall of the generic and shared marks over every captured page, judged or still
 * awaiting: how often a marked row is one its labels mark, and how many labelled rows are marked.
 */
const KINDS = ['generic', 'shared'] as const;
const counts = { tp: 0, fp: 0, fn: 0 };
const wrong: string[] = [];
let running: RowWatcher | null = null;

afterEach(() => {
  running?.stop();
  running = null;
  document.body.innerHTML = '';
});

describe('generic and shared marks over every captured page', () => {
  for (const name of ALL_FIXTURES.filter((fixture) => !fixtureLabels(fixture).rendersAfterLoad)) {
    it(`reads every row of ${name}`, async () => {
      loadFixture(name);
      running = startInPageWarnings({ evaluate: evaluateFromPageAlone });
      await running.settled();
      const marks = new Map(
        [...running.rows].map(([element, watched]) => [
          watched.row.username,
          (element.getAttribute('data-rollcall') ?? '').split(' '),
        ]),
      );
      for (const row of fixtureLabels(name).rows) {
        const got = marks.get(row.username) ?? [];
        const want = row.signedOut.split(' ');
        for (const kind of KINDS) {
          if (got.includes(kind) && want.includes(kind)) counts.tp++;
          else if (got.includes(kind)) counts.fp++;
          else if (want.includes(kind)) counts.fn++;
        }
        if (KINDS.some((kind) => got.includes(kind) !== want.includes(kind)))
          wrong.push(`${name}: ${row.username} marked "${got.join(' ')}", labelled "${row.signedOut}"`);
      }
      expect(marks.size).toBeGreaterThan(0);
    });
  }

  afterAll(() => {
    const precision = counts.tp / (counts.tp + counts.fp);
    const recall = counts.tp / (counts.tp + counts.fn);
    console.log(
      `generic+shared over all captured pages: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} ` +
        `(tp ${counts.tp}, fp ${counts.fp}, fn ${counts.fn})${wrong.length ? `\n${wrong.join('\n')}` : ''}`,
    );
    expect(precision).toBeGreaterThanOrEqual(0.97);
    expect(recall).toBeGreaterThanOrEqual(0.97);
  });
});
