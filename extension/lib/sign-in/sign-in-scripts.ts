import { browser } from 'wxt/browser';
import { keepScriptRegistered } from '../background/registered-script';
import { browserPatterns } from '../page/browser-patterns';
import { type StaffEnrolment, staffEnrolmentItem } from '../storage';

/** The id of the content script registered at run time on the firm's systems' sign-in pages. */
export const SIGN_IN_SCRIPT_ID = 'rollcall-sign-in-pages';
/** The built content script, as WXT names it. */
export const SIGN_IN_SCRIPT_FILE = '/sign-in-page.js';

/**
 * The sign-in URL patterns to observe: none until the browser joined as staff and the firm turned
 * observations on; then each system's patterns the staff member granted host permission for.
 */
export async function grantedSignInPatterns(
  enrolment: StaffEnrolment | null,
  isGranted: (pattern: string) => Promise<boolean>,
): Promise<string[]> {
  if (!enrolment?.observationsEnabled) return [];
  const patterns = browserPatterns(enrolment.systems.flatMap((system) => system.signInUrlPatterns));
  const granted = await Promise.all(patterns.map(async (p) => ((await isGranted(p)) ? p : null)));
  return granted.filter((p): p is string => p !== null).sort();
}

/** Keeps the sign-in script registered on exactly those patterns, following enrolment and permissions. */
export function keepSignInScriptRegistered(): void {
  const update = keepScriptRegistered({
    id: SIGN_IN_SCRIPT_ID,
    file: SIGN_IN_SCRIPT_FILE,
    what: 'sign-in script',
    patterns: async () =>
      grantedSignInPatterns(await staffEnrolmentItem.getValue(), (pattern) =>
        browser.permissions.contains({ origins: [pattern] }),
      ),
  });
  staffEnrolmentItem.watch(update);
}

/**
 * Joins as staff with the server and enrolment code IT set by browser policy (storage.managed,
 * schema in public/managed-schema.json), once, when this browser has not joined yet.
 */
export async function joinFromManagedStorage(
  join: (data: { serverUrl: string; code: string }) => Promise<{ ok: boolean }>,
): Promise<void> {
  if (!browser.storage.managed || (await staffEnrolmentItem.getValue())) return;
  const policy = await browser.storage.managed.get(['serverUrl', 'enrolmentCode']).catch(() => ({}));
  const { serverUrl, enrolmentCode } = policy as { serverUrl?: unknown; enrolmentCode?: unknown };
  if (typeof serverUrl === 'string' && typeof enrolmentCode === 'string') {
    await join({ serverUrl, code: enrolmentCode });
  }
}
