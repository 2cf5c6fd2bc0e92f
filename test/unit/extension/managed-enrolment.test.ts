import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { joinFromManagedStorage } from '../../../extension/lib/sign-in/sign-in-scripts';
import { staffEnrolmentItem } from '../../../extension/lib/storage';

const POLICY = { serverUrl: 'https://rollcall.harbour.example', enrolmentCode: 'ABCDE-FGHIJ-KLMNO-PQRST' };

beforeEach(() => fakeBrowser.reset());

describe('joining as staff from the browser policy IT deployed', () => {
  it('joins with the server and code the policy sets', async () => {
    await fakeBrowser.storage.managed.set(POLICY);
    const join = vi.fn(async () => ({ ok: true }));
    await joinFromManagedStorage(join);
    expect(join).toHaveBeenCalledExactlyOnceWith({ serverUrl: POLICY.serverUrl, code: POLICY.enrolmentCode });
  });

  it('does not join again once this browser has joined', async () => {
    await fakeBrowser.storage.managed.set(POLICY);
    await staffEnrolmentItem.setValue({
      serverUrl: POLICY.serverUrl,
      credential: 'rcd_x',
      deviceId: 'd1',
      personName: 'Rita Reception',
      organisationName: 'Harbour & Vale',
      observationsEnabled: true,
      systems: [],
      joinedAt: 1,
      credentialSince: 1,
    });
    const join = vi.fn(async () => ({ ok: true }));
    await joinFromManagedStorage(join);
    expect(join).not.toHaveBeenCalled();
  });

  it('does nothing without a policy, or with one missing the code', async () => {
    const join = vi.fn(async () => ({ ok: true }));
    await joinFromManagedStorage(join);
    await fakeBrowser.storage.managed.set({ serverUrl: POLICY.serverUrl, enrolmentCode: 42 });
    await joinFromManagedStorage(join);
    expect(join).not.toHaveBeenCalled();
  });
});
