import { afterEach, describe, expect, it } from 'vitest';
import { matchesUrlPattern } from '../../extension/lib/page/adapters';
import { evaluateWithDirectory } from '../../extension/lib/page/directory-verdicts';
import { startInPageWarnings } from '../../extension/lib/page/in-page-warnings';
import { readRow } from '../../extension/lib/page/read-row';
import { evaluateFromPageAlone } from '../../extension/lib/page/row-warnings';
import { snapshotRows } from '../../extension/lib/page/snapshot-rows';
import type { RowWatcher } from '../../extension/lib/page/watch-user-rows';
import { emptyTables } from '../../extension/lib/sync/local-copy';
import { systemForPage } from '../../extension/lib/sync/system-directory';
import {
  DEMO_DAY_MS,
  demoAccounts,
  demoPageOnlyAccounts,
  demoPeople,
  demoRoles,
  demoSystems,
} from '../../scripts/demo/demo-firm.ts';
import { DEMO_PAGE_PATH, staffListPage } from '../../scripts/demo/staff-list-page.ts';
import { planReconcile } from '../../shared/directory/reconcile-snapshot';
import { evaluate } from '../../shared/rules';
import type { Account, JobRole, Person, System } from '../../shared/schemas/directory';

/**
 * The story `npm start` tells: the demo "Current Staff List", served on whatever port DEMO_PORT
 * chose, belongs to the demo firm's CaseLedger, so signed in it is marked with what the directory
 * knows, and syncing it adds the one login Rollcall did not know without disturbing the others.
 */

const NOW = Date.parse('2026-11-23T09:00:00Z');
const daysAgo = (days: number) => NOW - days * DEMO_DAY_MS;
const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);
const ORIGIN = 'http://127.0.0.1:9123';

/** The demo firm as the seed writes it through the API, ids taken from the seed's keys. */
function demoDirectory() {
  const systems: System[] = demoSystems(ORIGIN).map(({ key, ...system }) => ({
    id: key,
    ...system,
    version: 1,
    deleted: false,
  }));
  const jobRoles: JobRole[] = Object.entries(demoRoles).map(([name, permissions]) => ({
    id: name,
    name,
    permissions,
    version: 1,
    deleted: false,
  }));
  const people: Person[] = demoPeople.map((p) => ({
    id: p.key,
    name: p.name,
    email: p.email,
    jobRoleId: p.role,
    startDate: isoDate(daysAgo(p.startedDaysAgo)),
    endDate: p.leftDaysAgo === undefined ? null : isoDate(daysAgo(p.leftDaysAgo)),
    leaveReason: p.leaveReason ?? null,
    status: p.leftDaysAgo === undefined ? 'active' : 'leaver',
    version: 1,
    deleted: false,
  }));
  const accounts: Account[] = demoAccounts.map((a, index) => ({
    id: `account-${index}`,
    systemId: a.system,
    username: a.username,
    displayName: a.displayName,
    email: null,
    status: a.status ?? 'active',
    permissions: a.permissions,
    ownerPersonId: a.owner ?? null,
    userPersonIds: a.users ?? [],
    lastSignInAt: a.lastSignInDaysAgo === undefined ? null : daysAgo(a.lastSignInDaysAgo),
    systemCreatedAt: daysAgo(a.createdDaysAgo),
    firstSeenAt: null,
    lastSeenAt: null,
    version: 1,
    deleted: false,
  }));
  return { systems, jobRoles, people, accounts };
}

let running: RowWatcher | null = null;
afterEach(() => {
  running?.stop();
  running = null;
  document.body.innerHTML = '';
});

function loadDemoPage() {
  const parsed = new DOMParser().parseFromString(staffListPage(NOW), 'text/html');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.body.innerHTML = parsed.body.innerHTML;
}

describe('the demo admin page', () => {
  const directory = demoDirectory();
  const pageUrl = `${ORIGIN}${DEMO_PAGE_PATH}`;

  it('belongs to the demo CaseLedger wherever it is served', () => {
    const tables = emptyTables();
    for (const system of directory.systems) tables.system[system.id] = system;
    expect(systemForPage(tables, pageUrl)?.name).toBe('CaseLedger');
    const caseLedger = directory.systems.find((s) => s.id === 'caseledger');
    expect(caseLedger?.adminUrlPatterns.some((p) => matchesUrlPattern(p, pageUrl))).toBe(true);
    expect(caseLedger?.adminUrlPatterns).toEqual([`${ORIGIN}/caseledger/admin/*`]);
  });

  it('signed in, marks the leaver, the dormant and the never-used logins, and the one Rollcall does not know', async () => {
    const findings = evaluate(directory, {}, NOW);
    loadDemoPage();
    running = startInPageWarnings({
      evaluate: evaluateWithDirectory(
        {
          systemId: 'caseledger',
          accounts: directory.accounts.filter((a) => a.systemId === 'caseledger'),
          findings: findings.filter((f) => f.systemId === 'caseledger' && f.subject.type === 'account'),
        },
        evaluateFromPageAlone,
      ),
    });
    await running.settled();
    const marks = new Map(
      [...running.rows].map(([element, watched]) => [
        watched.row.username,
        (element.getAttribute('data-rollcall') ?? '').split(' '),
      ]),
    );
    expect(marks.size).toBe(14);
    expect(marks.get('dokafor')).toContain('leaver');
    expect(marks.get('srossi')).toContain('dormant');
    expect(marks.get('ppatel')).toContain('never-used');
    expect(marks.get('kbrennan')).toEqual(['unowned']);
    expect(marks.get('Reception')).toContain('generic');
    expect(marks.get('smith.j')).toContain('shared');
    expect(marks.get('hvale')).toEqual(['ok']);
    const badges = [...document.querySelectorAll('*')]
      .flatMap((element) => [...(element.shadowRoot?.querySelectorAll('.badge') ?? [])])
      .map((badge) => badge.textContent);
    expect(badges).toEqual(expect.arrayContaining(['Leaver', 'Dormant', 'Never used', 'No owner']));
  });

  it('synced, adds the login Rollcall did not know and leaves the others’ permissions as they were', async () => {
    loadDemoPage();
    running = startInPageWarnings({ evaluate: evaluateFromPageAlone });
    await running.settled();
    const caseLedger = directory.systems.find((s) => s.id === 'caseledger') as System;
    const plan = planReconcile({
      system: caseLedger,
      accounts: directory.accounts.filter((a) => a.systemId === 'caseledger'),
      people: directory.people,
      snapshot: {
        // As the content script sends them: the whole rows, read when the admin syncs.
        rows: snapshotRows([...running.rows].flatMap(([element, { list }]) => readRow(list, element) ?? [])),
        complete: true,
        dateOrder: 'dmy',
      },
      capturedAt: NOW,
      newId: () => 'new-account',
    });
    expect(plan.diff).toMatchObject({ added: 1, removed: 0 });
    expect(plan.inserts.map((a) => [a.username, [...a.permissions].sort()])).toEqual([
      ['kbrennan', [...(demoPageOnlyAccounts[0]?.permissions ?? [])].sort()],
    ]);
    for (const row of plan.diff.rows) expect(row.fields ?? [], row.username).not.toContain('permissions');
    expect(plan.diff.rows.flatMap((row) => row.warnings ?? [])).toEqual([]);
  });
});
