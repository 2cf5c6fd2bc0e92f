import { describe, expect, it } from 'vitest';
import {
  loginNamesTwoPeople,
  namesTwoPeople,
  sharedLoginPeople,
  twoFirstNamesBesideLogin,
} from '../../../shared/classifier/shared-display-name.ts';

describe('namesTwoPeople', () => {
  it.each([
    ['John & Jane', 2],
    ['Sam / Jo', 2],
    ['Ana and Luis Pérez', 2],
    ['Tevita + Sione', 2],
    ['Mr & Mrs Patel', 2],
    ['Priya, Raj and Anil', 3],
    // Commas alone: one is how lists write a surname first ("Smith, John"), two list people.
    ['Priya, Raj, Anil', 3],
    ['Jan en Piet', 2],
    // A remark in brackets after the names is not a person.
    ['Lea und Tim (Azubis)', 2],
    ['Ana y Luis (extern)', 2],
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
    'Rose Baker (admin)',
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

describe('twoFirstNamesBesideLogin', () => {
  it.each([
    ['duo.fibu', 'Petra Uwe'],
    ['duo.fibu', 'Petra   Uwe'],
    ['empfang2', 'Jürgen Sabine'],
  ])('reads "%s" shown as "%s" as two people', (login, displayName) => {
    expect(twoFirstNamesBesideLogin(login, displayName)?.people).toEqual(displayName.split(/\s+/));
    expect(sharedLoginPeople(login, displayName)?.reason).toBe(
      `the display name "${displayName}" is two people's first names`,
    );
  });

  it.each([
    // One person's double first name, in a login made from it.
    ['amaria', 'Anna Maria'],
    ['hans.peter', 'Hans Peter'],
    ['hp', 'Hans Peter'],
    ['uwe.k', 'Petra Uwe'],
    // A first name that is also a surname: a full name.
    ['jdoe', 'Thomas Paul'],
    ['duo.fibu', 'Petra Schmidt'],
    ['duo.fibu', 'Petra'],
    ['duo.fibu', 'Petra Uwe Schmidt'],
  ])('does not read "%s" shown as "%s" as two people', (login, displayName) => {
    expect(twoFirstNamesBesideLogin(login, displayName)).toBeNull();
  });
});
