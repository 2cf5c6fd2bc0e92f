import { expandSpans, headerTexts, type ListLayout, type ListShape } from '../list-layout';
import { isHtmlTag } from '../nodes';
import {
  cellsInPlace,
  halvesMatch,
  headerOnlyRow,
  rowCells,
  tableRowCells,
  tableRows,
  tablesAcross,
} from './table';

/**
 * Lists that draw every row as a table of its own, under a header drawn as a table of its own:
 * ExtJS 3's grids (a `div.x-grid3-row` holding a `table.x-grid3-row-table` per row, as FileRun lists
 * its users) and Zimbra's admin list views (a `div.Row` holding a table per account). The table
 * layout reads the first row's table as the header half's rows, a list of one; here the run of
 * them is one list, headed by the header half.
 */
const rowTables: ListLayout = {
  name: 'row-tables',
  serves: 'ExtJS 3 grids, Zimbra admin list views: a header table, then a table per row',
  finds: [],
  watches: [],
  headed: true,
  // A grid drawn, or a row added to one, brings a table: the table layout's arrival, which calls for
  // a fresh look at the page already.
  discover,
  shape: rowTablesShape,
};
export default rowTables;

/** The header row of each run of row tables found, by the element holding the run. */
const headerRows = new WeakMap<Element, HTMLTableRowElement>();

/** The fewest row tables side by side that make a list. */
const MIN_ROWS = 2;

/**
 * The elements holding a run of row tables, each under a header half: a table of a header and no
 * rows, with the first table after it a row of as many columns.
 */
function discover(root: Document | Element | ShadowRoot, found: ReadonlySet<Element>): Element[] {
  const runs: Element[] = [];
  for (const head of root.querySelectorAll('table')) {
    if (within(head, found)) continue;
    const headerRow = headerOnlyRow(head);
    if (!headerRow) continue;
    const [first] = tablesAcross(head, 'after');
    if (!first || !halvesMatch(headerRow, first, true)) continue;
    const run = runOf(first);
    if (!run || runs.includes(run)) continue;
    headerRows.set(run, headerRow);
    runs.push(run);
  }
  return runs;
}

/**
 * Whether an element is in a list another layout found: ExtJS 6 draws a table per row too, in a
 * grid whose ARIA roles name its rows and columns, and the grid is read as such.
 */
function within(element: Element, found: ReadonlySet<Element>): boolean {
  for (let up: Element | null = element; up; up = up.parentElement) if (found.has(up)) return true;
  return false;
}

/** A row's table, or the wrapper holding it alone: one of the run's elements. */
function unitOf(table: Element): Element {
  const wrapper = table.parentElement;
  return wrapper && wrapper.childElementCount === 1 && !isHtmlTag(wrapper, 'td') ? wrapper : table;
}

/** The table of a unit of the run, or null where it is no row table: one row, nothing else. */
function rowTableOf(unit: Element): HTMLTableElement | null {
  const table = isHtmlTag(unit, 'table') ? unit : unit.firstElementChild;
  return isHtmlTag(table, 'table') && tableRows(table, ['TBODY'], 2).length === 1 ? table : null;
}

/**
 * The element holding a table of one row and others like it, side by side (or each in a wrapper of
 * its own, of one tag and class): most of its children, at least two. Null where the table stands
 * alone.
 */
function runOf(table: HTMLTableElement): Element | null {
  const unit = unitOf(table);
  const run = unit.parentElement;
  if (!run || rowTableOf(unit) !== table) return null;
  const kind = (element: Element) => `${element.tagName} ${element.classList[0] ?? ''}`;
  let alike = 0;
  for (let child = run.firstElementChild; child; child = child.nextElementSibling)
    if (kind(child) === kind(unit) && rowTableOf(child)) alike++;
  return alike >= MIN_ROWS && alike * 2 >= run.childElementCount ? run : null;
}

function rowTablesShape(run: Element): ListShape | null {
  const headerRow = headerRows.get(run);
  if (!headerRow?.isConnected) return null;
  const headers = headerTexts(expandSpans(rowCells(headerRow)));
  const rowOf = (unit: Element) => {
    const table = rowTableOf(unit);
    return (table && tableRows(table, ['TBODY'], 1)[0]) ?? null;
  };
  return {
    headers,
    rowSelector: 'tr',
    isRow: (element) => {
      const table = element.parentElement?.parentElement;
      return (
        isHtmlTag(element, 'tr') &&
        !!table &&
        unitOf(table).parentElement === run &&
        rowOf(unitOf(table)) === element
      );
    },
    rows: () => {
      const rows: Element[] = [];
      for (let unit = run.firstElementChild; unit; unit = unit.nextElementSibling) {
        const row = rowOf(unit);
        if (row) rows.push(row);
      }
      return rows;
    },
    cells: (row, count = Number.POSITIVE_INFINITY) =>
      cellsInPlace(row, headers.length) ?? tableRowCells(row, count),
  };
}
