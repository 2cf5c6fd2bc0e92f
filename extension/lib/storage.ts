import { storage } from 'wxt/utils/storage';

/** Where the Rollcall worker answers. `npm start` serves one on this address. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export const serverUrlItem = storage.defineItem<string>('local:serverUrl', {
  fallback: DEFAULT_SERVER_URL,
  version: 1,
});
