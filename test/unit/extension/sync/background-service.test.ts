import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { summariseSync } from '../../../../extension/lib/popup/sync-line';
import {
  dismissalsItem,
  findingsItem,
  homeSummaryItem,
  localCopyItem,
  outboxItem,
  signedInAsItem,
  signInStepItem,
  syncStatusItem,
} from '../../../../extension/lib/storage';
import { startBackground } from '../background-harness';
import { fakeServer, personRow } from './fake-server';

const PASSWORD = 'correct horse battery';

/** A background as the browser would start it, against a fake server. */
function start(server = fakeServer()) {
  let badge = '';
  const { service, background } = startBackground({
    server,
    setBadge: async (text) => {
      badge = text;
    },
  });
  return { service, background, server, badge: () => badge };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('signing in', () => {
  it('says the password is wrong, or the account locked, in words', async () => {
    const { service } = start();
    expect(await service.signIn({ email: 'ann@firm.test', password: 'wrong password!' })).toMatchObject({
      ok: false,
      kind: 'wrong-credentials',
      message: 'The email or password is wrong.',
    });
    expect(await service.signIn({ email: 'ann@firm.test', password: 'locked-out-password' })).toMatchObject({
      ok: false,
      kind: 'locked',
      message: expect.stringContaining('Try again in 10 minutes'),
    });
    expect(await signedInAsItem.getValue()).toBeNull();
  });

  it('says so when no server answers', async () => {
    const { service, server } = start();
    server.state.down = true;
    const result = await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    expect(result).toMatchObject({
      ok: false,
      kind: 'unreachable',
      message: 'Can’t reach the Rollcall server at http://127.0.0.1:8787.',
    });
  });

  it('keeps the tokens out of what other pages can read', async () => {
    const { service } = start();
    expect(await service.signIn({ email: 'ann@firm.test', password: PASSWORD })).toEqual({ ok: true });
    const who = await signedInAsItem.getValue();
    expect(who).toMatchObject({
      state: 'signed-in',
      member: { name: 'Ann Owner' },
      organisation: { name: 'Harbour & Vale' },
    });
    expect(JSON.stringify(who)).not.toContain('access-');
    expect(JSON.stringify(who)).not.toContain('refresh-token');
  });
});

describe('signing in with a second factor', () => {
  it('asks for the code after the password, keeps the challenge from pages, and signs in with it', async () => {
    const { service, server } = start();
    server.state.secondFactor = true;
    expect(await service.signIn({ email: 'ann@firm.test', password: PASSWORD })).toEqual({
      ok: true,
      value: { next: 'code' },
    });
    expect(await signedInAsItem.getValue()).toBeNull();
    expect(await signInStepItem.getValue()).toMatchObject({ step: 'code', email: 'ann@firm.test' });
    expect(await service.giveSecondFactor({ code: '000000' })).toMatchObject({
      ok: false,
      message: 'That code is wrong or was already used.',
    });
    expect(await service.giveSecondFactor({ code: '123456' })).toEqual({ ok: true });
    expect(await signInStepItem.getValue()).toBeNull();
    expect(await signedInAsItem.getValue()).toMatchObject({ state: 'signed-in' });
  });

  it('sends the known-browser token the server gave this browser with the next sign-in', async () => {
    const { service, server } = start();
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    await service.signOut();
    await service.signIn({ email: 'Ann@Firm.test', password: PASSWORD });
    expect(server.state.knownBrowsersSent).toEqual([undefined, 'known-browser-token-000001']);
  });
});

describe('syncing', () => {
  it('pulls the directory, pushes a change made offline once, and keeps it across a restart', async () => {
    const first = start();
    first.server.write({ entity: 'person', row: personRow('p1', 'Rose Baker') });
    await first.service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    await first.service.syncNow();
    expect((await localCopyItem.getValue()).tables.person.p1?.name).toBe('Rose Baker');

    first.server.state.down = true;
    expect(
      await first.service.queueChange({
        op: 'upsert',
        entity: 'person',
        rowId: 'p1',
        data: { name: 'Rose Hill' },
      }),
    ).toEqual({ ok: true });
    expect(await first.service.syncNow()).toMatchObject({ state: 'offline' });
    expect((await outboxItem.getValue()).queue).toHaveLength(1);

    // The browser restarts: a new background on the same storage, the server is back.
    const second = start(first.server);
    first.server.state.down = false;
    expect(await second.service.syncNow()).toMatchObject({ state: 'synced' });
    await second.service.syncNow();
    expect(first.server.person('p1')?.name).toBe('Rose Hill');
    expect(first.server.state.pushes).toBe(1);
    expect((await outboxItem.getValue()).queue).toEqual([]);
    expect((await localCopyItem.getValue()).tables.person.p1).toMatchObject({
      name: 'Rose Hill',
      version: 2,
    });
  });

  it('sets a change the server refuses aside with its reasons, and keeps syncing the rest', async () => {
    const { service, server } = start();
    server.write({ entity: 'person', row: personRow('p1', 'Rose Baker') });
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    await service.syncNow();
    // Queued by an older version of the extension, which let a 400-character name through.
    const long = 'X'.repeat(400);
    const queued = (rowId: string, name: string, n: number) => ({
      mutation: {
        op: 'upsert' as const,
        entity: 'person' as const,
        rowId,
        mutationId: `queued-${n}-000`,
        baseVersion: null,
        data: { name },
      },
      queuedAt: n,
    });
    await outboxItem.setValue({
      queue: [queued('p2', 'Amy Fox', 1), queued('p3', long, 2), queued('p4', 'Ben Ng', 3)],
      conflicts: [],
      rejected: [],
    });
    expect(await service.syncNow()).toMatchObject({ state: 'synced' });
    expect([server.person('p2')?.name, server.person('p3'), server.person('p4')?.name]).toEqual([
      'Amy Fox',
      undefined,
      'Ben Ng',
    ]);
    const outbox = await outboxItem.getValue();
    expect(outbox.queue).toEqual([]);
    expect(outbox.rejected).toHaveLength(1);
    expect(outbox.rejected[0]?.errors.map((e) => e.field)).toEqual(['data.name']);
    expect(summariseSync(await syncStatusItem.getValue(), outbox).text).toBe(
      '1 change refused by the server',
    );

    // A later change still goes through; then the refused one, corrected, goes too.
    await service.queueChange({ op: 'upsert', entity: 'person', rowId: 'p5', data: { name: 'Cy Doe' } });
    await service.syncNow();
    expect(server.person('p5')?.name).toBe('Cy Doe');
    const refused = outbox.rejected[0]?.mutation.mutationId as string;
    expect(await service.retryRejection({ mutationId: refused, data: { name: 'Xavier Long' } })).toEqual({
      ok: true,
    });
    await service.syncNow();
    expect(server.person('p3')?.name).toBe('Xavier Long');
    expect(await outboxItem.getValue()).toMatchObject({ queue: [], rejected: [] });
  });

  it('queues nothing the server would refuse, and says which field and why', async () => {
    const { service } = start();
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    const answer = await service.queueChange({
      op: 'upsert',
      entity: 'person',
      rowId: 'p9',
      data: { name: 'N'.repeat(400) },
    });
    expect(answer).toMatchObject({
      ok: false,
      kind: 'invalid',
      fields: [{ field: 'name', message: 'Name: at most 200 characters.' }],
    });
    expect((await outboxItem.getValue()).queue).toEqual([]);
    // A new row needs what the server needs to create it.
    expect(
      await service.queueChange({ op: 'upsert', entity: 'person', rowId: 'p9', data: { email: 'a@b.test' } }),
    ).toMatchObject({ ok: false, fields: [{ field: 'name', message: 'Name: required.' }] });
  });

  it('renews an expired access token silently', async () => {
    const { service, server } = start();
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    server.expireAccess();
    expect(await service.syncNow()).toMatchObject({ state: 'synced' });
    expect(server.state.refreshes).toBe(1);
  });

  it('asks to sign in again when the session ended, without touching the queue', async () => {
    const { service, server } = start();
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    server.state.down = true;
    await service.queueChange({ op: 'upsert', entity: 'person', rowId: 'p9', data: { name: 'Amy Fox' } });
    await service.syncNow();
    server.state.down = false;
    server.expireAccess();
    server.state.refreshRejected = true;
    expect(await service.syncNow()).toMatchObject({ state: 'signed-out' });
    expect(await signedInAsItem.getValue()).toMatchObject({ state: 'expired' });
    expect((await outboxItem.getValue()).queue.map((q) => q.mutation.rowId)).toEqual(['p9']);

    // Signing in again to the same firm sends what waited.
    server.state.refreshRejected = false;
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    await service.syncNow();
    expect(server.person('p9')?.name).toBe('Amy Fox');
    expect((await syncStatusItem.getValue()).state).toBe('synced');
  });

  it('keeps a conflict for the admin and applies their choice', async () => {
    const { service, server } = start();
    server.write({ entity: 'person', row: personRow('p1', 'Rose Baker') });
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    await service.syncNow();
    server.state.down = true;
    await service.queueChange({ op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'Rose Hill' } });
    // Meanwhile another admin renames her on the server.
    server.write({ entity: 'person', row: personRow('p1', 'Rose Baker-Hill') });
    server.state.down = false;
    await service.syncNow();
    const [conflict] = (await outboxItem.getValue()).conflicts;
    expect(conflict?.current?.row).toMatchObject({ name: 'Rose Baker-Hill' });
    expect(server.person('p1')?.name).toBe('Rose Baker-Hill');

    await service.resolveConflict({ conflictId: conflict?.id ?? '', choice: 'mine' });
    await service.syncNow();
    expect(server.person('p1')?.name).toBe('Rose Hill');
    expect(await outboxItem.getValue()).toEqual({ queue: [], conflicts: [], rejected: [] });
  });

  it('starts a fresh copy when another firm signs in', async () => {
    const { service } = start();
    await localCopyItem.setValue({
      organisationId: 'another-firm',
      cursor: 5,
      pulledAt: 1,
      tables: {
        person: { p1: personRow('p1', 'Someone Else', { version: 5 }) },
        system: {},
        jobRole: {},
        account: {},
      },
    });
    await syncStatusItem.setValue({ state: 'synced', lastSyncedAt: 1, message: null });
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    const copy = await localCopyItem.getValue();
    expect(copy.organisationId).toBe('org1');
    expect(copy.tables.person.p1).toBeUndefined();
    // Until the new firm's first sync ends, nothing says it was synced, nor shows the other's findings.
    expect((await syncStatusItem.getValue()).lastSyncedAt).not.toBe(1);
    expect((await homeSummaryItem.getValue()).summary.notChecked).toBe('no-people');
    await service.syncNow();
  });
});

describe('findings and the badge', () => {
  it('counts critical and high findings on the badge, and a dismissal takes one off', async () => {
    const { service, badge } = start();
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    await service.queueChange({ op: 'upsert', entity: 'system', rowId: 's1', data: { name: 'CaseLedger' } });
    await service.queueChange({
      op: 'upsert',
      entity: 'account',
      rowId: 'a1',
      data: { systemId: 's1', username: 'admin' },
    });
    await service.queueChange({
      op: 'upsert',
      entity: 'account',
      rowId: 'a2',
      data: { systemId: 's1', username: 'reception' },
    });
    const { findings } = await findingsItem.getValue();
    expect(findings.find((f) => f.subject.id === 'a1')?.ruleId).toBe('default-account');
    expect(findings.find((f) => f.subject.id === 'a2')?.ruleId).toBe('generic-username');
    const urgent = findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    expect(urgent).toHaveLength(2);
    expect(badge()).toBe('2');

    const first = urgent[0];
    if (!first) throw new Error('expected a finding');
    await service.dismissFinding({
      findingId: first.id,
      fingerprint: first.fingerprint,
      reason: 'Vendor needs it',
      expiresAt: Date.now() + 86_400_000,
    });
    expect(badge()).toBe('1');
    // The sync the dismissal started ends here, not in the next test's storage.
    await service.syncNow();
  });

  it('applies the firm’s dismissals made in other browsers after a sync, and drops them once taken back there', async () => {
    const { service, server, badge } = start();
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    await service.queueChange({ op: 'upsert', entity: 'system', rowId: 's1', data: { name: 'CaseLedger' } });
    await service.queueChange({
      op: 'upsert',
      entity: 'account',
      rowId: 'a2',
      data: { systemId: 's1', username: 'reception' },
    });
    await service.syncNow();
    const generic = (await findingsItem.getValue()).findings.find((f) => f.ruleId === 'generic-username');
    if (!generic) throw new Error('expected a generic-login finding');
    expect(badge()).toBe('1');
    // Another member dismisses it from their own browser.
    server.state.dismissals = [
      {
        findingId: generic.id,
        fingerprint: generic.fingerprint,
        reason: 'Kiosk in the locked back office',
        expiresAt: Date.now() + 86_400_000,
        dismissedAt: Date.now(),
        dismissedBy: 'm2',
        dismissedByName: 'Rita Reviewer',
        title: generic.title,
      },
    ];
    await service.syncNow();
    expect((await findingsItem.getValue()).findings.some((f) => f.id === generic.id)).toBe(false);
    expect(badge()).toBe('');
    expect(await dismissalsItem.getValue()).toEqual([
      expect.objectContaining({ findingId: generic.id, dismissedByName: 'Rita Reviewer', sent: true }),
    ]);
    // Taken back there: it shows here again after the next sync.
    server.state.dismissals = [];
    await service.syncNow();
    expect((await findingsItem.getValue()).findings.some((f) => f.id === generic.id)).toBe(true);
    expect(badge()).toBe('1');
  });

  it('raises a critical finding for a leaver whose login is still active, offline too', async () => {
    const { service, server, badge } = start();
    await service.signIn({ email: 'ann@firm.test', password: PASSWORD });
    server.state.down = true;
    await service.queueChange({ op: 'upsert', entity: 'system', rowId: 's1', data: { name: 'CaseLedger' } });
    await service.queueChange({ op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'Rose Baker' } });
    await service.queueChange({
      op: 'upsert',
      entity: 'account',
      rowId: 'a1',
      data: { systemId: 's1', username: 'rose.baker', ownerPersonId: 'p1', lastSignInAt: Date.now() },
    });
    const before = (await findingsItem.getValue()).findings.filter((f) => f.severity === 'critical');
    expect(before).toEqual([]);
    const badgeBefore = Number(badge() || 0);
    await service.queueChange({
      op: 'upsert',
      entity: 'person',
      rowId: 'p1',
      data: { status: 'leaver', endDate: '2026-01-05' },
    });
    const { findings } = await findingsItem.getValue();
    expect(findings[0]).toMatchObject({
      ruleId: 'leaver-still-active',
      severity: 'critical',
      personIds: ['p1'],
    });
    expect(badge()).toBe(String(badgeBefore + 1));
  });
});
