import { describe, expect, it } from 'vitest';
import { formatCsv, mapHeader, parseCsv, unguardCell } from '../../shared/csv';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks, numbering records by their first line', () => {
    const text =
      'name,email\r\n"Doe, Jane","jane@x.test"\r\n"Sam ""The Man"" Lee",\n"Two\nLines",two@x.test\nLast,last@x.test';
    const { records, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['name', 'email'] },
      { line: 2, cells: ['Doe, Jane', 'jane@x.test'] },
      { line: 3, cells: ['Sam "The Man" Lee', ''] },
      { line: 4, cells: ['Two\nLines', 'two@x.test'] },
      { line: 6, cells: ['Last', 'last@x.test'] },
    ]);
  });

  it('reports a stray quote on its line and goes on with the next rows', () => {
    const { records, errors } = parseCsv('name\nJo "JJ" Bloggs\nAnn\n"bad"x\nBen\n');
    expect(errors).toEqual([
      { line: 2, message: expect.stringContaining('quote') },
      { line: 4, message: expect.stringContaining('quote') },
    ]);
    expect(records.map((r) => r.cells[0])).toEqual(['name', 'Ann', 'Ben']);
  });

  it('reports a quote never closed', () => {
    expect(parseCsv('a\n"open,\n').errors).toEqual([{ line: 2, message: 'a quoted field is never closed' }]);
  });

  it('reads a file whose lines end in a lone CR (Excel for Mac), with a quoted CR line break', () => {
    const { records, errors } = parseCsv('name,email\rAnn Able,ann@x.test\r"Two\rLines",two@x.test\rBen,\r');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['name', 'email'] },
      { line: 2, cells: ['Ann Able', 'ann@x.test'] },
      { line: 3, cells: ['Two\rLines', 'two@x.test'] },
      { line: 5, cells: ['Ben', ''] },
    ]);
  });

  it('reads mixed line ends as one line end each', () => {
    expect(parseCsv('a\r\nb\rc\nd').records.map((record) => [record.line, record.cells[0]])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it('skips blank lines and a byte-order mark', () => {
    expect(parseCsv('\uFEFFa\n\n b \n').records).toEqual([
      { line: 1, cells: ['a'] },
      { line: 3, cells: [' b '] },
    ]);
  });
});

describe('formatCsv', () => {
  it('round-trips through parseCsv, guarding cells a spreadsheet would run as formulas', () => {
    const rows = [
      ['Doe, Jane', 'say "hi"', 'two\nlines'],
      ['=SUM(A1)', '-5', '@home'],
    ];
    const text = formatCsv(['a', 'b', 'c'], rows);
    expect(text).toContain("'=SUM(A1)");
    const back = parseCsv(text)
      .records.slice(1)
      .map((record) => record.cells.map(unguardCell));
    expect(back).toEqual(rows);
  });
});

describe('mapHeader', () => {
  it('matches columns ignoring case, spaces and underscores', () => {
    const columns = mapHeader(['Name', 'E-mail', 'Job Role', 'Notes'], {
      name: ['name'],
      email: ['email', 'e-mail'],
      job_role: ['job role'],
    });
    expect(Object.fromEntries(columns)).toEqual({ name: 0, email: 1, job_role: 2 });
  });
});
