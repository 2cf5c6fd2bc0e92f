import { describe, expect, it } from 'vitest';
import {
  previewTemplates,
  sameTemplate,
  suggestFromHolders,
  toggled,
} from '../../../../extension/lib/console/role-matrix';
import { accountRow, personRow } from '../sync/fake-server';
import { travelAgency } from './firm';

describe('suggest from current holders', () => {
  it('suggests what more than half of the role’s logins hold, not what one of them has', () => {
    // Three consultants: all add payments and search; one refunds.
    expect(suggestFromHolders(travelAgency(), 'consultant')).toEqual({
      pay: ['payments.add', 'transactions.search'],
    });
  });

  it('leaves out leavers and disabled logins, and suggests nothing for a role no one holds', () => {
    const tables = travelAgency();
    tables.person.amy = personRow('amy', 'Amy Ng', { jobRoleId: 'consultant', status: 'leaver' });
    tables.account.b1 = accountRow('b1', 'pay', 'ben.login', { ownerPersonId: 'ben', status: 'disabled' });
    // Cat alone is left: everything she holds is "most holders".
    expect(suggestFromHolders(tables, 'consultant')).toEqual({
      pay: ['payments.add', 'refunds.process', 'transactions.search'],
    });
    expect(suggestFromHolders(tables, 'nobody')).toEqual({});
  });
});

describe('the preview of a template change', () => {
  it('lists the logins that would gain an excess-permission finding and those that would lose one', () => {
    const tables = travelAgency();
    // Today every consultant holds more than "add payments": all three have a finding.
    const granting = previewTemplates(tables, {
      consultant: { pay: ['payments.add', 'transactions.search'] },
    });
    expect(granting.gain).toEqual([]);
    expect(granting.lose.map((l) => [l.person.name, l.username, l.extra])).toEqual([
      ['Amy Ng', 'amy.login', ['transactions.search']],
      ['Ben Ode', 'ben.login', ['transactions.search']],
    ]);

    const narrowing = previewTemplates(tables, { manager: { pay: ['payments.add'] } });
    expect(narrowing.gain.map((l) => [l.person.name, l.extra])).toEqual([
      ['Dan Moss', ['refunds.process', 'transactions.search']],
    ]);
    expect(narrowing.lose).toEqual([]);
  });

  it('previews a role not saved yet: with nothing ticked, its holders’ logins all hold too much', () => {
    const tables = travelAgency();
    tables.person.amy = personRow('amy', 'Amy Ng', { jobRoleId: 'new-role' });
    expect(previewTemplates(tables, { 'new-role': {} }).gain.map((l) => l.username)).toEqual(['amy.login']);
    expect(
      previewTemplates(tables, { 'new-role': { pay: ['payments.add', 'transactions.search'] } }).gain,
    ).toEqual([]);
    expect(previewTemplates(tables, {})).toEqual({ gain: [], lose: [] });
  });
});

describe('templates', () => {
  it('toggles a permission, dropping a system left with none', () => {
    const on = toggled({}, 'pay', 'refunds.process', true);
    expect(on).toEqual({ pay: ['refunds.process'] });
    expect(toggled(on, 'pay', 'refunds.process', false)).toEqual({});
  });

  it('compares templates whatever the order', () => {
    expect(sameTemplate({ pay: ['b', 'a'] }, { pay: ['a', 'b'] })).toBe(true);
    expect(sameTemplate({ pay: ['a'] }, { pay: ['a'], crm: ['x'] })).toBe(false);
  });
});
