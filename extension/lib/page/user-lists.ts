import type { AdapterField, ColumnRef, PageAdapter } from './adapter-schema';
import { cellText, MARK_TAG_PREFIX } from './cell-text';
import { type ColumnField, fieldForHeader, normaliseHeader } from './header-fields';

/**
 * A user list found on a page: a `<table>`, an ARIA grid built from `div`s, or whatever an adapter
 * points at. It knows which of its rows hold users and which column holds what; reading a row into
 * data is `readRow`'s job.
 */
export interface UserList {
  element: Element;
  layout: 'table' | 'aria' | 'adapter';
  /** The header text of each column position, colspans expanded. */
  headers: string[];
  /** Where each field is: a column position, or an element selector inside the row (adapters). */
  columns: Partial<Record<AdapterField, number | { selector: string }>>;
  /** Whether an element is one of this list's user rows (not its header). */
  isRow(element: Element): boolean;
  /** The list's user rows as the page shows them now. */
  rows(): Element[];
  /**
   * A row's cells by column position, colspans expanded; with `count`, only the first `count`
   * positions need be there (a big list's rows are read a few columns at a time).
   */
  cells(row: Element, count?: number): ArrayLike<Element | undefined>;
  /** The CSS selector that finds this list's rows, to locate the row of a changed node. */
  rowSelector: string;
  /**
   * Columns that are one permission each, with a checkbox per user (payments portals draw their
   * "Users" page this way): found on the first rows read, then kept.
   */
  permissionColumns?: number[];
}

const GRID_ROLES = ['grid', 'treegrid', 'table'] as const;
const GRID_SELECTOR = GRID_ROLES.map((role) => `[role=${role}]`).join(', ');
const ARIA_CELL_SELECTOR = '[role=gridcell], [role=cell], [role=rowheader]';

/** Every user list in a document or subtree: tables and ARIA grids, or those an adapter names. */
export function findUserLists(root: Document | Element = document, adapter?: PageAdapter | null): UserList[] {
  if (adapter?.listSelector) {
    return [...root.querySelectorAll(adapter.listSelector)]
      .map((element) => describeList(element, adapter))
      .filter((list): list is UserList => list !== null);
  }
  // One query per kind, merged in document order (a table with a grid role is found once): Chromium
  // answers each simple selector in about a millisecond on a 5,000-row page, and the selector list
  // `table, [role=grid], …` in about seven.
  const found = new Set<Element>(root.getElementsByTagName('table'));
  for (const role of GRID_ROLES) for (const grid of root.querySelectorAll(`[role=${role}]`)) found.add(grid);
  const candidates = [...found].sort(inDocumentOrder);
  if (root instanceof Element && (root.matches('table') || root.matches(GRID_SELECTOR)))
    candidates.unshift(root);
  const lists: UserList[] = [];
  for (const element of candidates) {
    if (element.tagName.startsWith(MARK_TAG_PREFIX)) continue;
    const list = describeList(element, adapter ?? null);
    if (list) lists.push(list);
  }
  return lists;
}

function inDocumentOrder(a: Element, b: Element): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** The user list an element is, or null when it does not look like one. */
export function describeList(element: Element, adapter: PageAdapter | null = null): UserList | null {
  const shape =
    element instanceof HTMLTableElement
      ? tableShape(element)
      : element.matches(GRID_SELECTOR)
        ? ariaShape(element)
        : adapter
          ? childShape(element)
          : null;
  if (!shape) return null;
  const layout = adapter?.listSelector ? 'adapter' : shape.layout;
  const headerFields = shape.headers.map((header) => fieldForHeader(header));
  const { columns, named } = resolveColumns(headerFields);
  if (adapter) applyAdapterColumns(columns, shape.headers, adapter.columns);
  if (!adapter?.listSelector && !named && !hasSupportingColumns(columns)) return null;
  if (columns.username === undefined) return null;
  const base = { element, layout, headers: shape.headers, columns, cells: shape.cells } as const;
  if (adapter?.rowSelector) {
    const rowSelector = adapter.rowSelector;
    const isRow = (candidate: Element) =>
      candidate.matches(rowSelector) && element.contains(candidate) && candidate !== element;
    return { ...base, rowSelector, isRow, rows: () => [...element.querySelectorAll(rowSelector)] };
  }
  return { ...base, rowSelector: shape.rowSelector, isRow: shape.isRow, rows: shape.rows };
}

interface ListShape {
  layout: 'table' | 'aria';
  headers: string[];
  rowSelector: string;
  isRow(element: Element): boolean;
  rows(): Element[];
  cells(row: Element, count?: number): ArrayLike<Element | undefined>;
}

function expandSpans(cells: Element[]): (Element | undefined)[] {
  const out: (Element | undefined)[] = [];
  for (const cell of cells) placeCell(out, cell);
  return out;
}

/** Puts a cell at its column positions: once per column it spans, at its `aria-colindex` if set. */
function placeCell(out: (Element | undefined)[], cell: Element): void {
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

function headerTexts(cells: (Element | undefined)[]): string[] {
  return cells.map((cell) =>
    cell ? cellText(cell, { header: true }) || cell.getAttribute('aria-label') || '' : '',
  );
}

// Own rows and cells only, never a nested table's. (DOM emulators' `rows`/`cells` are not always
// that strict, so walk the children.) The sections to walk, and how many rows at most.
function tableRows(table: HTMLTableElement, sections: readonly string[], limit = Number.POSITIVE_INFINITY) {
  const rows: HTMLTableRowElement[] = [];
  for (let child = table.firstElementChild; child && rows.length < limit; child = child.nextElementSibling) {
    const tag = child.tagName;
    if (tag === 'TR') {
      if (sections.includes('TBODY')) rows.push(child as HTMLTableRowElement);
    } else if (sections.includes(tag)) {
      for (let row = child.firstElementChild; row && rows.length < limit; row = row.nextElementSibling)
        if (row.tagName === 'TR') rows.push(row as HTMLTableRowElement);
    }
  }
  return rows;
}

/**
 * The user rows of a table, as `isRow` would pick them, in one walk of its own rows: neither header
 * nor footer rows, nor empty ones, nor (with no <thead>) those before the header row.
 */
function bodyRows(table: HTMLTableElement, headerRow: Element, hasHead: boolean): Element[] {
  const rows: Element[] = [];
  let afterHeader = hasHead;
  const take = (row: Element) => {
    if (row === headerRow) afterHeader = true;
    else if (afterHeader && row.childElementCount > 0) rows.push(row);
  };
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const tag = child.tagName;
    if (tag === 'TR') take(child);
    else if (tag === 'TBODY') {
      for (let row = child.firstElementChild; row; row = row.nextElementSibling)
        if (row.tagName === 'TR') take(row);
    }
  }
  return rows;
}

function rowCells(row: Element): Element[] {
  const cells: Element[] = [];
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
    if (cell.tagName === 'TD' || cell.tagName === 'TH') cells.push(cell);
  }
  return cells;
}

/**
 * The cells of a row that holds one cell per column and nothing else, which stand at their column
 * positions: the browser's own `cells` collection, no walk. The walk makes the content script wrap
 * every cell it passes; on a 5,000-row list this reaches the cells it needs in half the time. (DOM
 * emulators' `cells` may hold a nested table's cells too; they then outnumber the row's children,
 * and the row is walked.)
 */
function cellsInPlace(row: Element, columns: number): ArrayLike<Element> | null {
  const cells = (row as HTMLTableRowElement).cells;
  return cells?.length === columns && row.childElementCount === columns ? cells : null;
}

/**
 * A table row's cells by column position, spans expanded, in one walk of the row that stops once
 * `count` positions are filled: for rows with merged cells or other children beside their cells.
 */
function tableRowCells(row: Element, count: number): (Element | undefined)[] {
  const out: (Element | undefined)[] = [];
  for (let cell = row.firstElementChild; cell && out.length < count; cell = cell.nextElementSibling) {
    const tag = cell.tagName;
    if (tag === 'TD' || tag === 'TH') placeCell(out, cell);
  }
  return out;
}

function tableShape(table: HTMLTableElement): ListShape | null {
  // Header row: the last row of <thead>; else the first row made only of <th>; else the first row
  // (older server-rendered apps draw their header with bold <td>s). Only the first rows are looked
  // at: a header sits at the top, and a 5,000-row list is not walked to find it.
  const headRows = tableRows(table, ['THEAD']);
  const topRows = tableRows(table, ['THEAD', 'TBODY', 'TFOOT'], 20);
  const headerRow =
    headRows.at(-1) ??
    topRows.find((row) => {
      const cells = rowCells(row);
      return cells.length > 0 && cells.every((cell) => cell.tagName === 'TH');
    }) ??
    topRows[0];
  const headerCells = headerRow ? rowCells(headerRow) : [];
  if (!headerRow || headerCells.length < 2) return null;
  const headers = headerTexts(expandSpans(headerCells));
  const isRow = (element: Element): boolean =>
    element instanceof HTMLTableRowElement &&
    element !== headerRow &&
    element.closest('table') === table &&
    element.parentElement?.tagName !== 'THEAD' &&
    element.parentElement?.tagName !== 'TFOOT' &&
    element.childElementCount > 0 &&
    // A header drawn with <td>s sits first; rows before it are not users.
    (headRows.length > 0 || headerRow.compareDocumentPosition(element) === Node.DOCUMENT_POSITION_FOLLOWING);
  return {
    layout: 'table',
    headers,
    rowSelector: 'tr',
    isRow,
    rows: () => bodyRows(table, headerRow, headRows.length > 0),
    cells: (row, count = Number.POSITIVE_INFINITY) =>
      cellsInPlace(row, headers.length) ?? tableRowCells(row, count),
  };
}

function ownerGrid(element: Element): Element | null {
  return element.parentElement?.closest(GRID_SELECTOR) ?? null;
}

function ariaShape(grid: Element): ListShape | null {
  const headerCells = [...grid.querySelectorAll('[role=columnheader]')].filter(
    (cell) => cell.closest(GRID_SELECTOR) === grid,
  );
  const headerRow = headerCells[0]?.closest('[role=row]') ?? null;
  if (!headerRow || headerCells.length < 2) return null;
  const rowHeaderCells = headerCells.filter((cell) => cell.closest('[role=row]') === headerRow);
  const headers = headerTexts(expandSpans(rowHeaderCells));
  const isRow = (element: Element): boolean =>
    element.getAttribute('role') === 'row' &&
    element !== headerRow &&
    ownerGrid(element) === grid &&
    element.querySelector('[role=columnheader]') === null;
  return {
    layout: 'aria',
    headers,
    rowSelector: '[role=row]',
    isRow,
    rows: () => [...grid.querySelectorAll('[role=row]')].filter(isRow),
    cells: (row) =>
      expandSpans(
        [...row.querySelectorAll(ARIA_CELL_SELECTOR)].filter((cell) => cell.closest('[role=row]') === row),
      ),
  };
}

/** An adapter's list that is neither a table nor a grid (a `<ul>`, cards): its rows' children are cells. */
function childShape(element: Element): ListShape {
  const isRow = (candidate: Element) => candidate.parentElement === element;
  return {
    layout: 'aria',
    headers: [],
    rowSelector: '*',
    isRow,
    rows: () => [...element.children],
    cells: (row) => [...row.children],
  };
}

type Columns = UserList['columns'];

/**
 * Which column holds what. `named` says whether a header names the login outright ("Username",
 * "Login ID"); an email or "User" column is on every contact list and audit log too, so it makes a
 * user list only together with two of role, status, last sign-in and permissions.
 */
function resolveColumns(fields: (ColumnField | null)[]): { columns: Columns; named: boolean } {
  const columns: Columns = {};
  let user: number | undefined;
  fields.forEach((field, index) => {
    if (field === null) return;
    if (field === 'user') {
      user ??= index;
      return;
    }
    // Colspans repeat a header over several positions: keep the first.
    if (columns[field] === undefined) columns[field] = index;
  });
  const named = columns.username !== undefined;
  // "User" is the login where nothing else is, otherwise the person's name.
  if (user !== undefined) {
    if (columns.username === undefined) columns.username = user;
    else if (columns.displayName === undefined) columns.displayName = user;
  }
  if (columns.username === undefined && columns.email !== undefined) columns.username = columns.email;
  return { columns, named };
}

function hasSupportingColumns(columns: Columns): boolean {
  const present = (['role', 'status', 'lastSignIn', 'permissions'] as const).filter(
    (field) => columns[field] !== undefined,
  );
  return present.length >= 2;
}

function applyAdapterColumns(
  columns: Columns,
  headers: string[],
  refs: Partial<Record<AdapterField, ColumnRef>>,
): void {
  for (const [field, ref] of Object.entries(refs) as [AdapterField, ColumnRef][]) {
    if ('index' in ref) columns[field] = ref.index - 1;
    else if ('selector' in ref) columns[field] = { selector: ref.selector };
    else {
      const wanted = normaliseHeader(ref.header);
      const index = headers.findIndex((header) => normaliseHeader(header) === wanted);
      if (index >= 0) columns[field] = index;
    }
  }
}
