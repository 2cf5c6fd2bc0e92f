import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { onMessage } from '../../lib/messaging';
import {
  ADMIN_PAGE_SCRIPT_FILE,
  ADMIN_PAGE_SCRIPT_ID,
  grantedAdminPagePatterns,
} from '../../lib/page/admin-page-scripts';
import { fetchServerStatus } from '../../lib/server-status';
import { pageAdaptersItem, serverUrlItem } from '../../lib/storage';

/**
 * Runs the in-page warnings on the configured systems' admin pages: one content script registered at
 * run time with the patterns the admin granted, kept in step with the options and the permissions.
 */
async function syncAdminPageScript(): Promise<void> {
  // Browsers without dynamic content scripts still have "Check this page".
  if (!browser.scripting?.registerContentScripts) return;
  const patterns = await grantedAdminPagePatterns(await pageAdaptersItem.getValue(), (pattern) =>
    browser.permissions.contains({ origins: [pattern] }),
  );
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [ADMIN_PAGE_SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [ADMIN_PAGE_SCRIPT_ID] });
  if (patterns.length === 0) return;
  await browser.scripting.registerContentScripts([
    { id: ADMIN_PAGE_SCRIPT_ID, matches: patterns, js: [ADMIN_PAGE_SCRIPT_FILE], runAt: 'document_idle' },
  ]);
}

export default defineBackground(() => {
  onMessage('getServerStatus', async () => fetchServerStatus(await serverUrlItem.getValue()));
  // Signing in to Rollcall is not built yet, so no session exists to send a snapshot with: say so
  // plainly rather than pretend. The call to `POST /api/v1/systems/:id/snapshots` goes here.
  onMessage('syncPageSnapshot', () => ({ state: 'signed-out' }) as const);
  // Likewise no local copy of the directory exists yet: the page's warnings come from the page alone.
  onMessage('getSystemDirectory', () => null);
  // "Check this page" in the popup: once, on the tab the admin is looking at, through activeTab, so
  // no standing permission for the site is needed.
  onMessage('checkPage', async ({ data: tabId }) => {
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: [ADMIN_PAGE_SCRIPT_FILE] });
      return { state: 'checking' } as const;
    } catch (error) {
      return {
        state: 'failed',
        reason: error instanceof Error ? error.message : 'the browser did not allow it on this page',
      } as const;
    }
  });

  void syncAdminPageScript();
  pageAdaptersItem.watch(() => void syncAdminPageScript());
  browser.permissions.onAdded.addListener(() => void syncAdminPageScript());
  browser.permissions.onRemoved.addListener(() => void syncAdminPageScript());
});
