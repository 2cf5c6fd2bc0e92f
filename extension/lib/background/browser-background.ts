import { browser } from 'wxt/browser';
import type { PageJudge } from '../page/page-judge';
import { serverUrlItem } from '../storage';
import { createApiClient } from '../sync/api-client';
import { createTokenStore } from '../sync/session-store';
import { createBackground } from './operations';

export type BrowserBackground = ReturnType<typeof createBackground>;

/**
 * The background as the browser runs it: its API client on the stored server and tokens, the badge on
 * the toolbar button, and the in-page warnings' judge the entrypoint made first.
 */
export function browserBackground(pageJudge: PageJudge): BrowserBackground {
  const action = browser.action ?? browser.browserAction;
  const api = createApiClient({ serverUrl: () => serverUrlItem.getValue(), tokens: createTokenStore() });
  return createBackground({
    api,
    pageJudge,
    async setBadge(text) {
      await action.setBadgeText({ text });
      await action.setBadgeBackgroundColor({ color: '#b42318' });
    },
  });
}
