import { fillPlaceholders, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle } from 'drizzle-orm/d1';
import type { Database } from './client';

type Built = { sql: string; params: unknown[] };
type Template = {
  query: Built;
  mapResult: (result: unknown, isFromBatch?: boolean) => unknown;
};

/** drizzle over no database: only to build a query's SQL, never to run it. */
const builder = drizzle({
  prepare: () => ({}),
} as unknown as D1Database);

/**
 * A query for a D1 batch (a read, or a write for the audit writer's batch) whose SQL is built once
 * per isolate instead of on every request: drizzle takes a few hundred microseconds to build a
 * select with joins, most of a small request's own time. `build` is called once, with a placeholder
 * for each value it reads of `values`; each use binds that use's values to the same SQL, and maps
 * the rows as drizzle maps the query's own.
 * `build` must use its values only as values bound in the query (compared, selected, inserted),
 * never to decide the query's shape: `values.q ? like(…) : undefined` would be decided once, for all.
 *
 * ```ts
 * const sessionRead = reusableQuery((db, v: { id: string }) => db.select().from(sessions).where(eq(sessions.id, v.id)));
 * const [[row]] = await db.batch([sessionRead(db, { id })]);
 * const rows = await sessionRead(db, { id }); // alone
 * ```
 */
export function reusableQuery<V extends Record<string, unknown>, Q extends BatchItem<'sqlite'>>(
  build: (db: Database, values: V) => Q,
): (db: Database, values: V) => Q {
  let template: Template | undefined;
  const templateOf = (): Template => {
    if (!template) {
      const placeholders = new Proxy({} as V, {
        get: (_, name) => (typeof name === 'string' ? sql.placeholder(name) : undefined),
      });
      const prepared = (
        build(builder, placeholders) as unknown as {
          _prepare(): { getQuery(): Built; mapResult: Template['mapResult'] };
        }
      )._prepare();
      template = { query: prepared.getQuery(), mapResult: prepared.mapResult.bind(prepared) };
    }
    return template;
  };
  return (db, values) => {
    const { query, mapResult } = templateOf();
    const params = fillPlaceholders(query.params, values);
    // What drizzle's D1 batch asks of an item: its prepared self, the SQL and values to bind, and
    // how to map the rows D1 answers.
    const item = {
      _prepare: () => item,
      getQuery: () => ({ sql: query.sql, params }),
      stmt: { bind: (...bound: unknown[]) => db.$client.prepare(query.sql).bind(...bound) },
      mapResult,
      // Awaited on its own, it runs in a batch of one, and answers what drizzle's would.
      // biome-ignore lint/suspicious/noThenProperty: a query is awaited like drizzle's own
      then: (resolve: (rows: unknown) => unknown, reject: (error: unknown) => unknown) =>
        db
          .batch([item as unknown as BatchItem<'sqlite'>])
          .then(([rows]) => rows)
          .then(resolve, reject),
    };
    return item as unknown as Q;
  };
}
