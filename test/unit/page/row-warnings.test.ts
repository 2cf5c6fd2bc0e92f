import { describe, expect, it } from 'vitest';
import { evaluateFromPageAlone } from '../../../extension/lib/page/row-warnings';

const row = (username: string, displayName: string | null, status: string | null = 'Active') => ({
  username,
  displayName,
  email: null,
  status,
});

describe('judging a page alone', () => {
  it('gives a row shown several times in one request the same warnings as the row alone', () => {
    const alone = evaluateFromPageAlone([row('frontdesk', 'Front Desk')]);
    const repeated = evaluateFromPageAlone([
      row('frontdesk', 'Front Desk'),
      row('amy.nguyen', 'Nguyen, Amy'),
      row('frontdesk', 'Front Desk'),
    ]);
    expect(alone[0]?.findings.map((f) => f.kind)).toEqual(['generic']);
    expect(repeated).toHaveLength(3);
    expect(repeated[0]).toEqual(alone[0]);
    expect(repeated[2]).toEqual(alone[0]);
    expect(repeated[1]?.findings).toEqual([]);
  });

  it('tells apart rows that differ only in what else they show', () => {
    const verdicts = evaluateFromPageAlone([
      row('frontdesk', 'Front Desk'),
      row('frontdesk', 'Front Desk', 'Disabled'),
      row('ana_y_pedro', 'Ana y Pedro'),
      row('ana_y_pedro', null),
    ]);
    expect(verdicts.map((v) => v.findings.map((f) => f.kind))).toEqual([
      ['generic'],
      [],
      ['shared'],
      ['shared'],
    ]);
  });
});
