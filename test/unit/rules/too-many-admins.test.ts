import { describe, expect, it } from 'vitest';
import { isPrivileged, isUserManaging } from '../../../shared/rules/permissions.ts';
import { tooManyAdminsRule } from '../../../shared/rules/too-many-admins.ts';
import { account, org, run } from './fixtures.ts';

describe('too-many-admins', () => {
  it('flags a system with more user-managing logins than the firm allows', () => {
    const data = org({
      accounts: [
        account({ username: 'rbaker', permissions: ['users.manage'] }),
        account({ username: 'tlee', permissions: ['Admin'] }),
        account({ username: 'ana', permissions: ['roles.edit', 'payments.add'] }),
        account({ username: 'sam', permissions: ['users.view'] }),
        account({ username: 'old', permissions: ['users.manage'], status: 'disabled' }),
      ],
    });
    const [finding] = run(tooManyAdminsRule, data);
    expect(finding?.subject).toEqual({ type: 'system', id: 'pay', label: 'Payments' });
    expect(finding?.evidence).toBe(
      '3 active logins can manage users in Payments ("ana", "rbaker", "tlee"); the firm allows 2',
    );
    expect(run(tooManyAdminsRule, data, { maxAdmins: 3 })).toEqual([]);
  });

  it('makes the same finding whatever order the logins are read in, as a recompute of part of the firm reads them', () => {
    const admins = [
      account({ id: 'a1', username: 'rbaker', permissions: ['users.manage'], ownerPersonId: 'p-rbaker' }),
      account({ id: 'a2', username: 'tlee', permissions: ['Admin'], ownerPersonId: 'p-tlee' }),
      account({ id: 'a3', username: 'ana', permissions: ['users.manage'], ownerPersonId: 'p-ana' }),
    ];
    const [read] = run(tooManyAdminsRule, org({ accounts: admins }));
    const [readBackwards] = run(tooManyAdminsRule, org({ accounts: admins.toReversed() }));
    expect(read?.personIds).toEqual(['p-ana', 'p-rbaker', 'p-tlee']);
    expect(readBackwards).toEqual(read);
  });

  it('tells user management and money-moving permissions from ordinary ones', () => {
    expect(isUserManaging('users.manage')).toBe(true);
    expect(isUserManaging('manageUsers')).toBe(true);
    expect(isUserManaging('users.view')).toBe(false);
    expect(isUserManaging('payments.add')).toBe(false);
    expect(isPrivileged('refunds.process')).toBe(true);
    expect(isPrivileged('transactions.void')).toBe(true);
    expect(isPrivileged('transactions.search')).toBe(false);
  });
});
