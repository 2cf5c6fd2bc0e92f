import { z } from 'zod';
import { idSchema, urlPatternSchema } from '../../../shared/schemas/directory';

/**
 * How to read one system's user list when the detector alone is not enough: which pages (URL match
 * patterns), optionally which element is the list and which are its rows, and which column holds
 * what. The admin sets these in the options page; every part is optional but the patterns.
 */
export const columnRefSchema = z.union([
  /** The column whose header reads this text (case and punctuation ignored). */
  z.object({ header: z.string().trim().min(1).max(200) }),
  /** The column at this position, counting from 1. */
  z.object({ index: z.number().int().min(1).max(200) }),
  /** An element inside the row, for lists that are not laid out in columns. */
  z.object({ selector: z.string().trim().min(1).max(500) }),
]);
export type ColumnRef = z.infer<typeof columnRefSchema>;

export const adapterFieldSchema = z.enum([
  'username',
  'email',
  'displayName',
  'firstName',
  'lastName',
  'role',
  'permissions',
  'status',
  'lastSignIn',
]);
export type AdapterField = z.infer<typeof adapterFieldSchema>;

export const pageAdapterSchema = z.object({
  id: idSchema,
  /** The Rollcall system this page belongs to, once the admin has linked it. */
  systemId: idSchema.nullable(),
  name: z.string().trim().min(1).max(200),
  urlPatterns: z.array(urlPatternSchema).min(1).max(20),
  listSelector: z.string().trim().min(1).max(500).optional(),
  rowSelector: z.string().trim().min(1).max(500).optional(),
  columns: z.partialRecord(adapterFieldSchema, columnRefSchema).default({}),
});
export type PageAdapter = z.infer<typeof pageAdapterSchema>;

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
