import { browser } from 'wxt/browser';
import { ADMIN_PAGE_SCRIPT_FILE } from '../page/admin-page-scripts';
import { done, type Result, refused } from '../result';

/**
 * "Check this page" in the popup: the in-page warnings once, on the tab the admin is looking at,
 * through activeTab, so no standing permission for the site is needed. Done means they are
 * checking; a refusal's message says why not, to follow "Rollcall can’t check this page: ".
 */
export async function checkPage(tabId: number): Promise<Result> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [ADMIN_PAGE_SCRIPT_FILE] });
    return done();
  } catch {
    // The browser's own words ("Cannot access a chrome:// URL") are not for the admin.
    return refused('blocked', 'the browser keeps extensions out of this page');
  }
}
