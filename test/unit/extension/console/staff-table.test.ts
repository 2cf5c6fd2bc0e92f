import { describe, expect, it } from 'vitest';
import { groupFindings } from '../../../../extension/lib/console/findings';
import { filterStaff, staffRows } from '../../../../extension/lib/console/staff-table';
import { computeFindings } from '../../../../extension/lib/findings';
import { personRow } from '../sync/fake-server';
import { travelAgency } from './firm';

const EVERYONE = { text: '', status: '', roleId: '' } as const;

describe('the staff table', () => {
  const tables = travelAgency();
  tables.person.eve = personRow('eve', 'Eve Lamb', { status: 'leaver', endDate: '2026-01-05' });
  const { findings } = computeFindings(tables);
  const rows = staffRows(tables, findings);
  const names = (shown: ReturnType<typeof filterStaff>) => shown.map((r) => r.person.name);

  it('counts each person’s logins and findings', () => {
    const cat = rows.find((r) => r.person.id === 'cat');
    expect(cat?.accounts).toBe(1);
    expect(cat?.role).toBe('Consultant');
    expect(cat?.findings).toBeGreaterThan(0);
    expect(rows.find((r) => r.person.id === 'eve')?.accounts).toBe(0);
  });

  it('filters by any word of name, email, role or login, and by status and role', () => {
    expect(names(filterStaff(rows, { ...EVERYONE, text: 'cat.log' }, 'name', false))).toEqual(['Cat Roy']);
    expect(names(filterStaff(rows, { ...EVERYONE, text: 'consultant ben' }, 'name', false))).toEqual([
      'Ben Ode',
    ]);
    expect(names(filterStaff(rows, { ...EVERYONE, status: 'leaver' }, 'name', false))).toEqual(['Eve Lamb']);
    expect(names(filterStaff(rows, { ...EVERYONE, roleId: '-' }, 'name', false))).toEqual(['Eve Lamb']);
    expect(names(filterStaff(rows, { ...EVERYONE, roleId: 'manager' }, 'name', false))).toEqual(['Dan Moss']);
  });

  it('sorts by a column either way, ties by name', () => {
    expect(names(filterStaff(rows, EVERYONE, 'name', true))[0]).toBe('Eve Lamb');
    const byRole = names(filterStaff(rows, EVERYONE, 'role', false));
    expect(byRole).toEqual(['Eve Lamb', 'Amy Ng', 'Ben Ode', 'Cat Roy', 'Dan Moss']);
    expect(names(filterStaff(rows, EVERYONE, 'accounts', false))[0]).toBe('Eve Lamb');
  });
});

describe('findings in groups', () => {
  it('groups by rule, by system and by person, biggest group first', () => {
    const tables = travelAgency();
    const { findings } = computeFindings(tables);
    const byRule = groupFindings(findings, 'rule', tables);
    expect(byRule.find((g) => g.key === 'excess-permission')?.label).toBe('Excess permission');
    const counts = byRule.map((g) => g.findings.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(groupFindings(findings, 'system', tables).map((g) => g.label)).toContain('PayDesk');
    const byPerson = groupFindings(findings, 'person', tables);
    expect(byPerson.find((g) => g.key === 'cat')?.label).toBe('Cat Roy');
    expect(byPerson.flatMap((g) => g.findings).length).toBeGreaterThanOrEqual(findings.length - 1);
  });
});
