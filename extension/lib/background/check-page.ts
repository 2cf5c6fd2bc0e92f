import { browser } from 'wxt/browser';
import { ADMIN_PAGE_SCRIPT_FILE } from '../page/admin-page-scripts';

export type CheckPageResult = { state: 'checking' } | { state: 'failed'; reason: string };

/**
 * "Check this page" in the popup: the in-page warnings once, on the tab the admin is looking at,
 * through activeTab, so no standing permission for the site is needed.
 */
export async function checkPage(tabId: number): Promise<CheckPageResult> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [ADMIN_PAGE_SCRIPT_FILE] });
    return { state: 'checking' };
  } catch {
    // The browser's own words ("Cannot access a chrome:// URL") are not for the admin.
    return { state: 'failed', reason: 'the browser keeps extensions out of this page' };
  }
}
