import { getTableColumns, is, SQL, sql, type Table } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { SQLiteAsyncDialect, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Database } from './client';

/** drizzle over D1, with the D1 binding itself (`$client`) for batches of prepared statements. */
export type Db = Database;

const dialect = new SQLiteAsyncDialect();

/**
 * Writes are plain D1 prepared statements, so any caller (the audit writer among them) can put
 * them in one `DB.batch` with its own; drizzle's own batch cannot bind raw `sql` statements.
 */
export function toStatement(
  db: Db,
  query: SQL | { toSQL(): { sql: string; params: unknown[] } },
): D1PreparedStatement {
  const { sql: text, params } = is(query, SQL) ? dialect.sqlToQuery(query) : query.toSQL();
  return db.$client.prepare(text).bind(...params);
}

/** A row a raw statement returned (`RETURNING *`), decoded as drizzle decodes its own (JSON, booleans). */
function rowFrom<T extends Table>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T['$inferSelect'];
}

/** The first row the i-th statement of a batch returned. */
export function returnedRow<T extends Table>(
  table: T,
  results: D1Result[],
  index: number,
): T['$inferSelect'] {
  const raw = results[index]?.results[0];
  if (!raw) throw new Error(`statement ${index} of the batch returned no row`);
  return rowFrom(table, raw as Record<string, unknown>);
}

/**
 * Versions come from the organisation's counter, inside the same D1 batch as the write that uses
 * them: a batch runs as one transaction and D1 runs one at a time, so two writers can never hand
 * out the same version, and a pull never sees version v+1 committed before v.
 *
 * `reserveVersions` moves the counter on by `count`; a later statement of the same batch gets the
 * i-th reserved version (0-based) from `reservedVersion` (or `reservedVersionSql` inside raw SQL).
 * Nothing may reserve again between the two.
 */
export function reserveVersions(db: Db, orgId: string, count: number): D1PreparedStatement {
  return toStatement(
    db,
    sql`UPDATE organisations SET version_counter = version_counter + ${count} WHERE id = ${orgId}`,
  );
}

/** The i-th (0-based) of the `count` versions the last `reserveVersions` of this batch handed out. */
export function reservedVersion(orgId: string, count: number, index: number): SQL<number> {
  return sql<number>`((SELECT version_counter FROM organisations WHERE id = ${orgId}) - ${count - 1 - index})`;
}

/** The same as an SQL expression of a row index `indexSql` (e.g. a json_each key plus an offset). */
export function reservedVersionSql(orgId: string, count: number, indexSql: SQL): SQL<number> {
  return sql<number>`((SELECT version_counter FROM organisations WHERE id = ${orgId}) - ${count - 1} + ${indexSql})`;
}

/**
 * One statement that sets a reference column to NULL on many rows of a table (a deleted job role
 * leaves its people, a deleted person leaves their accounts), each row taking the next version of
 * a reservation of `count` whose first version went to the deleted row itself.
 */
export function detachSql(
  target: { table: 'people' | 'accounts'; column: 'job_role_id' | 'owner_person_id' },
  ids: readonly string[],
  orgId: string,
  count: number,
  now: number,
): SQL {
  const table = sql.identifier(target.table);
  return sql`UPDATE ${table} SET ${sql.identifier(target.column)} = NULL, updated_at = ${now},
    version = ${reservedVersionSql(orgId, count, sql`j.key + 1`)}
    FROM json_each(${JSON.stringify(ids)}) AS j
    WHERE ${table}.id = j.value AND +${table}.org_id = ${orgId}`;
}

/**
 * D1 takes at most 100 bound parameters a statement and 1 MB a value, so bulk writes send their
 * rows as JSON text (one parameter) read back with json_each, in chunks well under the value limit.
 *
 * An `UPDATE … FROM json_each(?) AS j WHERE t.id = … AND +t.org_id = ?` must keep the `+` (it stops
 * SQLite from using an org_id index): otherwise the planner walks every row of the organisation and
 * scans the JSON for each, which took minutes for 2,500 rows among 17,000.
 */
export function jsonChunks<T>(items: readonly T[], maxBytes = 400_000): { offset: number; json: string }[] {
  const chunks: { offset: number; json: string }[] = [];
  let start = 0;
  let parts: string[] = [];
  let size = 2;
  items.forEach((item, index) => {
    const part = JSON.stringify(item);
    if (parts.length > 0 && size + part.length + 1 > maxBytes) {
      chunks.push({ offset: start, json: `[${parts.join(',')}]` });
      start = index;
      parts = [];
      size = 2;
    }
    parts.push(part);
    size += part.length + 1;
  });
  if (parts.length > 0) chunks.push({ offset: start, json: `[${parts.join(',')}]` });
  return chunks;
}

/** `column IN (ids)` with the ids as one JSON parameter, however many there are. */
export function inJson(column: SQLiteColumn, ids: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

/** A write as statements to run in one batch (with its audit events) and a reader of their results. */
export type Write<T> = {
  statements: D1PreparedStatement[];
  read: (results: D1Result[]) => T;
};

/**
 * Lets a prepared D1 statement ride in a drizzle batch (the audit writer's `db.batch`), its result
 * coming back as the raw D1Result. drizzle's D1 session binds an item's `stmt` with the params of
 * `getQuery()` and maps the result with `mapResult`; this gives it the statement as it is.
 * (drizzle-orm 0.45's own raw items, `db.run(sql)`, cannot be bound in a batch.)
 */
export function asBatchItem(statement: D1PreparedStatement): BatchItem<'sqlite'> {
  const item = {
    _prepare: () => item,
    getQuery: () => ({ sql: '', params: [null], method: 'run' }),
    stmt: { bind: () => statement },
    mapResult: (result: unknown) => result,
  };
  return item as unknown as BatchItem<'sqlite'>;
}

/**
 * A statement that fails the batch it is in, and so rolls all of it back, unless `condition` holds
 * when it runs: an invariant checked by the write itself rather than read before it. SQLite has no
 * RAISE outside triggers; json() of text that is not JSON is the way to fail a D1 batch on a condition.
 */
export function batchGuard(db: Db, condition: SQL): D1PreparedStatement {
  return toStatement(db, sql`SELECT json(CASE WHEN ${condition} THEN '0' ELSE 'guard failed' END)`);
}

/** A guard for right after a write: it changed exactly one row (it found the row as it was read). */
export function changedOneRowGuard(db: Db): D1PreparedStatement {
  return batchGuard(db, sql`changes() = 1`);
}

/** Whether a write failed on one of its `batchGuard`s. */
export function isGuardFailure(error: unknown): boolean {
  const text = String(error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : error);
  return /malformed JSON/i.test(text);
}
