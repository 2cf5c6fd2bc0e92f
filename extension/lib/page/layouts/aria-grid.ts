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
  if (headerCells.length < 2) return null;
  const headerRow = headerCells[0]?.closest('[role=row]') ?? null;
  const rowCount = grid.querySelectorAll('[role=row]').length;
  if (!headerRow || rowCount < 2) {
    // Cells in no rows at all, side by side in the grid.
    const flat = headerRow || rowCount > 0 ? null : flatShape(grid, headerCells);
    if (flat) return flat;
    // No rows drawn yet, or rows with no role.
    const unroled = unroledShape(grid, headerCells);
    // Column headers in no row over rows that have one (ExtJS 6 puts its headers in a `group`
    // above a table of rows for each row, as Nexus Repository lists its users) are the header.
    if (unroled || (!headerRow && rowCount === 0)) return unroled;
  }
  // The header row's cells of every kind: a row's box to select every row is a `gridcell` in some
  // grids (Fluent UI's DataGrid), yet takes a column as the rows' own boxes do.
  const headers = headerTexts(expandSpans(headerRow ? ownCells(headerRow, HEADER_ROW_CELLS) : headerCells));
  const section = headerRow ? headerSection(grid, headerRow) : null;
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

/**
 * A table that names its columns with `columnheader`s and gives its rows no role: Discourse lists
 * its users so (`div[role=table]`, a header of column headers, a body of plain `div` rows laid out
 * by a CSS grid). The header's children are the columns, one each (a column header may sit in a
 * wrapper with a control beside it); the rows are the children of the box after the header whose
 * children have about as many children each.
 */
function unroledShape(grid: Element, headerCells: Element[]): ListShape | null {
  let header = headerCells[0]?.parentElement ?? null;
  while (header && header !== grid && !headerCells.every((cell) => header?.contains(cell)))
    header = header.parentElement;
  if (!header || header === grid) return null;
  const columns = [...header.children];
  const body = bodyAfter(grid, header, columns.length);
  if (!body) return null;
  const isRow = (element: Element) => element.parentElement === body && element.childElementCount >= 2;
  return {
    headers: headerTexts(columns),
    rowSelector: '*',
    isRow,
    rows: () => [...body.children].filter(isRow),
    cells: (row) => [...row.children],
  };
}

/**
 * A table of cells in no rows: Flarum lists its users in a CSS grid (`role=table`) whose children
 * are the column headers, then each user's cells in turn, one per column. A row is its first cell
 * (which carries its marks; the badges go in the login's cell), its cells that one and those after
 * it. Null where the grid's cells do not fill whole rows under its headers.
 */
function flatShape(grid: Element, headerCells: Element[]): ListShape | null {
  const width = headerCells.length;
  if (!headerCells.every((cell) => cell.parentElement === grid)) return null;
  const gridCells = () => [...grid.children].filter((child) => child.matches(CELL_SELECTOR));
  const count = gridCells().length;
  if (count < width || count % width !== 0) return null;
  const isRow = (element: Element) => {
    if (element.parentElement !== grid || !element.matches(CELL_SELECTOR)) return false;
    const column = element.getAttribute('aria-colindex');
    return column !== null
      ? column === headerCells[0]?.getAttribute('aria-colindex')
      : gridCells().indexOf(element) % width === 0;
  };
  return {
    headers: headerTexts(headerCells),
    rowSelector: CELL_SELECTOR,
    isRow,
    rows: () => gridCells().filter((_, index) => index % width === 0),
    cells: (row) => {
      const cells = [row];
      for (let next = row.nextElementSibling; next && cells.length < width; next = next.nextElementSibling)
        if (next.matches(CELL_SELECTOR)) cells.push(next);
      return cells;
    },
  };
}

/** The box after a grid's header (at its level or one up) whose children are rows of about `columns` cells. */
function bodyAfter(grid: Element, header: Element, columns: number): Element | null {
  for (let level: Element | null = header; level && level !== grid; level = level.parentElement)
    for (let box = level.nextElementSibling; box; box = box.nextElementSibling) {
      const first = box.firstElementChild;
      if (first && Math.abs(first.childElementCount - columns) <= 1) return box;
    }
  return null;
}

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
