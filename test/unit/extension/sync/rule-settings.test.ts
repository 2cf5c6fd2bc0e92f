import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ruleSettingsItem } from '../../../../extension/lib/storage';
import { readRuleSettings } from '../../../../shared/settings';
import { startBackground } from '../background-harness';

function start() {
  const { server, service } = startBackground();
  return { server, service };
}

const stored = async () => readRuleSettings(await ruleSettingsItem.getValue());

beforeEach(() => fakeBrowser.reset());

describe('rule thresholds', () => {
  it('signed in, are the firm’s: saved on the server and pulled back by every sync', async () => {
    const { server, service } = start();
    await service.signIn({ email: 'ann@firm.test', password: 'correct horse battery' });
    expect(await service.saveRuleSettings({ dormantDays: 30 })).toEqual({ ok: true });
    expect(server.state.ruleSettings).toMatchObject({ dormantDays: 30 });
    expect((await stored()).dormantDays).toBe(30);

    // Another owner's change reaches this browser with the next sync.
    server.state.ruleSettings = { ...server.state.ruleSettings, dormantDays: 60 };
    await service.syncNow();
    expect((await stored()).dormantDays).toBe(60);
  });

  it('says plainly when this member may not change them, and keeps the firm’s', async () => {
    const { server, service } = start();
    await service.signIn({ email: 'ann@firm.test', password: 'correct horse battery' });
    server.state.settingsRefused = true;
    const result = await service.saveRuleSettings({ dormantDays: 10 });
    expect(result).toMatchObject({ ok: false, message: 'Only the firm’s owner may change its settings.' });
    expect((await stored()).dormantDays).toBe(45);
    // Let the sign-in's own sync finish before the next test starts on fresh storage.
    await service.syncNow();
  });

  it('signed out, apply in this browser alone', async () => {
    const { server, service } = start();
    expect(await service.saveRuleSettings({ maxAdmins: 4 })).toEqual({ ok: true });
    expect((await stored()).maxAdmins).toBe(4);
    expect(server.state.ruleSettings).toEqual({});
  });
});
