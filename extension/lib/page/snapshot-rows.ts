import type { SnapshotRow } from '../../../shared/schemas/directory-input';
import type { PageRow } from '../../../shared/schemas/page-row';
import { readRow } from './read-row';
import { findUserLists } from './user-lists';

/**
 * A page's user lists as a snapshot sends them: DOM only, so the same reading serves the admin page
 * in the browser and a saved page read by the command-line client (`rollcall capture`).
 */

/** Every row of every user list in a document, read whole, as a sync reads them. */
export function readUserRows(root: Document | Element): PageRow[] {
  return findUserLists(root).flatMap((list) => list.rows().flatMap((row) => readRow(list, row) ?? []));
}

/** Page rows in the snapshot contract. A login listed twice goes once: the server refuses doubles. */
export function snapshotRows(rows: readonly PageRow[]): SnapshotRow[] {
  const seen = new Set<string>();
  const out: SnapshotRow[] = [];
  for (const row of rows) {
    const username = row.username.trim();
    const key = username.toLowerCase();
    if (!username || seen.has(key)) continue;
    seen.add(key);
    out.push({
      username,
      displayName: row.displayName,
      email: row.email?.trim() || null,
      // A page with a permissions column says more than its role column; the role is the fallback.
      permissions: row.permissions ?? row.role,
      status: row.status,
      lastSignIn: row.lastSignIn,
    });
  }
  return out;
}
