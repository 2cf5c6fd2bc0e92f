import { cellSegments, isEmail } from '../cell-text';
import { type ColumnField, fieldForHeader } from '../header-fields';
import {
  expandSpans,
  headerTexts,
  type ListLayout,
  type ListShape,
  placeCell,
  type ShownLines,
} from '../list-layout';
import { isHtmlElement, isHtmlTag } from '../nodes';

/**
 * Classic `<table>`s, as server-rendered admin pages (practice-management, payments portals) and
 * single-page apps' data tables draw them: a header row naming the columns, then a row per user.
 * Tables with a grid role are read here too, by their own rows and cells.
 */
const table: ListLayout = {
  name: 'table',
  serves: 'any <table> with a header row: <thead>, a row of <th>s, or a first row of bold <td>s',
  finds: ['table'],
  // A header drawn after its table (a single-page app filling in a table it showed empty).
  watches: ['thead'],
  headed: true,
  shape: (element) => (isHtmlTag(element, 'table') ? tableShape(element) : null),
};
export default table;

// Own rows and cells only, never a nested table's. (DOM emulators' `rows`/`cells` are not always
// that strict, so walk the children.) The sections to walk, and how many rows at most.
export function tableRows(
  table: HTMLTableElement,
  sections: readonly string[],
  limit = Number.POSITIVE_INFINITY,
) {
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
function bodyRows(table: HTMLTableElement, headerRow: Element, hasHead: boolean, columns: number): Element[] {
  const rows: Element[] = [];
  let afterHeader = hasHead;
  const take = (row: Element, first: boolean) => {
    if (row === headerRow) afterHeader = true;
    else if (
      afterHeader &&
      row.childElementCount > 0 &&
      !spansTheTable(row, columns) &&
      !(first && controlsRow(row))
    )
      rows.push(row);
  };
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const tag = child.tagName;
    if (tag === 'TR') take(child, child.previousElementSibling === null);
    else if (tag === 'TBODY') {
      for (let row = child.firstElementChild; row; row = row.nextElementSibling)
        if (row.tagName === 'TR') take(row, row === child.firstElementChild);
    }
  }
  return rows;
}

/**
 * A row of one cell across the whole table: a group heading, a pager, "No users found", never a
 * user.
 */
function spansTheTable(row: Element, columns: number): boolean {
  if (row.childElementCount !== 1 || columns < 2) return false;
  const cell = row.firstElementChild;
  return !!cell && cell.hasAttribute('colspan') && Number(cell.getAttribute('colspan')) >= columns;
}

/**
 * A row of header cells holding nothing but controls: the search fields and buttons vtiger draws at
 * the top of its list's body. No user; a user's row has a cell of its own. Asked of a section's
 * first row only: a look at every row's first cell would make the reading of a big list wrap a cell
 * per row that it otherwise reads from the list's text.
 */
function controlsRow(row: Element): boolean {
  if (row.firstElementChild?.tagName !== 'TH') return false;
  const cells = rowCells(row);
  return cells.every((cell) => cell.tagName === 'TH') && saysNothing(row);
}

export function rowCells(row: Element): Element[] {
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
export function cellsInPlace(row: Element, columns: number): ArrayLike<Element> | null {
  const cells = (row as HTMLTableRowElement).cells;
  return cells?.length === columns && row.childElementCount === columns ? cells : null;
}

/**
 * A table row's cells by column position, spans expanded, in one walk of the row that stops once
 * `count` positions are filled: for rows with merged cells or other children beside their cells.
 */
export function tableRowCells(row: Element, count: number): (Element | undefined)[] {
  const out: (Element | undefined)[] = [];
  for (let cell = row.firstElementChild; cell && out.length < count; cell = cell.nextElementSibling) {
    const tag = cell.tagName;
    if (tag === 'TD' || tag === 'TH') placeCell(out, cell);
  }
  return out;
}

/**
 * How many rows a table may have and still be read whole: the browser lays out its text in one call
 * that cannot be split, 2–3 µs a row on a slow 2-core machine, so 10,000 rows take 20–30 ms, within a
 * task of the page's frame budget.
 */
const SHOWN_ROWS = 10_000;

/**
 * The shown text of each row of a table's bodies, in one `innerText` per body: the browser puts a
 * tab between cells and a line between rows. A body whose lines are not one per row (a cell over two
 * lines, a hidden row) is left out: its rows are read cell by cell. Whether a line is one text per
 * column is for the reader to tell; a cell's line can only differ from reading the cell where the
 * page's style changes its text (hidden parts, capitals), which the reader checks on the first rows.
 */
function shownLines(table: HTMLTableElement): ShownLines | null {
  const lines: ShownLines = new Map();
  let rows = 0;
  for (let body = table.firstElementChild; body; body = body.nextElementSibling) {
    if (!isHtmlTag(body, 'tbody')) continue;
    rows += body.childElementCount;
    if (rows > SHOWN_ROWS) return null;
    // Rows whose cells run over several lines (a name above its actions) show on the first rows.
    if (!firstRowsOnOneLine(body)) continue;
    const text = body.innerText;
    if (typeof text !== 'string') return null;
    const shown = text.split('\n');
    if (shown.length !== body.childElementCount) continue;
    let index = 0;
    for (let row = body.firstElementChild; row; row = row.nextElementSibling) {
      if (row.tagName !== 'TR') break;
      lines.set(row, shown[index++] as string);
    }
  }
  return lines.size > 0 ? lines : null;
}

/** Whether a body's first rows each show as one line: a cheap look before the whole body is read. */
function firstRowsOnOneLine(body: HTMLElement): boolean {
  let row = body.firstElementChild;
  for (let i = 0; row && i < 3; i++, row = row.nextElementSibling)
    if (!isHtmlElement(row) || row.innerText.includes('\n')) return false;
  return true;
}

/**
 * The row of a <thead> that names the columns: the one with the most headers the detector knows,
 * the last with text where none names any.
 */
function bestHeaderRow(rows: HTMLTableRowElement[]): HTMLTableRowElement | undefined {
  if (rows.length <= 1) return rows[0];
  let best: HTMLTableRowElement | undefined;
  let bestScore = -1;
  for (const row of rows) {
    // Each cell counts once: a title across the table ("Leden" over Silverstripe's grid of its
    // members) names one thing, however many columns it spans.
    const texts = headerTexts(rowCells(row));
    if (!texts.some(Boolean)) continue;
    const score = texts.filter((text) => fieldForHeader(text) !== null).length;
    if (score >= bestScore) {
      best = row;
      bestScore = score;
    }
  }
  return best ?? rows.at(-1);
}

function tableShape(table: HTMLTableElement): ListShape | null {
  // Header row: of the rows of <thead>, the one whose headers name the most fields (a <thead> may
  // hold a group row above the headers, or a row of filter inputs under them); else the first row
  // made only of <th>; else, for the body of a table drawn in two, the header of its other half;
  // else the first row (older server-rendered apps draw their header with bold <td>s). Only the
  // first rows are looked at: a header sits at the top, and a 5,000-row list is not walked to find
  // it.
  const headRows = tableRows(table, ['THEAD']);
  const topRows = tableRows(table, ['THEAD', 'TBODY', 'TFOOT'], 20);
  const ownHeader =
    bestHeaderRow(headRows) ??
    topRows.find((row) => {
      const cells = rowCells(row);
      return cells.length > 0 && cells.every((cell) => cell.tagName === 'TH');
    });
  // The header half of a table drawn in two is no list: its rows are read with the other half.
  const onlyHeader = headerOnlyRow(table);
  if (onlyHeader && rowsHalf(table, onlyHeader)) return null;
  const headerRow = ownHeader ?? splitHeaderRow(table) ?? topRows[0];
  const headerCells = headerRow ? rowCells(headerRow) : [];
  if (!headerRow || headerCells.length < 2) return null;
  // A table of one row of plain cells is a header alone only where it names the fields: otherwise
  // it is a breadcrumb or a toolbar laid out in a table (Zimbra's "管理 > アカウント" over its
  // accounts, and each column's title beside its sort handle).
  if (!ownHeader && headerRow === topRows[0] && topRows.length === 1 && !namesFields(headerRow)) return null;
  const headers = headerTexts(expandSpans(headerCells));
  // The header is the table's <thead>, or the other half of a table drawn in two: no row of the
  // table's own comes before it.
  const headedAbove = headRows.length > 0 || headerRow.closest('table') !== table;
  const isRow = (element: Element): boolean =>
    isHtmlTag(element, 'tr') &&
    element !== headerRow &&
    element.closest('table') === table &&
    element.parentElement?.tagName !== 'THEAD' &&
    element.parentElement?.tagName !== 'TFOOT' &&
    element.childElementCount > 0 &&
    !spansTheTable(element, headers.length) &&
    !(element.previousElementSibling === null && controlsRow(element)) &&
    // A header drawn with <td>s sits first; rows before it are not users.
    (headedAbove || headerRow.compareDocumentPosition(element) === Node.DOCUMENT_POSITION_FOLLOWING);
  return {
    headers,
    rowSelector: 'tr',
    isRow,
    rows: () => bodyRows(table, headerRow, headedAbove, headers.length),
    cells: (row, count = Number.POSITIVE_INFINITY) =>
      cellsInPlace(row, headers.length) ?? tableRowCells(row, count),
    shownLines: () => shownLines(table),
  };
}

/** Whether a table has rows of its own outside its <thead> and <tfoot>. */
function hasBodyRows(table: HTMLTableElement): boolean {
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const tag = child.tagName;
    if (tag === 'TR') return true;
    if (tag === 'TBODY')
      for (let row = child.firstElementChild; row; row = row.nextElementSibling)
        if (row.tagName === 'TR') return true;
  }
  return false;
}

/**
 * How far up from a table the wrapper of its other half may be, and how many siblings without a
 * table may stand between them (see tablesAcross).
 */
const SPLIT_LEVELS = 6;
const SPLIT_SIBLINGS = 2;

const holdsTable = (element: Element) =>
  isHtmlTag(element, 'table') || element.getElementsByTagName('table').length > 0;

/**
 * The tables across from a table, one way: at the first level up where a sibling at most
 * SPLIT_SIBLINGS others away is or holds a table, the nearest table of each such sibling (the
 * sibling itself, else its last table before, its first after), nearest first. The halves' wrappers
 * stand side by side, and an old page laid out in tables has many tables with no header, each of
 * which would otherwise search the page.
 */
export function tablesAcross(table: HTMLTableElement, look: 'before' | 'after'): HTMLTableElement[] {
  const step = (from: Element) => (look === 'before' ? from.previousElementSibling : from.nextElementSibling);
  let element: Element | null = table;
  for (let level = 0; element && level < SPLIT_LEVELS; level++, element = element.parentElement) {
    const across: HTMLTableElement[] = [];
    let sibling = step(element);
    for (let passed = 0; sibling && passed <= SPLIT_SIBLINGS; passed++, sibling = step(sibling)) {
      if (!holdsTable(sibling)) continue;
      const tables = isHtmlTag(sibling, 'table') ? [sibling] : [...sibling.getElementsByTagName('table')];
      const nearest = look === 'before' ? tables.at(-1) : tables[0];
      if (nearest && isHtmlTag(nearest, 'table')) across.push(nearest);
    }
    if (across.length > 0) return across;
  }
  return [];
}

/** Fields that say who a row is: a header names one of them, a user's row names none. */
const WHO_FIELDS: ReadonlySet<ColumnField> = new Set([
  'username',
  'email',
  'displayName',
  'user',
  'firstName',
  'lastName',
]);

/**
 * Whether a row reads as a header, however it is drawn: its cells name at least two fields, one of
 * them saying who the row is (a user's row may hold a word a header uses, such as "Active", or a
 * role named "User", as Passbolt's "utilisateur"); and none holds an email, which a user's row does.
 */
function namesFields(row: Element): boolean {
  let named = 0;
  let who = false;
  for (const text of headerTexts(expandSpans(rowCells(row)))) {
    if (isEmail(text)) return false;
    const field = fieldForHeader(text);
    if (field === null) continue;
    named++;
    who ||= WHO_FIELDS.has(field);
  }
  return named >= 2 && who;
}

/** The most rows a header half drawn without a `<thead>` holds: its header, a filter row, a group row. */
const HEADER_HALF_ROWS = 3;

/**
 * The header row of a table that holds a header and no rows: the header half of a table drawn in
 * two. A `<thead>` with no rows after it (Ant Design, Element, Kendo, DataTables); or, where there
 * is no `<thead>`, a table of a row that names at least two fields (DevExtreme draws its header as
 * a row of `td role=columnheader`s, w2ui as a row of `td`s, each in a table of its own), and
 * perhaps a row or two that say nothing but what their controls hold: the filter row of inputs and
 * menus DevExtreme draws under it.
 */
export function headerOnlyRow(table: HTMLTableElement): HTMLTableRowElement | undefined {
  const headRows = tableRows(table, ['THEAD']);
  if (headRows.length > 0) return hasBodyRows(table) ? undefined : bestHeaderRow(headRows);
  const rows = tableRows(table, ['TBODY'], HEADER_HALF_ROWS + 1);
  if (rows.length > HEADER_HALF_ROWS) return undefined;
  const header = rows.find(namesFields);
  return header && rows.every((row) => row === header || saysNothing(row)) ? header : undefined;
}

/** Whether a row says nothing but what its controls hold: a row of filter inputs, menus and icons. */
function saysNothing(row: Element): boolean {
  return rowCells(row).every(
    (cell) => cell.querySelector('input, select, textarea') !== null || cellSegments(cell).length === 0,
  );
}

/**
 * The table of rows a header half heads, as data-table libraries draw a list whose header stays put
 * while its rows scroll: a table holding only the header, and in a wrapper beside it (after it, or
 * before it, as w2ui has it) a table of the rows with the same columns (see halvesMatch). Null
 * where the header stands alone.
 */
function rowsHalf(head: HTMLTableElement, headerRow: HTMLTableRowElement): HTMLTableElement | null {
  for (const look of ['after', 'before'] as const)
    for (const [at, rows] of tablesAcross(head, look).entries())
      if (halvesMatch(headerRow, rows, at === 0)) return rows;
  return null;
}

/** Whether a copy of a header reads as the header: the same titles, but for the one over a scroll bar. */
const sameTitles = (copy: readonly string[], titles: readonly string[]) =>
  copy.every((title, i) => title === titles[i]);

/**
 * The header row of a table of rows whose header is drawn as a table of its own beside it (before
 * it, or after it, as w2ui has it); undefined where there is none.
 */
function splitHeaderRow(table: HTMLTableElement): HTMLTableRowElement | undefined {
  for (const look of ['before', 'after'] as const)
    for (const [at, head] of tablesAcross(table, look).entries()) {
      const headerRow = headerOnlyRow(head);
      if (headerRow && halvesMatch(headerRow, table, at === 0)) return headerRow;
    }
  return undefined;
}

/**
 * Whether a header half's row heads a table of rows: the rows have as many columns, or one fewer
 * (the header's last sits over the scroll bar), and no header of their own but a hidden copy of the
 * header half's, which sizes their columns (DataTables). A first row that names the fields is a
 * header of the table's own, drawn with `<td>`s. A table with no rows yet (an app draws them later)
 * is told by its columns, and only as the table nearest the header: DataTables' empty footer table
 * stands past the rows, two tables from the header.
 */
export function halvesMatch(
  headerRow: HTMLTableRowElement,
  rows: HTMLTableElement,
  nearest: boolean,
): boolean {
  const titles = headerTexts(expandSpans(rowCells(headerRow)));
  const own = bestHeaderRow(tableRows(rows, ['THEAD']));
  let columns: number;
  if (own) {
    const copy = headerTexts(expandSpans(rowCells(own)));
    if (!sameTitles(copy, titles)) return false;
    columns = copy.length;
  } else {
    const row = tableRows(rows, ['TBODY'], 5).find((candidate) => rowCells(candidate).length > 1);
    // A first row naming the fields is the table's own header, drawn with <td>s, unless it is a
    // hidden copy of the header half's that sizes the columns (Ant Design's measure row).
    if (row && namesFields(row) && !sameTitles(headerTexts(expandSpans(rowCells(row))), titles)) return false;
    if (!row && !nearest) return false;
    columns = row
      ? expandSpans(rowCells(row)).length
      : rows.querySelectorAll(':scope > colgroup > col').length;
  }
  return columns > 1 && (titles.length === columns || titles.length === columns + 1);
}
