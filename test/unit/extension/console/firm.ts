import { emptyTables, type Tables } from '../../../../extension/lib/sync/local-copy';
import type { JobRole } from '../../../../shared/schemas/directory';
import { accountRow, personRow, systemRow } from '../sync/fake-server';

export const role = (id: string, name: string, permissions: JobRole['permissions']): JobRole => ({
  id,
  name,
  permissions,
  version: 1,
  deleted: false,
});

/**
 * A small travel agency: three consultants, two of whom can search and add payments, one who can
 * also refund; a manager with everything. The consultant template grants only adding payments.
 */
export function travelAgency(): Tables {
  const tables = emptyTables();
  tables.system.pay = {
    ...systemRow('pay', 'PayDesk', ['https://pay.example.com/admin/*']),
    permissions: [
      { name: 'payments.add', label: 'Add payments' },
      { name: 'transactions.search' },
      { name: 'refunds.process', privileged: true },
    ],
  };
  tables.jobRole.consultant = role('consultant', 'Consultant', { pay: ['payments.add'] });
  tables.jobRole.manager = role('manager', 'Manager', {
    pay: ['payments.add', 'refunds.process', 'transactions.search'],
  });
  const people = [
    ['amy', 'Amy Ng', 'consultant'],
    ['ben', 'Ben Ode', 'consultant'],
    ['cat', 'Cat Roy', 'consultant'],
    ['dan', 'Dan Moss', 'manager'],
  ] as const;
  for (const [id, name, jobRoleId] of people) tables.person[id] = personRow(id, name, { jobRoleId });
  const logins = [
    ['a1', 'amy', ['payments.add', 'transactions.search']],
    ['b1', 'ben', ['payments.add', 'transactions.search']],
    ['c1', 'cat', ['payments.add', 'transactions.search', 'refunds.process']],
    ['d1', 'dan', ['payments.add', 'transactions.search', 'refunds.process']],
  ] as const;
  for (const [id, owner, permissions] of logins)
    tables.account[id] = accountRow(id, 'pay', `${owner}.login`, {
      ownerPersonId: owner,
      permissions: [...permissions],
    });
  return tables;
}
