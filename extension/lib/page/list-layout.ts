import type { AdapterField } from './adapter-schema';
import { cellSegments } from './cell-text';
import { fieldForHeader } from './header-fields';

/** Where each field of a row is: a column position, or an element selector inside the row (adapters). */
export type ListColumns = Partial<Record<AdapterField, number | { selector: string }>>;

/**
 * One kind of user list a page may draw, declared in one file under `layouts/`: how to find it, how
 * to read its rows, and what to watch for. `user-lists.ts` finds lists with every layout there, and
 * `watch-user-rows.ts` rescans the page when something a layout names arrives.
 */
export interface ListLayout {
  /** Names the layout on each list it finds (`UserList.layout`). */
  name: string;
  /** The pages it was made for, and the page versions, for whoever has to change it. */
  serves: string;
  /**
   * Simple selectors for the elements that may be such a list, one query each (Chromium answers a
   * simple selector in about a millisecond on a 5,000-row page, a selector list in about seven). No
   * element matches two layouts' selectors: a `<table role=grid>` is the table layout's.
   */
  finds: readonly string[];
  /**
   * Selectors of added elements, besides the lists themselves, after which the page is looked at
   * again: a header drawn after its list, items rendered into a list that was empty.
   */
  watches: readonly string[];
  /**
   * For a layout whose lists no selector finds (records of any tag, told apart by their shape): the
   * elements that may be its lists, in one walk of the subtree that passes over the lists the other
   * layouts found.
   */
  discover?(root: Document | Element | ShadowRoot, found: ReadonlySet<Element>): Element[];
  /** For a layout that discovers its lists: whether an added element calls for a fresh look. */
  arrives?(added: Element): boolean;
  /** Whether its columns are named by header texts, which an adapter's columns may then override. */
  headed: boolean;
  /** The list the element is, or null when it is not one of this layout's. */
  shape(element: Element): ListShape | null;
}

/**
 * A list as a layout reads it: its headers, which of its elements are user rows, and each row's
 * cells by column position. Whether it holds users is decided from its headers, unless the layout
 * says where each field is itself (`columns`).
 */
export interface ListShape {
  /** The header text of each column position, colspans expanded; none for lists without headers. */
  headers: string[];
  /** Where each field is, for a layout that knows without headers; the list then holds users. */
  columns?: ListColumns;
  /** The CSS selector that finds this list's rows, to locate the row of a changed node. */
  rowSelector: string;
  /** Whether an element is one of this list's user rows (not its header). */
  isRow(element: Element): boolean;
  /** The list's user rows as the page shows them now. */
  rows(): Element[];
  /**
   * A row's cells by column position, colspans expanded; with `count`, only the first `count`
   * positions need be there (a big list's rows are read a few columns at a time).
   */
  cells(row: Element, count?: number): ArrayLike<Element | undefined>;
  /**
   * Each row's shown text in one read of the whole list, a line per row with a tab between its cells
   * (as a table's `innerText` is laid out), for the rows whose line could be told; null where the
   * layout cannot read its list so. Read once when a list is first marked: each row's line holds
   * until the row changes.
   */
  shownLines?(): ShownLines | null;
  /**
   * Where a row's badges go, where not in the login's cell: in a record whose login is a link, inside
   * the link they would be part of it.
   */
  markAnchor?(row: Element): Element;
  /**
   * A field the layout reads as text of its own rather than from one cell (a record's groups, which
   * the page writes inline among other words); undefined where it has nothing to say.
   */
  text?(row: Element, field: AdapterField): string | null | undefined;
}

/** Rows' lines of shown text, by row. */
export type ShownLines = Map<Element, string>;

/** Puts a cell at its column positions: once per column it spans, at its `aria-colindex` if set. */
export function placeCell(out: (Element | undefined)[], cell: Element): void {
  // Most cells carry no attributes at all, hence no span: one check, the common case on big lists.
  if (!cell.hasAttributes()) {
    out.push(cell);
    return;
  }
  const span = Math.min(Math.max(Number(cell.getAttribute('colspan')) || 1, 1), 50);
  const at = Number(cell.getAttribute('aria-colindex'));
  if (at >= 1 && at <= 500 && at - 1 >= out.length) out.length = at - 1;
  for (let i = 0; i < span; i++) out.push(cell);
}

export function expandSpans(cells: Element[]): (Element | undefined)[] {
  const out: (Element | undefined)[] = [];
  for (const cell of cells) placeCell(out, cell);
  return out;
}

/**
 * The text of each header cell, or its accessible label where it shows none (an icon column). A
 * header with a hint beside its name ("Global privileges" and a help text) is named by its first
 * piece of text; one whose whole text names no field is named by its first piece that does: a sort
 * hint for screen readers ("Username" and a hidden "(sorted A to Z)"), an icon font's ligature
 * ("Username" and "arrow_upward").
 */
export function headerTexts(cells: (Element | undefined)[]): string[] {
  return cells.map((cell) => {
    if (!cell) return '';
    const segments = cellSegments(cell, { header: true });
    const text = segments.join(' ');
    if (segments.length > 1 && fieldForHeader(text) === null) {
      const named = segments.find((segment) => fieldForHeader(segment) !== null);
      if (named) return named;
    }
    if (text.length > 40 && segments[0]) return segments[0];
    return text || cell.getAttribute('aria-label') || '';
  });
}
