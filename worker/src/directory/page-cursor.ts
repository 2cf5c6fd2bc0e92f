import { and, eq, gt, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { ProblemError } from '../http/problem';

/**
 * Keyset paging: a page cursor is the sort key of the last row shown (e.g. name and id), so the
 * next page starts right after it with an index seek, never an OFFSET that reads the skipped rows.
 */
function encodeCursor(key: readonly [string, string]): string {
  return btoa(JSON.stringify(key)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const key: unknown = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')) {
      return [String(key[0]), String(key[1])];
    }
  } catch {
    // fall through: any undecodable cursor is the client's mistake
  }
  throw new ProblemError(400, 'The page cursor is not one this server handed out.', [
    { field: 'query.cursor', message: 'not a cursor from a previous page' },
  ]);
}

/** Splits `limit + 1` fetched rows into a page and the cursor of the next one. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  key: (row: Row) => [string, string],
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const last = shown.at(-1);
  return { items: shown.map(map), nextCursor: more && last ? encodeCursor(key(last)) : null };
}

/** The rows after a page cursor in (sort key, id) order; nothing to add on the first page. */
export function afterCursor(
  sortKey: SQLiteColumn,
  id: SQLiteColumn,
  cursor: string | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const [lastKey, lastId] = decodeCursor(cursor);
  return or(gt(sortKey, lastKey), and(eq(sortKey, lastKey), gt(id, lastId)));
}
