import { browser } from 'wxt/browser';

/**
 * Whether this browser matches a page's port in a match pattern. Chrome does
 * (`http://intranet:8080/*` matches that port only). Firefox accepts such a pattern in
 * `permissions.request` and `scripting.registerContentScripts` without an error but then never
 * matches a page with it, while a pattern without a port matches every port
 * (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Match_patterns#host).
 * Nothing fails to catch, so it is known per build: WXT builds Firefox separately.
 */
export const BROWSER_MATCHES_PORTS = !import.meta.env.FIREFOX;

/**
 * A system's URL pattern as this browser can grant and match it: as written, or without its port
 * where the browser would silently match nothing. Rollcall's own matching ignores the port either
 * way (`matchesUrlPattern`).
 */
export function browserPattern(pattern: string, matchesPorts = BROWSER_MATCHES_PORTS): string {
  return matchesPorts ? pattern : pattern.replace(/^([^:]+:\/\/[^/:]+):\d+(?=\/)/, '$1');
}

/** Each pattern as the browser can use it, once. */
export function browserPatterns(patterns: readonly string[], matchesPorts = BROWSER_MATCHES_PORTS): string[] {
  return [...new Set(patterns.map((pattern) => browserPattern(pattern, matchesPorts)))];
}

/**
 * Asks the browser for a system's pages, as this browser can grant and match them. Call it within
 * the admin's click, before any await: the browser only prompts from a user's gesture.
 */
export function requestPages(patterns: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: browserPatterns(patterns) });
}
