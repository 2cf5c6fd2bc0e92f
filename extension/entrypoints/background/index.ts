import '../../lib/zod-jitless';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { BrowserBackground } from '../../lib/background/browser-background';
import { keepScriptRegistered } from '../../lib/background/registered-script';
import { serveOperations } from '../../lib/messaging';
import {
  ADMIN_PAGE_SCRIPT_FILE,
  ADMIN_PAGE_SCRIPT_ID,
  grantedAdminPagePatterns,
} from '../../lib/page/admin-page-scripts';
import { browserPattern, browserPatterns } from '../../lib/page/browser-patterns';
import { servePageJudge } from '../../lib/page/judge-port';
import { createPageJudge } from '../../lib/page/page-judge';
import { joinFromManagedStorage, keepSignInScriptRegistered } from '../../lib/sign-in/sign-in-scripts';
import { outboxItem, pageAdaptersItem, syncCursorItem } from '../../lib/storage';
import { currentTables, systemDirectory } from '../../lib/sync/system-directory';

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
      const [tables, adapters] = await Promise.all([currentTables(), pageAdaptersItem.getValue()]);
      return browserPatterns(
        await grantedAdminPagePatterns(tables.system, adapters, (pattern) =>
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

/** How long after it starts the background restores its badge and syncs, unless asked sooner. */
const START_UP_AFTER_MS = 2_000;

/**
 * The background starts in two parts. A stopped background starts again for a page's logins as
 * often as for anything else (the browser stops it after 30 s idle), and the page waits for it: so
 * what starts first is only the in-page warnings' judge, with the directory as stored here
 * (sync/system-directory.ts), and the listeners of every event the browser may have started it
 * for. The rest (sessions, sync, the API contract and its schemas, most of the script's start-up
 * time) is built the first time something needs it: an operation asked, the alarm, or
 * START_UP_AFTER_MS on. The build keeps it in the one file and evaluates it then (`import()`).
 */
export default defineBackground(() => {
  const pageJudge = createPageJudge({ directoryFor: systemDirectory });
  servePageJudge(pageJudge);
  let built: Promise<BrowserBackground> | undefined;
  const background = () =>
    (built ??= import('../../lib/background/browser-background').then((loaded) =>
      loaded.browserBackground(pageJudge),
    ));
  serveOperations(async () => (await background()).operations, browser.runtime.getURL('/'));

  browser.alarms.create(SYNC_ALARM, { periodInMinutes: 2 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void background().then((started) => {
      void started.syncNow().then(() => started.refreshUnread());
      // Sign-ins noted while the server was away go out with the sync.
      void started.operations.reportSignIns();
    });
  });
  // A browser restart: the badge comes back, and queued changes go out.
  setTimeout(() => {
    void background().then((started) => started.restoreBadge().then(() => started.syncNow()));
  }, START_UP_AFTER_MS);

  keepAdminPageScriptRegistered();
  keepSignInScriptRegistered();
  void joinFromManagedStorage(async (data) => (await background()).operations.joinAsStaff(data));
});
