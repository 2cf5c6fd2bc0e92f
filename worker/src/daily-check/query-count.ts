/**
 * A D1 binding that counts the queries made through it, as D1 counts them against an invocation's
 * allowance (https://developers.cloudflare.com/d1/platform/limits/: 1,000 queries per Worker
 * invocation on the paid plan): each statement run on its own, and each statement of a batch.
 */
export type CountedD1 = { d1: D1Database; queries: () => number };

export function countQueries(real: D1Database): CountedD1 {
  let queries = 0;
  const inner = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const counted = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values)),
      first: (...args: unknown[]) => {
        queries += 1;
        return (statement.first as (...a: unknown[]) => unknown)(...args);
      },
      all: () => {
        queries += 1;
        return statement.all();
      },
      run: () => {
        queries += 1;
        return statement.run();
      },
      raw: (...args: unknown[]) => {
        queries += 1;
        return (statement.raw as (...a: unknown[]) => unknown)(...args);
      },
    };
    inner.set(counted, statement);
    return counted as unknown as D1PreparedStatement;
  };
  const d1 = {
    prepare: (query: string) => wrap(real.prepare(query)),
    batch: (statements: D1PreparedStatement[]) => {
      queries += statements.length;
      return real.batch(statements.map((statement) => inner.get(statement) ?? statement));
    },
    exec: (query: string) => {
      queries += 1;
      return real.exec(query);
    },
  };
  return { d1: d1 as unknown as D1Database, queries: () => queries };
}
