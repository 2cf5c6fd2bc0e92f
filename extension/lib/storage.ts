import { storage } from 'wxt/utils/storage';
import type { PageAdapter } from './page/adapter-schema';

/**
 * Where the Rollcall worker answers until the admin types another. Fixed at build time:
 * `npm start` builds in the worker it starts (WXT_ROLLCALL_SERVER_URL), else the local default.
 */
export const DEFAULT_SERVER_URL: string = import.meta.env.WXT_ROLLCALL_SERVER_URL || 'http://127.0.0.1:8787';

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
