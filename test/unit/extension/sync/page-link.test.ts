import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { snapshotRows } from '../../../../extension/lib/page/snapshot-rows';
import { localCopyItem, queuedSnapshotsItem } from '../../../../extension/lib/storage';
import { createPageLink } from '../../../../extension/lib/sync/page-link';
import { systemDirectory } from '../../../../extension/lib/sync/system-directory';
import type { PageRow, PageSnapshot } from '../../../../shared/schemas/page-row';
import { startBackground } from '../background-harness';
import { accountRow, fakeServer, systemRow } from './fake-server';

const PASSWORD = 'correct horse battery';
const PAGE = 'https://payroll.example.test/admin/users';

/** A background as the browser would start it, against a fake server, with its page link. */
function start(server = fakeServer()) {
  const { api, service } = startBackground({ server });
  const link = createPageLink({ api, syncNow: () => service.syncNow() });
  return { service, link, server };
}

function row(username: string, extra: Partial<PageRow> = {}): PageRow {
  return {
    username,
    displayName: null,
    email: null,
    role: null,
    status: 'Active',
    lastSignIn: null,
    permissions: null,
    ...extra,
  };
}

function snapshot(rows: PageRow[], pageUrl = PAGE, complete = false): PageSnapshot {
  return { pageUrl, systemId: null, capturedAt: 1_700_000_000_000, complete, rows };
}

/** A firm with a Payroll system whose admin pages are the page above, and one known account. */
async function signedInWithPayroll() {
  const started = start();
  started.server.write({
    entity: 'system',
    row: systemRow('sys-payroll', 'Payroll', ['https://payroll.example.test/admin/*']),
  });
  started.server.write({
    entity: 'system',
    row: systemRow('sys-crm', 'CRM', ['https://crm.example.test/*']),
  });
  started.server.write({ entity: 'account', row: accountRow('acc-jo', 'sys-payroll', 'jo') });
  started.server.write({ entity: 'account', row: accountRow('acc-crm', 'sys-crm', 'kim') });
  await started.service.signIn({ email: 'ann@firm.test', password: PASSWORD });
  await started.service.syncNow();
  return started;
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('what the directory knows about an admin page', () => {
  it('knows nothing signed out', async () => {
    const { server } = start();
    server.write({
      entity: 'system',
      row: systemRow('sys-payroll', 'Payroll', ['https://payroll.example.test/*']),
    });
    expect(await systemDirectory(PAGE)).toBeNull();
  });

  it("gives the matching system's accounts and open findings, and nothing for another site", async () => {
    await signedInWithPayroll();
    const directory = await systemDirectory(`${PAGE}?page=2`);
    expect(directory?.systemId).toBe('sys-payroll');
    expect(directory?.accounts.map((a) => a.username)).toEqual(['jo']);
    // jo has no owner: the shared rules say so, and only about this system's accounts.
    expect(directory?.findings.map((f) => [f.ruleId, f.subject.id])).toEqual([['unowned-account', 'acc-jo']]);
    expect(await systemDirectory('https://elsewhere.example.test/admin/users')).toBeNull();
  });

  it('leaves a dismissed finding off the page', async () => {
    const { service } = await signedInWithPayroll();
    const finding = (await systemDirectory(PAGE))?.findings[0];
    expect(finding).toBeDefined();
    const { findingsItem } = await import('../../../../extension/lib/storage');
    const stored = (await findingsItem.getValue()).findings.find((f) => f.subject.id === 'acc-jo');
    await service.dismissFinding({
      findingId: stored?.id ?? '',
      fingerprint: stored?.fingerprint ?? '',
      reason: 'The agency login, owner on file',
      expiresAt: Date.now() + 86_400_000,
    });
    expect((await systemDirectory(PAGE))?.findings).toEqual([]);
  });
});

describe('syncing a user list read off an admin page', () => {
  it('sends nothing signed out', async () => {
    const { link, server } = start();
    expect(await link.syncPageSnapshot(snapshot([row('jo')]))).toEqual({ state: 'signed-out' });
    expect(server.state.snapshots).toBe(0);
  });

  it('says plainly when the page belongs to no system', async () => {
    const { link, server } = await signedInWithPayroll();
    const result = await link.syncPageSnapshot(snapshot([row('jo')], 'https://elsewhere.example.test/users'));
    expect(result).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('No system in Rollcall'),
    });
    expect(server.state.snapshots).toBe(0);
  });

  it('pulls once when the page belongs to a system added since the last sync', async () => {
    const { link, server } = await signedInWithPayroll();
    server.write({ entity: 'system', row: systemRow('sys-hr', 'HR', ['https://hr.example.test/*']) });
    const result = await link.syncPageSnapshot(snapshot([row('lee')], 'https://hr.example.test/people'));
    expect(result).toEqual({ state: 'synced', added: 1, changed: 0, removed: 0, notes: [] });
    expect(
      (await systemDirectory('https://hr.example.test/people'))?.accounts.map((a) => a.username),
    ).toEqual(['lee']);
  });

  it('passes on what the server could not read, login by login, and how the page writes its dates', async () => {
    const { link, server } = await signedInWithPayroll();
    const result = await link.syncPageSnapshot({
      ...snapshot([
        row('lee', { lastSignIn: 'Mañana por la tarde' }),
        row('sam', { lastSignIn: '2026-11-30T10:00:00Z' }),
      ]),
      dateOrder: 'mdy',
    });
    expect(result).toEqual({
      state: 'synced',
      added: 2,
      changed: 0,
      removed: 0,
      notes: ['lee: last sign-in "Mañana por la tarde" not understood'],
    });
    expect(server.state.snapshotDateOrder).toBe('mdy');
  });

  it('answers with the diff, and the local copy follows', async () => {
    const { link } = await signedInWithPayroll();
    const result = await link.syncPageSnapshot(
      snapshot([row('jo', { status: 'Disabled' }), row('admin'), row('sam')]),
    );
    expect(result).toEqual({ state: 'synced', added: 2, changed: 1, removed: 0, notes: [] });
    const accounts = Object.values((await localCopyItem.getValue()).tables.account);
    expect(
      accounts
        .filter((a) => a.systemId === 'sys-payroll')
        .map((a) => `${a.username}:${a.status}`)
        .sort(),
    ).toEqual(['admin:active', 'jo:disabled', 'sam:active']);
    // The new logins have no owner yet, and the page hears it from the directory.
    const directory = await systemDirectory(PAGE);
    const unowned = directory?.findings.filter((f) => f.ruleId === 'unowned-account');
    expect(unowned?.map((f) => f.subject.id).sort()).toEqual(['acc-admin', 'acc-sam']);
  });

  it('marks logins missing from the page removed only when the admin says the list is whole', async () => {
    const { link } = await signedInWithPayroll();
    // One page of a paged list: the logins on other pages stay as they are.
    expect(await link.syncPageSnapshot(snapshot([row('sam')]))).toEqual({
      state: 'synced',
      added: 1,
      changed: 0,
      removed: 0,
      notes: [],
    });
    expect(await link.syncPageSnapshot(snapshot([row('sam')], PAGE, true))).toMatchObject({
      state: 'synced',
      removed: 1,
    });
  });

  it('asks the admin before a complete list removes most logins, and sends it again when they say yes', async () => {
    const { link, server } = await signedInWithPayroll();
    // An empty page sent as the whole list would remove jo, the only login: the server asks first.
    const asked = await link.syncPageSnapshot(snapshot([], PAGE, true));
    expect(asked).toEqual({
      state: 'confirm-removals',
      question: expect.stringContaining('1 logins removed'),
    });
    expect(await queuedSnapshotsItem.getValue()).toEqual([]);
    expect(server.state.snapshots).toBe(1);
    const status = async () => (await localCopyItem.getValue()).tables.account['acc-jo']?.status;
    expect(await status()).toBe('active');
    const confirmed = await link.syncPageSnapshot({ ...snapshot([], PAGE, true), confirmRemovals: true });
    expect(confirmed).toEqual({ state: 'synced', added: 0, changed: 0, removed: 1, notes: [] });
    expect(await status()).toBe('removed');
  });

  it('keeps a list made offline across a restart and sends it with the next sync', async () => {
    const first = await signedInWithPayroll();
    first.server.state.down = true;
    expect(await first.link.syncPageSnapshot(snapshot([row('jo'), row('sam')]))).toEqual({ state: 'queued' });
    expect(await queuedSnapshotsItem.getValue()).toHaveLength(1);

    // The browser restarts on the same storage; the server is back.
    const second = start(first.server);
    first.server.state.down = false;
    expect(await second.service.syncNow()).toMatchObject({ state: 'synced' });
    expect(first.server.state.snapshots).toBe(1);
    expect(await queuedSnapshotsItem.getValue()).toEqual([]);
    const accounts = (await localCopyItem.getValue()).tables.account;
    expect(Object.values(accounts).map((a) => a.username)).toContain('sam');
  });

  it('keeps only the newest list of a page while offline', async () => {
    const { link, server } = await signedInWithPayroll();
    server.state.down = true;
    await link.syncPageSnapshot(snapshot([row('jo'), row('old')]));
    await link.syncPageSnapshot(snapshot([row('jo'), row('new')]));
    expect((await queuedSnapshotsItem.getValue()).map((q) => q.body.rows.map((r) => r.username))).toEqual([
      ['jo', 'new'],
    ]);
  });
});

describe('page rows in the snapshot contract', () => {
  it('keeps a login listed twice once, and the role where no permissions show', () => {
    expect(
      snapshotRows([
        row('Jo', { role: 'Administrator' }),
        row('jo'),
        row('sam', { role: 'Clerk', permissions: ['payments.add'] }),
      ]),
    ).toEqual([
      {
        username: 'Jo',
        displayName: null,
        email: null,
        permissions: 'Administrator',
        status: 'Active',
        lastSignIn: null,
      },
      {
        username: 'sam',
        displayName: null,
        email: null,
        permissions: ['payments.add'],
        status: 'Active',
        lastSignIn: null,
      },
    ]);
  });
});
