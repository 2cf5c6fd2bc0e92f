import { describe, expect, it } from 'vitest';
import { loginNamesTwoPeople, namesTwoPeople } from '../../../shared/classifier/shared-display-name.ts';

describe('namesTwoPeople', () => {
  it.each([
    ['John & Jane', 2],
    ['Sam / Jo', 2],
    ['Ana and Luis Pérez', 2],
    ['Tevita + Sione', 2],
    ['Mr & Mrs Patel', 2],
    ['Priya, Raj and Anil', 3],
    ['Jan en Piet', 2],
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
    'John E. Smith',
    'Juan Y Lopez',
    'Jane Doe, Esq.',
    'Sales & Marketing',
    'Accounts/Reception',
    'Front Desk',
    '',
    null,
  ])('does not call "%s" two people', (displayName) => {
    expect(namesTwoPeople(displayName)).toBeNull();
  });
});

describe('loginNamesTwoPeople', () => {
  it.each([
    ['ana_y_pedro', ['ana', 'pedro']],
    ['marco_e_luca', ['marco', 'luca']],
    ['joao.e.maria', ['joao', 'maria']],
    ['jan-und-eva@firm.de', ['jan', 'eva']],
    ['anna.i.piotr', ['anna', 'piotr']],
  ])('reads "%s" as two people', (login, people) => {
    expect(loginNamesTwoPeople(login)?.people).toEqual(people);
  });

  it.each(['sales_and_support', 'ana.pedro', 'ana_y_ventas', 'john.e.smith', 'recepcion_y_caja', 'ana'])(
    'does not read "%s" as two people',
    (login) => {
      expect(loginNamesTwoPeople(login)).toBeNull();
    },
  );
});
