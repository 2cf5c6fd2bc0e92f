/** Header words that name the login column of a user list, as apps phrase it. */
const LOGIN_HEADER = /^(user ?name|user ?id|user|login|login name|logon|account|sign-?in name|e-?mail)$/i;

/** The `<table>`s of a page whose header row names a login column. */
export function findUserTables(doc: Document = document): HTMLTableElement[] {
  return [...doc.querySelectorAll('table')].filter((table) => {
    const headerRow = table.tHead?.rows[0] ?? table.rows[0];
    if (!headerRow) return false;
    return [...headerRow.cells].some((cell) => LOGIN_HEADER.test(cell.textContent?.trim() ?? ''));
  });
}

/** The rows of a user table that hold a user, not the header. */
export function userRows(table: HTMLTableElement): HTMLTableRowElement[] {
  const bodies = table.tBodies.length > 0 ? [...table.tBodies] : [table];
  return bodies
    .flatMap((body) => [...body.querySelectorAll<HTMLTableRowElement>(':scope > tr')])
    .filter((row) => row.cells.length > 0 && row.cells[0]?.tagName === 'TD');
}
