import type { Tables } from '../sync/local-copy';
import type { PageAdapter } from './adapter-schema';

/** The id of the content script registered at run time for the configured systems' admin pages. */
export const ADMIN_PAGE_SCRIPT_ID = 'rollcall-admin-pages';
/** The built content script, as WXT names it. */
export const ADMIN_PAGE_SCRIPT_FILE = '/content-scripts/admin-page.js';

/**
 * The URL patterns the in-page warnings should run on: the admin-page patterns of every system in
 * the directory (as this browser sees it, queued changes included) and of any page adapter, each
 * once, kept only where the admin granted host permission (asked for when the system is added).
 * A system deleted, or a permission taken back, drops its patterns.
 */
export async function grantedAdminPagePatterns(
  systems: Tables['system'],
  adapters: readonly PageAdapter[],
  isGranted: (pattern: string) => Promise<boolean>,
): Promise<string[]> {
  const patterns = [
    ...new Set([
      ...Object.values(systems).flatMap((system) => (system.deleted ? [] : system.adminUrlPatterns)),
      ...adapters.flatMap((adapter) => adapter.urlPatterns),
    ]),
  ];
  const granted = await Promise.all(
    patterns.map(async (pattern) => ((await isGranted(pattern)) ? pattern : null)),
  );
  return granted.filter((pattern): pattern is string => pattern !== null).sort();
}
