import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createStaff } from '../../../extension/lib/background/staff';
import { serialise } from '../../../extension/lib/serialise';
import { observationQueueItem, serverUrlItem, staffJoinDraftItem } from '../../../extension/lib/storage';
import { type ApiClient, ApiError } from '../../../extension/lib/sync/api-client';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-03T10:00:00Z');

/** A staff background against a server that records what it is sent, reachable or not. */
function staffWith(server: { online: boolean }) {
  const sent: { path: string; authorization: string | null; body: unknown }[] = [];
  const api = {
    async asDevice(
      op: { path: string },
      device: { credential: string | null },
      request?: { body?: unknown },
    ) {
      if (!server.online) return { ok: false, error: new ApiError('unreachable', 'offline') };
      sent.push({ path: op.path, authorization: device.credential, body: request?.body });
      if (op.path === '/api/v1/devices/join') {
        return {
          ok: true,
          value: {
            credential: 'rcd_secret',
            device: { id: 'd1', personId: 'p1', personName: 'Rita Reception' },
            organisationName: 'Harbour & Vale',
            observationsEnabled: true,
            systems: [
              { id: 's1', name: 'CaseLedger', signInUrlPatterns: ['https://caseledger.example/login*'] },
            ],
          },
        };
      }
      return { ok: true, value: { recorded: 1, newPairs: 1 } };
    },
  } as unknown as ApiClient;
  return { staff: createStaff({ api, now: () => NOW, exclusive: serialise() }), sent };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('a staff browser', () => {
  it('reports a login once per day, queues it while offline and sends it when back', async () => {
    const server = { online: true };
    const { staff, sent } = staffWith(server);
    await staffJoinDraftItem.setValue({
      serverUrl: 'http://127.0.0.1:8787/',
      code: 'AAAAA-BBBBB-CCCCC-DDDDD',
    });
    const joined = await staff.joinAsStaff({
      serverUrl: 'http://127.0.0.1:8787/',
      code: 'AAAAA-BBBBB-CCCCC-DDDDD',
    });
    expect(joined).toMatchObject({ ok: true, value: { personName: 'Rita Reception' } });
    // The code typed in the popup is not kept once used.
    expect(await staffJoinDraftItem.getValue()).toBeNull();

    server.online = false;
    await staff.noteSignIn({ systemId: 's1', login: 'reception', observedAt: NOW });
    await staff.noteSignIn({ systemId: 's1', login: 'Reception', observedAt: NOW + 60_000 });
    expect(await staff.reportPending()).toEqual({ ok: true, value: { sent: 0, waiting: 1 } });
    expect((await observationQueueItem.getValue()).pending).toHaveLength(1);

    server.online = true;
    expect(await staff.reportPending()).toEqual({ ok: true, value: { sent: 1, waiting: 0 } });
    expect((await observationQueueItem.getValue()).pending).toEqual([]);
    await staff.noteSignIn({ systemId: 's1', login: 'reception', observedAt: NOW + 3_600_000 });
    await staff.reportPending();
    await staff.noteSignIn({ systemId: 's1', login: 'reception', observedAt: NOW + DAY });
    await staff.reportPending();

    const reports = sent.filter((s) => s.path === '/api/v1/observations');
    expect(reports.map((r) => r.body)).toEqual([
      { observations: [{ systemId: 's1', login: 'reception', observedAt: NOW }] },
      { observations: [{ systemId: 's1', login: 'reception', observedAt: NOW + DAY }] },
    ]);
    expect(reports.every((r) => r.authorization === 'rcd_secret')).toBe(true);
  });

  it('notes nothing for a system it was not told about, or before joining', async () => {
    const { staff, sent } = staffWith({ online: true });
    await staff.noteSignIn({ systemId: 's1', login: 'reception', observedAt: NOW });
    await staff.joinAsStaff({ serverUrl: 'http://127.0.0.1:8787', code: 'AAAAA-BBBBB-CCCCC-DDDDD' });
    await staff.noteSignIn({ systemId: 'elsewhere', login: 'reception', observedAt: NOW });
    await staff.reportPending();
    expect(sent.filter((s) => s.path === '/api/v1/observations')).toEqual([]);
  });

  it('signs in to the firm’s Rollcall it joined, unless another address was set', async () => {
    const { staff } = staffWith({ online: true });
    await staff.joinAsStaff({
      serverUrl: 'https://rollcall.harbour.example/join',
      code: 'AAAAA-BBBBB-CCCCC-DDDDD',
    });
    expect(await serverUrlItem.getValue()).toBe('https://rollcall.harbour.example');

    fakeBrowser.reset();
    await serverUrlItem.setValue('https://rollcall.elsewhere.example');
    await staff.joinAsStaff({
      serverUrl: 'https://rollcall.harbour.example',
      code: 'AAAAA-BBBBB-CCCCC-DDDDD',
    });
    expect(await serverUrlItem.getValue()).toBe('https://rollcall.elsewhere.example');
  });
});
