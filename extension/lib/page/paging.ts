import type { PageRow } from '../../../shared/schemas/page-row';
import { normaliseHeader } from './header-fields';
import { FILTER_WORDS, TOTAL_PHRASES } from './page-words';

/**
 * Paged user lists: what a page says of its place in the list ("Showing 21–40 of 48", "48 users",
 * "1–10 von 25"), and the gathering of a list's pages into one capture as the admin pages through
 * it, so that "Sync this list" can send every page at once, and say removed only of logins missing
 * from a list seen whole.
 */

/** What the page says of the list it shows: the rows shown (from, to) and the total, where stated. */
export interface StatedRange {
  from: number | null;
  to: number | null;
  total: number;
}

const NUMBER = '(\\d{1,3}(?:[.,\\u00a0\\u202f ]\\d{3})+|\\d+)';
// Matched against lower-cased text, so without the `i` flag: with `u`, case-insensitive patterns
// take twice as long to compile, and a page reads them once.
const RANGE_PATTERNS: RegExp[] = Object.values(TOTAL_PHRASES)
  .flat()
  .map(
    (phrase) =>
      new RegExp(
        phrase
          .replace('{from}', NUMBER.replace('(', '(?<from>'))
          .replace('{to}', NUMBER.replace('(', '(?<to>'))
          .replace('{total}', NUMBER.replace('(', '(?<total>')),
        'u',
      ),
  );
// Ranges first: "1–20 of 48 users" states the rows shown as well as the total.
RANGE_PATTERNS.sort((a, b) => Number(b.source.includes('?<from>')) - Number(a.source.includes('?<from>')));

function toNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text.replace(/[.,\u00a0\u202f ]/g, ''));
  return Number.isFinite(value) ? value : null;
}

/** The range and total a text states, if it states one. */
export function parseStatedRange(text: string): StatedRange | null {
  const tidy = text.replace(/\s+/g, ' ').toLowerCase();
  for (const pattern of RANGE_PATTERNS) {
    const groups = pattern.exec(tidy)?.groups;
    const total = toNumber(groups?.total);
    if (!groups || total === null || total <= 0) continue;
    const from = toNumber(groups.from);
    const to = toNumber(groups.to);
    // "21–40 of 48": a range inside its total, else not a range at all (a date, a score).
    if (from !== null && to !== null && !(from >= 0 && from <= to && to <= total)) continue;
    return { from, to, total };
  }
  return null;
}

/** How far from the list its pager may be: siblings of the list and of its ancestors this far up. */
const LEVELS = 4;
const MAX_TEXT = 400;

/**
 * What the page says near a list of its place in the whole: the short texts beside the list and
 * beside its wrappers (a pager, a caption, a heading "48 users"), nearest first.
 */
export function statedRange(list: Element): StatedRange | null {
  let element: Element | null = list;
  for (let level = 0; element && level < LEVELS; level++, element = element.parentElement) {
    const parent: Element | null = element.parentElement;
    if (!parent) break;
    for (
      let sibling: Element | null = parent.firstElementChild;
      sibling;
      sibling = sibling.nextElementSibling
    ) {
      // A pager or a count is a few elements; a big sibling is more content, not read whole.
      if (sibling === element || sibling.childElementCount > 30) continue;
      const text = sibling.textContent ?? '';
      if (text.length > MAX_TEXT || !/\d/.test(text)) continue;
      const range = parseStatedRange(text);
      if (range) return range;
    }
  }
  // A table's caption, or a pager drawn inside the list's own footer.
  for (const inside of list.querySelectorAll('caption, tfoot, [role=status]')) {
    const text = inside.textContent ?? '';
    if (text.length <= MAX_TEXT) {
      const range = parseStatedRange(text);
      if (range) return range;
    }
  }
  return null;
}

/** The page of a list the page shows: from the stated range, else the address (`?page=3`). */
export function pageNumber(
  range: StatedRange | null,
  shown: number,
  url: string,
  knownSize: number | null = null,
): number | null {
  if (range?.from !== null && range?.from !== undefined && range.to !== null && shown > 0) {
    // The last page may show fewer rows than the others: its size says nothing of theirs.
    const last = range.to >= range.total && range.from > 1;
    const size = last && knownSize ? knownSize : Math.max(shown, range.to - range.from + 1);
    return Math.floor((Math.max(range.from, 1) - 1) / size) + 1;
  }
  try {
    const params = new URL(url).searchParams;
    for (const name of ['page', 'p', 'pg', 'paged', 'pagina', 'seite', 'strona', 'side', 'sida']) {
      const value = Number(params.get(name));
      if (Number.isInteger(value) && value >= 1) return value;
    }
  } catch {
    // Not a URL: no page from it.
  }
  return null;
}

/** A list's pages as gathered so far. */
export interface Gathered {
  /** The page numbers seen (or, where the page says none, the count of different pages seen). */
  pages: number[];
  /** Every user row seen on them, by login; a row seen again is kept as last seen. */
  rows: Record<string, PageRow>;
  /** The list's total as the page states it, where it does. */
  total: number | null;
  /** When the last page was taken in (ms since the epoch): an old gathering is started afresh. */
  updatedAt: number;
  /** The logins of each page without a number, to tell a page seen before from a new one. */
  unnumbered?: string[];
  /** Rows on a full page, as the pages seen so far show. */
  pageSize?: number;
}

/** What the banner says of a paged list. */
export interface PagingState {
  pages: number[];
  users: number;
  total: number | null;
  /** Every page seen: as many users gathered as the page says there are. */
  complete: boolean;
}

export function pagingState(gathered: Gathered): PagingState {
  const users = Object.keys(gathered.rows).length;
  return {
    pages: [...gathered.pages].sort((a, b) => a - b),
    users,
    total: gathered.total,
    complete: gathered.total !== null && users >= gathered.total,
  };
}

/** "1–3", "1, 3–4": page numbers as a reader writes them. */
export function pageSpans(pages: readonly number[]): string {
  const spans: string[] = [];
  let start: number | null = null;
  let previous: number | null = null;
  for (const page of [...pages].sort((a, b) => a - b)) {
    if (previous !== null && page === previous + 1) {
      previous = page;
      continue;
    }
    if (start !== null) spans.push(start === previous ? `${start}` : `${start}–${previous}`);
    start = page;
    previous = page;
  }
  if (start !== null) spans.push(start === previous ? `${start}` : `${start}–${previous}`);
  return spans.join(', ');
}

/** A gathering left this long ago is not the one the admin is paging through now. */
export const GATHERING_EXPIRES_MS = 60 * 60 * 1000;

/**
 * Takes one page of a list into its gathering: its rows, its page number and the total it states.
 * A page shown again (paging back) changes nothing; a total that changes (a user added meanwhile,
 * a filter typed) starts the gathering afresh, as the pages seen before no longer add up to it.
 */
export function gatherPage(
  before: Gathered | null,
  page: { rows: readonly PageRow[]; range: StatedRange | null; number: number | null; now: number },
): Gathered {
  const total = page.range?.total ?? null;
  const fresh =
    !before ||
    page.now - before.updatedAt > GATHERING_EXPIRES_MS ||
    (before.total !== null && total !== null && before.total !== total);
  const gathered: Gathered = fresh
    ? { pages: [], rows: {}, total, updatedAt: page.now, unnumbered: [] }
    : { ...before, rows: { ...before.rows }, pages: [...before.pages], total: total ?? before.total };
  gathered.updatedAt = page.now;
  for (const row of page.rows) gathered.rows[row.username] = row;
  let number = page.number;
  if (number === null) {
    // No number on the page: a page is known by its logins.
    const key = page.rows
      .map((row) => row.username)
      .sort()
      .join('\n');
    const seen = gathered.unnumbered ?? [];
    const index = seen.indexOf(key);
    number = index >= 0 ? index + 1 : seen.length + 1;
    if (index < 0) gathered.unnumbered = [...seen, key];
  }
  if (!gathered.pages.includes(number)) gathered.pages.push(number);
  return gathered;
}

const FILTER_WORD_SET = new Set(Object.values(FILTER_WORDS).flat().map(normaliseHeader));

/** Whether a name or label ("user-search-input", "filter[role]", "Rechercher") names a filter. */
function namesFilter(...texts: (string | null)[]): boolean {
  return texts.some(
    (text) =>
      !!text &&
      normaliseHeader(text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'))
        .split(' ')
        .some((word) => FILTER_WORD_SET.has(word)),
  );
}

/** How far up from the list its search box and filters may be: the list's panel, its toolbar. */
const FILTER_LEVELS = 6;

/**
 * Whether the list shown is filtered: its total is then the filtered list's, and seeing it whole says
 * nothing of the users it leaves out. A filter is a search typed (a search box, or a field named as
 * one, beside the list or in its header's filter row), a choice other than the first in a select
 * named as a filter or in the list's header, or a filter in the address (`?s=dupont`, `?role=editor`).
 * Links to the list's views ("All (56) | Administrator (2)"), empty search boxes, the pager's page
 * field and fields of other forms are not filters.
 */
export function isFiltered(list: Element, url: string): boolean {
  try {
    for (const [name, value] of new URL(url).searchParams)
      if (value.trim() !== '' && namesFilter(name)) return true;
  } catch {
    // Not a URL: nothing to read from it.
  }
  let region: Element = list;
  for (let level = 0; region.parentElement && level < FILTER_LEVELS; level++) region = region.parentElement;
  for (const input of region.querySelectorAll('input')) {
    if (input.readOnly || input.value.trim() === '') continue;
    const field = filterField(input, list);
    if (field && (input.type === 'search' || (input.type === 'text' && field.named))) return true;
  }
  for (const select of region.querySelectorAll('select'))
    if (select.selectedIndex > 0 && select.value.trim() !== '' && filterField(select, list)?.named)
      return true;
  return false;
}

/**
 * A field that may filter the list, and whether it is named as a filter: one beside the list or in
 * the list's header (its filter row), shown and enabled. A field in a user's row acts on that user.
 */
function filterField(field: HTMLInputElement | HTMLSelectElement, list: Element): { named: boolean } | null {
  if (field.disabled || field.closest('[hidden], [aria-hidden=true]')) return null;
  const inList = list.contains(field);
  const inHeader = inList && !!field.closest('thead, th, [role=columnheader]');
  if (inList && !inHeader) return null;
  return {
    named:
      inHeader ||
      field.getAttribute('role') === 'searchbox' ||
      !!field.closest('[role=search]') ||
      namesFilter(
        field.getAttribute('name'),
        field.id,
        field.getAttribute('placeholder'),
        field.getAttribute('aria-label'),
        field.getAttribute('title'),
        field.labels?.[0]?.textContent ?? null,
      ),
  };
}

/** The key a list's pages are gathered under: the page's address without its page number. */
export function gatheringKey(url: string): string {
  try {
    const page = new URL(url);
    return `${page.origin}${page.pathname.replace(/\/(page\/)?\d+\/?$/, '')}`;
  } catch {
    return url;
  }
}

/**
 * Takes the page of a list now shown into its gathering, where the list is paged: where the page
 * states its range or total, or its address names a page. Null for a list shown whole on its page
 * with nothing said of a total (the admin then says whether it is complete). A list the page says
 * it shows whole ("16 staff", every row here) is complete as it stands, and its rows are not read
 * twice: `gathered` is then null, and a sync sends the rows on the page.
 */
export function gatherShownPage(
  list: Element,
  shown: { count: number; read(): PageRow[] },
  before: Gathered | null,
  url: string,
  now: number,
): { gathered: Gathered | null; paging: PagingState & { filtered: boolean } } | null {
  const range = statedRange(list);
  const number = pageNumber(range, shown.count, url, before?.pageSize ?? null);
  if (!range && number === null) return null;
  const filtered = isFiltered(list, url);
  if (!before && range && (number ?? 1) === 1 && range.total === shown.count)
    return {
      gathered: null,
      paging: { pages: [1], users: shown.count, total: range.total, complete: true, filtered },
    };
  const rows = shown.read();
  const gathered = gatherPage(before, { rows, range, number, now });
  if (range && range.to !== null && range.to < range.total)
    gathered.pageSize = Math.max(gathered.pageSize ?? 0, rows.length);
  return { gathered, paging: { ...pagingState(gathered), filtered } };
}
