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

  it('counts an unowned login written to look like a person\u2019s as one more of theirs', () => {
    const data = org({
      people: [person({ id: 'p1', name: 'Jane Cole' })],
      accounts: [
        account({ id: 'a1', username: 'jane', ownerPersonId: 'p1' }),
        account({ id: 'a2', username: 'j\u0430ne' }), // Cyrillic "а", linked to no one
        account({ id: 'a3', username: 'jane2' }), // a plain login of its own: not hers
      ],
      completedReviews: [],
    });
    const [finding, ...rest] = run(duplicateAccountsRule, data);
    expect(rest).toEqual([]);
    expect(finding?.id).toBe('duplicate-accounts:person:p1:pay');
    expect(finding?.title).toBe('Jane Cole has 2 active logins in Payments');
    expect(finding?.evidence).toBe(
      'Jane Cole has 2 active logins in Payments: "jane", "j\u0430ne"; "j\u0430ne" is linked to no one but written to look like Jane Cole\'s "jane"',
    );
  });

  it('leaves plain logins of different people apart', () => {
    const data = org({
      people: [person({ id: 'p1', name: 'Jane Cole' })],
      accounts: [account({ username: 'jane', ownerPersonId: 'p1' }), account({ username: 'JANE' })],
    });
    expect(run(duplicateAccountsRule, data)).toEqual([]);
  });
});
