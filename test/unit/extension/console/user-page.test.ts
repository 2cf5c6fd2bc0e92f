import { describe, expect, it } from 'vitest';
import { userPageOf } from '../../../../extension/lib/console/staff';
import { travelAgency } from './firm';

describe('where a leaver’s checklist item links', () => {
  it('opens the login’s own page where the system has a user-page address, the login in place of {login}', () => {
    const tables = travelAgency();
    tables.system.pay = {
      ...(tables.system.pay as NonNullable<typeof tables.system.pay>),
      userPageUrl: 'https://pay.example.com/admin/users/{login}/edit',
    };
    expect(userPageOf(tables, 'pay', 'a1')).toBe('https://pay.example.com/admin/users/amy.login/edit');
  });

  it('opens the system’s admin page (its user list) where it has no user-page address', () => {
    const tables = travelAgency();
    expect(userPageOf(tables, 'pay', 'a1')).toBe('https://pay.example.com/admin/');
  });

  it('puts a login with odd characters into the address as one safe part', () => {
    const tables = travelAgency();
    tables.system.pay = {
      ...(tables.system.pay as NonNullable<typeof tables.system.pay>),
      userPageUrl: 'https://pay.example.com/admin/users/{login}',
    };
    tables.account.a1 = {
      ...(tables.account.a1 as NonNullable<typeof tables.account.a1>),
      username: 'a/b?c d',
    };
    expect(userPageOf(tables, 'pay', 'a1')).toBe('https://pay.example.com/admin/users/a%2Fb%3Fc%20d');
  });
});
