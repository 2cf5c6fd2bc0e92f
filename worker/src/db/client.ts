import { drizzle } from 'drizzle-orm/d1';

/**
 * drizzle over a D1 binding. Queries are built with the query builder over the tables of schema.ts;
 * no relational queries (`db.query.*`), so no schema is passed: drizzle would otherwise walk every
 * table's relations again for each `database()` made, several times a request.
 */
export function database(d1: D1Database) {
  return drizzle(d1);
}
export type Database = ReturnType<typeof database>;
