import { storage } from 'wxt/utils/storage';
import type { PageAdapter } from './page/adapter-schema';

/** Where the Rollcall worker answers. `npm start` serves one on this address. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export const serverUrlItem = storage.defineItem<string>('local:serverUrl', {
  fallback: DEFAULT_SERVER_URL,
  version: 1,
});

/**
 * How to read each configured system's admin pages (URL patterns, optional selectors and column
 * mapping), set in the options page. Pages no adapter covers are read by the detector alone.
 */
export const pageAdaptersItem = storage.defineItem<PageAdapter[]>('local:pageAdapters', {
  fallback: [],
  version: 1,
});
