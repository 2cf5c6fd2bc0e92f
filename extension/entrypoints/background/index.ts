import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundService } from '../../lib/background-service';
import { onMessage } from '../../lib/messaging';
import {
  ADMIN_PAGE_SCRIPT_FILE,
  ADMIN_PAGE_SCRIPT_ID,
  grantedAdminPagePatterns,
} from '../../lib/page/admin-page-scripts';
import { servePageJudge } from '../../lib/page/judge-port';
import { createPageJudge } from '../../lib/page/page-judge';
import { createReviewsService, wireReviewMessages } from '../../lib/reviews-service';
import { serialise } from '../../lib/serialise';
import { fetchServerStatus } from '../../lib/server-status';
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
import { createPageLink } from '../../lib/sync/page-link';
import { createTokenStore } from '../../lib/sync/session-store';

/**
 * Runs the in-page warnings on the configured systems' admin pages: one content script registered at
 * run time with the directory's admin-page patterns the admin granted, kept in step with the
 * directory (a system added, changed or deleted, here or by a colleague), the adapters and the
 * permissions. One update at a time, and none when the patterns stay the same.
 */
function keepAdminPageScriptRegistered(): void {
  // Browsers without dynamic content scripts still have "Check this page".
  if (!browser.scripting?.registerContentScripts) return;
  const inTurn = serialise();
  let registered: string | null = null;
  const update = () =>
    inTurn(async () => {
      const [copy, outbox, adapters] = await Promise.all([
        localCopyItem.getValue(),
        outboxItem.getValue(),
        pageAdaptersItem.getValue(),
      ]);
      const systems = overlay(copy.tables, pendingMutations(outbox)).system;
      const patterns = await grantedAdminPagePatterns(systems, adapters, (pattern) =>
        browser.permissions.contains({ origins: [pattern] }),
      );
      const key = patterns.join('\n');
      if (key === registered) return;
      const existing = await browser.scripting.getRegisteredContentScripts({ ids: [ADMIN_PAGE_SCRIPT_ID] });
      if (existing.length > 0)
        await browser.scripting.unregisterContentScripts({ ids: [ADMIN_PAGE_SCRIPT_ID] });
      if (patterns.length > 0) {
        await browser.scripting.registerContentScripts([
          {
            id: ADMIN_PAGE_SCRIPT_ID,
            matches: patterns,
            js: [ADMIN_PAGE_SCRIPT_FILE],
            runAt: 'document_start',
          },
        ]);
      }
      registered = key;
    }).catch((error: unknown) => {
      registered = null;
      console.warn('Rollcall could not register its admin-page script:', error);
    });
  void update();
  // The cursor moves whenever pulled rows reach the copy, and a push's answers change the outbox:
  // watching these small items, not the directory itself, spares every listener its copy.
  syncCursorItem.watch(() => void update());
  outboxItem.watch(() => void update());
  pageAdaptersItem.watch(() => void update());
  browser.permissions.onAdded.addListener(() => void update());
  browser.permissions.onRemoved.addListener(() => void update());
}

/** Every few minutes the background pushes what waits and pulls what changed. */
const SYNC_ALARM = 'rollcall-sync';

export default defineBackground(() => {
  onMessage('getServerStatus', async () => fetchServerStatus(await serverUrlItem.getValue()));

  const action = browser.action ?? browser.browserAction;
  const api = createApiClient({ serverUrl: () => serverUrlItem.getValue(), tokens: createTokenStore() });
  const service = createBackgroundService({
    api,
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
  onMessage('retryRejection', ({ data }) => service.retryRejection(data));
  onMessage('discardRejection', ({ data }) => service.discardRejection(data));
  onMessage('dismissFinding', ({ data }) => service.dismissFinding(data));
  onMessage('saveRuleSettings', ({ data }) => service.saveRuleSettings(data));

  browser.alarms.create(SYNC_ALARM, { periodInMinutes: 2 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.syncNow().then(() => reviews.refreshUnread());
  });
  const reviews = createReviewsService({ api, onUnreadChanged: () => service.restoreBadge() });
  wireReviewMessages(reviews, onMessage);
  // A browser restart: the badge comes back, and queued changes go out.
  void service.restoreBadge().then(() => service.syncNow());

  const pageLink = createPageLink({ api, syncNow: () => service.syncNow() });
  const pageJudge = createPageJudge({ directoryFor: (pageUrl) => pageLink.getSystemDirectory(pageUrl) });
  onMessage('syncPageSnapshot', async ({ data }) => {
    const result = await pageLink.syncPageSnapshot(data);
    pageJudge.forget();
    return result;
  });
  servePageJudge(pageJudge);
  // "Check this page" in the popup: once, on the tab the admin is looking at, through activeTab, so
  // no standing permission for the site is needed.
  onMessage('checkPage', async ({ data: tabId }) => {
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: [ADMIN_PAGE_SCRIPT_FILE] });
      return { state: 'checking' } as const;
    } catch {
      // The browser's own words ("Cannot access a chrome:// URL") are not for the admin.
      return { state: 'failed', reason: 'the browser keeps extensions out of this page' } as const;
    }
  });

  keepAdminPageScriptRegistered();
});
