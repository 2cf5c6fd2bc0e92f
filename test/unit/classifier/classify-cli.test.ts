import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseUserList } from '../../../scripts/lib/user-list.ts';

describe('parseUserList', () => {
  it('finds the username and display-name columns of a CSV export by their headers', () => {
    const csv =
      'Email,Login Name,Full Name,Role\nfd@firm.com,frontdesk2,Front Desk,Staff\n"m@firm.com",mark.sales,"Sales, Mark",Admin\n';
    expect(parseUserList(csv)).toEqual([
      { username: 'frontdesk2', displayName: 'Front Desk' },
      { username: 'mark.sales', displayName: 'Sales, Mark' },
    ]);
  });

  it('joins first- and last-name columns, and reads TSV', () => {
    const tsv = 'User ID\tFirst Name\tLast Name\nrbaker\tRose\tBaker\nscanner01\t\t\n';
    expect(parseUserList(tsv)).toEqual([
      { username: 'rbaker', displayName: 'Rose Baker' },
      { username: 'scanner01', displayName: null },
    ]);
  });

  it('reads plain username<TAB>display name lines with no header', () => {
    expect(parseUserList('SalesManager\t\nrbaker\tRose Baker\r\n')).toEqual([
      { username: 'SalesManager', displayName: null },
      { username: 'rbaker', displayName: 'Rose Baker' },
    ]);
  });
});

describe('npm run classify', () => {
  it('writes username, verdict, confidence and reasons for each row', () => {
    const out = execFileSync(process.execPath, ['scripts/classify.ts'], {
      input: 'username,display name\nfrontdesk2,\nrbaker,Rose Baker\n',
      encoding: 'utf8',
    });
    const lines = out
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines.map((l) => l.slice(0, 2))).toEqual([
      ['frontdesk2', 'generic'],
      ['rbaker', 'personal'],
    ]);
    expect(Number(lines[0]?.[2])).toBeGreaterThan(0.6);
    expect(lines[1]?.[3]).toContain('matches the display name "Rose Baker"');
  });
});
