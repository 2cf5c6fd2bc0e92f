import { describe, expect, it } from 'vitest';
import { namesTwoPeople } from '../../../shared/classifier/shared-display-name.ts';

describe('namesTwoPeople', () => {
  it.each([
    ['John & Jane', 2],
    ['Sam / Jo', 2],
    ['Ana and Luis Pérez', 2],
    ['Tevita + Sione', 2],
    ['Mr & Mrs Patel', 2],
    ['Priya, Raj and Anil', 3],
  ])('finds the people in "%s"', (displayName, count) => {
    const result = namesTwoPeople(displayName);
    expect(result?.people).toHaveLength(count);
    expect(result?.reason).toContain(displayName);
  });

  it.each(['The Smiths', 'Smith family', 'the Nguyen household'])(
    'finds a household in "%s"',
    (displayName) => {
      expect(namesTwoPeople(displayName)?.reason).toContain('household');
    },
  );

  it.each([
    'Rose Baker',
    'Smith, John',
    'Mary-Jane Watson',
    'Sales & Marketing',
    'Accounts/Reception',
    'Front Desk',
    '',
    null,
  ])('does not call "%s" two people', (displayName) => {
    expect(namesTwoPeople(displayName)).toBeNull();
  });
});
