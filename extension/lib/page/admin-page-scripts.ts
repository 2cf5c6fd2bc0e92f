import type { PageAdapter } from './adapter-schema';

/** The id of the content script registered at run time for the configured systems' admin pages. */
export const ADMIN_PAGE_SCRIPT_ID = 'rollcall-admin-pages';
/** The built content script, as WXT names it. */
export const ADMIN_PAGE_SCRIPT_FILE = '/content-scripts/admin-page.js';

/**
 * The URL patterns the in-page warnings should run on: every configured system's patterns that the
 * admin granted host permission for (asked for when the system is added, one system at a time).
 */
export async function grantedAdminPagePatterns(
  adapters: readonly PageAdapter[],
  isGranted: (pattern: string) => Promise<boolean>,
): Promise<string[]> {
  const patterns = [...new Set(adapters.flatMap((adapter) => adapter.urlPatterns))];
  const granted = await Promise.all(
    patterns.map(async (pattern) => ((await isGranted(pattern)) ? pattern : null)),
  );
  return granted.filter((pattern): pattern is string => pattern !== null);
}
