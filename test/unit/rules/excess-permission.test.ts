import { describe, expect, it } from 'vitest';
import { excessPermissionRule } from '../../../shared/rules/excess-permission.ts';
import { account, jobRole, org, person, run, system } from './fixtures.ts';

describe('excess-permission', () => {
  const pay = system({
    id: 'pay',
    permissions: [
      { name: 'payments.add', label: 'Add payments' },
      { name: 'transactions.search' },
      { name: 'refunds.process', label: 'Process refunds' },
      { name: 'reports.export', privileged: true },
    ],
  });
  const clerk = jobRole({
    id: 'r1',
    name: 'Accounts clerk',
    permissions: { pay: ['payments.add', 'transactions.search'] },
  });
  const rose = person({ id: 'p1', name: 'Rose Baker', jobRoleId: 'r1' });

  it('flags permissions the job role does not grant, high when one moves money or manages users', () => {
    const data = org({
      systems: [pay],
      jobRoles: [clerk],
      people: [rose],
      accounts: [
        account({ id: 'a1', ownerPersonId: 'p1', permissions: ['payments.add', 'refunds.process'] }),
        account({ id: 'a2', ownerPersonId: 'p1', permissions: ['payments.add', 'invoices.print'] }),
        account({ id: 'a3', ownerPersonId: 'p1', permissions: ['users.manage'] }),
        account({ id: 'a4', ownerPersonId: 'p1', permissions: ['reports.export'] }),
      ],
    });
    const findings = run(excessPermissionRule, data);
    expect(findings.map((f) => [f.subject.id, f.severity])).toEqual([
      ['a1', 'high'],
      ['a2', 'medium'],
      ['a3', 'high'],
      ['a4', 'high'],
    ]);
    expect(findings[0]?.evidence).toBe(
      'Rose Baker\'s job role "Accounts clerk" does not grant: holds Process refunds (refunds.process); privileged: refunds.process',
    );
  });

  it('says so when the role grants nothing in that system', () => {
    const data = org({
      systems: [pay, system({ id: 'crm', name: 'CRM' })],
      jobRoles: [clerk],
      people: [rose],
      accounts: [account({ systemId: 'crm', ownerPersonId: 'p1', permissions: ['contacts.edit'] })],
      completedReviews: [],
    });
    expect(run(excessPermissionRule, data)[0]?.evidence).toContain('grants nothing in CRM');
  });

  it('is quiet when the login holds only what the role grants, or there is no role to compare with', () => {
    const data = org({
      systems: [pay],
      jobRoles: [clerk],
      people: [rose, person({ id: 'p2', name: 'Tom Lee', jobRoleId: null })],
      accounts: [
        account({ ownerPersonId: 'p1', permissions: ['transactions.search'] }),
        account({ ownerPersonId: 'p2', permissions: ['refunds.process'] }),
      ],
    });
    expect(run(excessPermissionRule, data)).toEqual([]);
  });
});
