import { describe, expect, it } from 'vitest';
import { duplicateAccountsRule } from '../../../shared/rules/duplicate-accounts.ts';
import { account, org, person, run, system } from './fixtures.ts';

describe('duplicate-accounts', () => {
  it('flags one person with two active logins in one system, once per system', () => {
    const data = org({
      systems: [system({ id: 'pay' }), system({ id: 'crm', name: 'CRM' })],
      people: [person({ id: 'p1', name: 'Rose Baker' })],
      accounts: [
        account({ username: 'rbaker', ownerPersonId: 'p1' }),
        account({ username: 'rose.baker', ownerPersonId: 'p1' }),
        account({ username: 'rbaker', ownerPersonId: 'p1', systemId: 'crm' }),
        account({ username: 'rb-old', ownerPersonId: 'p1', systemId: 'crm', status: 'disabled' }),
      ],
      completedReviews: [],
    });
    const [finding, ...rest] = run(duplicateAccountsRule, data);
    expect(rest).toEqual([]);
    expect(finding?.id).toBe('duplicate-accounts:person:p1:pay');
    expect(finding?.severity).toBe('low');
    expect(finding?.evidence).toBe('Rose Baker owns 2 active logins in Payments: "rbaker", "rose.baker"');
  });
});
