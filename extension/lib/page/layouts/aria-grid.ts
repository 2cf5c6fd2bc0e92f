import { expandSpans, headerTexts, type ListLayout, type ListShape } from '../list-layout';

// What makes an element a grid, and a cell of one (https://www.w3.org/TR/wai-aria-1.2/#grid).
const GRID_SELECTOR = '[role=grid], [role=treegrid], [role=table]';
const CELL_SELECTOR = '[role=gridcell], [role=cell], [role=rowheader]';

/**
 * Grids built from `div`s with ARIA roles, as booking consoles and component libraries' data grids
 * draw them: `role=grid` (or `treegrid`, `table`) holding `role=row`s, a row of `columnheader`s
 * naming the columns.
 */
const ariaGrid: ListLayout = {
  name: 'aria',
  serves: 'ARIA grids and tables that are not <table>s (those are the table layout’s)',
  finds: ['[role=grid]:not(table)', '[role=treegrid]:not(table)', '[role=table]:not(table)'],
  // A header drawn after its grid.
  watches: ['[role=columnheader]'],
  headed: true,
  shape: ariaShape,
};
export default ariaGrid;

function ownerGrid(element: Element): Element | null {
  return element.parentElement?.closest(GRID_SELECTOR) ?? null;
}

function ariaShape(grid: Element): ListShape | null {
  const headerCells = [...grid.querySelectorAll('[role=columnheader]')].filter(
    (cell) => cell.closest(GRID_SELECTOR) === grid,
  );
  const headerRow = headerCells[0]?.closest('[role=row]') ?? null;
  if (!headerRow || headerCells.length < 2) return null;
  // The header row's cells of every kind: a row's box to select every row is a `gridcell` in some
  // grids (Fluent UI's DataGrid), yet takes a column as the rows' own boxes do.
  const headers = headerTexts(expandSpans(ownCells(headerRow, HEADER_ROW_CELLS)));
  const section = headerSection(grid, headerRow);
  const isRow = (element: Element): boolean =>
    element.getAttribute('role') === 'row' &&
    element !== headerRow &&
    ownerGrid(element) === grid &&
    !section?.contains(element) &&
    element.querySelector('[role=columnheader]') === null;
  return {
    headers,
    rowSelector: '[role=row]',
    isRow,
    rows: () => oneRowEach([...grid.querySelectorAll('[role=row]')].filter(isRow), ownCells),
    cells: (row) => expandSpans(ownCells(row)),
  };
}

const HEADER_ROW_CELLS = `[role=columnheader], ${CELL_SELECTOR}`;

const ownCells = (row: Element, selector = CELL_SELECTOR) =>
  [...row.querySelectorAll(selector)].filter((cell) => cell.closest('[role=row]') === row);

/**
 * One element per row of the grid: where several rows give the same `aria-rowindex` (the same row of
 * the data, drawn again over itself, as Handsontable draws its fixed columns in a copy of the table
 * laid over the first), the one with the most cells, which holds the others' too. Rows without an
 * index are each their own.
 */
function oneRowEach(rows: Element[], cells: (row: Element) => Element[]): Element[] {
  const byIndex = new Map<string, { row: Element; cells: number }>();
  let drawnTwice = false;
  for (const row of rows) {
    const index = row.getAttribute('aria-rowindex');
    if (index === null) continue;
    const seen = byIndex.get(index);
    if (!seen) {
      byIndex.set(index, { row, cells: -1 });
      continue;
    }
    drawnTwice = true;
    if (seen.cells < 0) seen.cells = cells(seen.row).length;
    const count = cells(row).length;
    if (count > seen.cells) byIndex.set(index, { row, cells: count });
  }
  if (!drawnTwice) return rows;
  const kept = new Set([...byIndex.values()].map((entry) => entry.row));
  return rows.filter((row) => row.getAttribute('aria-rowindex') === null || kept.has(row));
}

/**
 * The rowgroup that holds the header row, where the body's rows are in another: its other rows are
 * the header's too, such as a row of filter fields under the titles (AG Grid writes its floating
 * filters as `gridcell`s in a second header row). Null where one rowgroup holds header and body.
 */
function headerSection(grid: Element, headerRow: Element): Element | null {
  const section = headerRow.parentElement?.closest('[role=rowgroup]');
  if (!section || section === grid || !grid.contains(section)) return null;
  for (const row of grid.querySelectorAll('[role=row]')) if (!section.contains(row)) return section;
  return null;
}
