import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundService } from '../../lib/background-service';
import { onMessage } from '../../lib/messaging';
import { fetchServerStatus } from '../../lib/server-status';
import { serverUrlItem } from '../../lib/storage';
import { createApiClient } from '../../lib/sync/api-client';
import { createTokenStore } from '../../lib/sync/session-store';

/** Every few minutes the background pushes what waits and pulls what changed. */
const SYNC_ALARM = 'rollcall-sync';

export default defineBackground(() => {
  onMessage('getServerStatus', async () => fetchServerStatus(await serverUrlItem.getValue()));

  const action = browser.action ?? browser.browserAction;
  const service = createBackgroundService({
    api: createApiClient({ serverUrl: () => serverUrlItem.getValue(), tokens: createTokenStore() }),
    async setBadge(text) {
      await action.setBadgeText({ text });
      await action.setBadgeBackgroundColor({ color: '#b42318' });
    },
  });

  onMessage('signIn', ({ data }) => service.signIn(data));
  onMessage('signUp', ({ data }) => service.signUp(data));
  onMessage('signOut', () => service.signOut());
  onMessage('syncNow', () => service.syncNow());
  onMessage('queueChange', ({ data }) => service.queueChange(data));
  onMessage('resolveConflict', ({ data }) => service.resolveConflict(data));
  onMessage('discardRejection', ({ data }) => service.discardRejection(data));
  onMessage('dismissFinding', ({ data }) => service.dismissFinding(data));
  onMessage('recomputeFindings', async () => {
    await service.recompute();
    return { ok: true } as const;
  });

  browser.alarms.create(SYNC_ALARM, { periodInMinutes: 2 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.syncNow();
  });
  // A browser restart: the badge comes back, and queued changes go out.
  void service.restoreBadge().then(() => service.syncNow());
});
