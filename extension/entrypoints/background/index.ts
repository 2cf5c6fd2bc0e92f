import '../../lib/zod-jitless';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackground } from '../../lib/background/operations';
import { keepScriptRegistered } from '../../lib/background/registered-script';
import { serveOperations } from '../../lib/messaging';
import {
  ADMIN_PAGE_SCRIPT_FILE,
  ADMIN_PAGE_SCRIPT_ID,
  grantedAdminPagePatterns,
} from '../../lib/page/admin-page-scripts';
import { browserPattern, browserPatterns } from '../../lib/page/browser-patterns';
import { servePageJudge } from '../../lib/page/judge-port';
import { joinFromManagedStorage, keepSignInScriptRegistered } from '../../lib/sign-in/sign-in-scripts';
import {
  localCopyItem,
  outboxItem,
  pageAdaptersItem,
  serverUrlItem,
  syncCursorItem,
} from '../../lib/storage';
import { createApiClient } from '../../lib/sync/api-client';
import { overlay } from '../../lib/sync/local-copy';
import { pendingMutations } from '../../lib/sync/outbox';
import { createTokenStore } from '../../lib/sync/session-store';

/**
 * Runs the in-page warnings on the configured systems' admin pages: one content script registered at
 * run time with the directory's admin-page patterns the admin granted, kept in step with the
 * directory (a system added, changed or deleted, here or by a colleague), the adapters and the
 * permissions. One update at a time, and none when the patterns stay the same.
 */
function keepAdminPageScriptRegistered(): void {
  const update = keepScriptRegistered({
    id: ADMIN_PAGE_SCRIPT_ID,
    file: ADMIN_PAGE_SCRIPT_FILE,
    what: 'admin-page script',
    async patterns() {
      const [copy, outbox, adapters] = await Promise.all([
        localCopyItem.getValue(),
        outboxItem.getValue(),
        pageAdaptersItem.getValue(),
      ]);
      const systems = overlay(copy.tables, pendingMutations(outbox)).system;
      return browserPatterns(
        await grantedAdminPagePatterns(systems, adapters, (pattern) =>
          browser.permissions.contains({ origins: [browserPattern(pattern)] }),
        ),
      );
    },
  });
  // The cursor moves whenever pulled rows reach the copy, and a push's answers change the outbox:
  // watching these small items, not the directory itself, spares every listener its copy.
  syncCursorItem.watch(update);
  outboxItem.watch(update);
  pageAdaptersItem.watch(update);
}

/** Every few minutes the background pushes what waits and pulls what changed. */
const SYNC_ALARM = 'rollcall-sync';

export default defineBackground(() => {
  const action = browser.action ?? browser.browserAction;
  const api = createApiClient({ serverUrl: () => serverUrlItem.getValue(), tokens: createTokenStore() });
  const background = createBackground({
    api,
    async setBadge(text) {
      await action.setBadgeText({ text });
      await action.setBadgeBackgroundColor({ color: '#b42318' });
    },
  });
  serveOperations(background.operations, browser.runtime.getURL('/'));
  servePageJudge(background.pageJudge);

  browser.alarms.create(SYNC_ALARM, { periodInMinutes: 2 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void background.syncNow().then(() => background.refreshUnread());
    // Sign-ins noted while the server was away go out with the sync.
    void background.operations.reportSignIns();
  });
  // A browser restart: the badge comes back, and queued changes go out.
  void background.restoreBadge().then(() => background.syncNow());

  keepAdminPageScriptRegistered();
  keepSignInScriptRegistered();
  void joinFromManagedStorage(background.operations.joinAsStaff);
});
