import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { setResponseHeaders } from './response-headers';

/**
 * Counts the D1 work of one request for benchmarks: round trips to D1 (a statement run alone or a
 * batch), statements run and rows read, answered in the `x-d1-calls`, `x-d1-statements` and
 * `x-d1-rows-read` headers. Only outside production and only when the request
 * asks with `x-d1-meter: 1`, so it costs nothing otherwise.
 *
 * drizzle reads rows with `raw()`, whose answer carries no `meta`; the meter runs such a read a
 * second time with `all()` to learn its `rows_read`, so metered requests are slower: time them unmetered.
 */
export function d1Meter(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.env.ENVIRONMENT === 'production' || c.req.header('x-d1-meter') !== '1') return next();
    const counts = { calls: 0, statements: 0, rowsRead: 0 };
    c.env = { ...c.env, DB: meteredD1(c.env.DB, counts) };
    await next();
    setResponseHeaders(c, (headers) => {
      headers.set('x-d1-calls', String(counts.calls));
      headers.set('x-d1-statements', String(counts.statements));
      headers.set('x-d1-rows-read', String(counts.rowsRead));
    });
  };
}

type Counts = { calls: number; statements: number; rowsRead: number };
const METERED = Symbol('metered statement');

function meteredStatement(statement: D1PreparedStatement, counts: Counts): D1PreparedStatement {
  const read = (result: { meta?: { rows_read?: number } }) => {
    counts.statements += 1;
    counts.rowsRead += result.meta?.rows_read ?? 0;
  };
  return new Proxy(statement, {
    get(target, property) {
      if (property === METERED) return target;
      if (property === 'bind') {
        return (...values: unknown[]) => meteredStatement(target.bind(...values), counts);
      }
      if (property === 'all' || property === 'run') {
        return async () => {
          counts.calls += 1;
          const result = await target[property]();
          read(result);
          return result;
        };
      }
      if (property === 'raw' || property === 'first') {
        return async (...args: unknown[]) => {
          counts.calls += 1;
          read(await target.all());
          return (target[property] as (...a: unknown[]) => unknown)(...args);
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function meteredD1(d1: D1Database, counts: Counts): D1Database {
  return new Proxy(d1, {
    get(target, property) {
      if (property === 'prepare') return (query: string) => meteredStatement(target.prepare(query), counts);
      if (property === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          const unwrapped = statements.map(
            (statement) =>
              (statement as unknown as Record<symbol, D1PreparedStatement>)[METERED] ?? statement,
          );
          counts.calls += 1;
          const results = await target.batch(unwrapped);
          for (const result of results) read(result);
          return results;
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  function read(result: D1Result) {
    counts.statements += 1;
    counts.rowsRead += result.meta?.rows_read ?? 0;
  }
}
