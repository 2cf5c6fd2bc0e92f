import type { PageAdapter } from './adapter-schema';

/**
 * Whether a URL falls under a browser match pattern (`https://*.example.com/admin/*`), as defined in
 * https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns. The query string
 * and fragment are not part of the match, as in the browser.
 */
export function matchesUrlPattern(pattern: string, url: string): boolean {
  const parsedPattern = /^(\*|https?|file):\/\/(\*|\*\.[^/*]+|[^/*]*)(\/.*)$/.exec(pattern);
  if (!parsedPattern) return false;
  const [, scheme, host, path] = parsedPattern as unknown as [string, string, string, string];
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const targetScheme = target.protocol.slice(0, -1);
  if (scheme === '*' ? targetScheme !== 'http' && targetScheme !== 'https' : scheme !== targetScheme)
    return false;
  const targetHost = target.hostname;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2);
      if (targetHost !== base && !targetHost.endsWith(`.${base}`)) return false;
    } else if (host.replace(/:\d+$/, '') !== targetHost) return false;
  }
  const pathPattern = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`);
  return pathPattern.test(target.pathname);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The first adapter whose patterns cover the page, if any. */
export function adapterForUrl(adapters: readonly PageAdapter[], url: string): PageAdapter | null {
  return adapters.find((adapter) => adapter.urlPatterns.some((p) => matchesUrlPattern(p, url))) ?? null;
}
