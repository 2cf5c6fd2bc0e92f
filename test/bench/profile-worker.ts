// A bench-only worker: the real app. A request sent with `x-profile` has its time split into D1
// (every statement and batch awaited), Web Crypto (password hashing, token and audit hashes,
// checkpoint signatures) and the rest (routing, validation, JSON, the rules), answered in
// `x-profile-*` headers; time such a request alone to read them, as requests that overlap share the
// clock. Any other request only has the D1 batches that failed counted (audit chain races, retried):
// the timing's wrappers cost the worker more than a small read's own work, and the load would
// measure them. Never deployed.
import { app } from '../../worker/src/app';

type Profile = {
  d1: number;
  d1Calls: number;
  crypto: number;
  cryptoCalls: number;
  failedBatches: number;
  /** The slowest D1 calls: milliseconds and the start of their SQL. */
  slowest: [number, string][];
};
let current: Profile | undefined;

function timed<T>(kind: 'd1' | 'crypto', run: () => Promise<T>, what = ''): Promise<T> {
  const profile = current;
  const start = performance.now();
  return run().finally(() => {
    if (!profile) return;
    const took = performance.now() - start;
    profile[kind] += took;
    profile[kind === 'd1' ? 'd1Calls' : 'cryptoCalls'] += 1;
    if (kind === 'd1') profile.slowest.push([took, what.replace(/\s+/g, ' ').slice(0, 70)]);
  });
}

const SQL = Symbol('sql');

const subtle = Object.getPrototypeOf(crypto.subtle) as Record<string, unknown>;
for (const name of ['digest', 'sign', 'verify', 'deriveBits', 'importKey', 'encrypt', 'decrypt']) {
  const original = subtle[name] as (...args: unknown[]) => Promise<unknown>;
  subtle[name] = function (this: SubtleCrypto, ...args: unknown[]) {
    return timed('crypto', () => original.apply(this, args));
  };
}

function profiledStatement(statement: D1PreparedStatement, query: string): D1PreparedStatement {
  return new Proxy(statement, {
    get(target, property) {
      if (property === 'bind')
        return (...values: unknown[]) => profiledStatement(target.bind(...values), query);
      if (property === 'raw' || property === 'all' || property === 'run' || property === 'first') {
        const method = target[property] as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => timed('d1', () => method.apply(target, args), query);
      }
      if (property === UNWRAP) return target;
      if (property === SQL) return query;
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
const UNWRAP = Symbol('profiled statement');

function profiledD1(d1: D1Database): D1Database {
  return new Proxy(d1, {
    get(target, property) {
      if (property === 'prepare') return (query: string) => profiledStatement(target.prepare(query), query);
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) =>
          timed(
            'd1',
            () =>
              target
                .batch(
                  statements.map((s) => (s as unknown as Record<symbol, D1PreparedStatement>)[UNWRAP] ?? s),
                )
                .catch((error) => {
                  if (current) current.failedBatches += 1;
                  throw error;
                }),
            `batch of ${statements.length}: ${statements
              .map((s) => String((s as unknown as Record<symbol, string>)[SQL] ?? '?').slice(0, 30))
              .join(' / ')}`,
          );
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The app with only its failed D1 batches counted, answered in `x-profile-failed-batches`. */
async function countingFailedBatches(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  let failed = 0;
  const DB = new Proxy(env.DB, {
    get(target, property) {
      if (property === 'batch')
        return (statements: D1PreparedStatement[]) =>
          target.batch(statements).catch((error) => {
            failed += 1;
            throw error;
          });
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const response = await app.fetch(request, { ...env, DB }, ctx);
  if (failed === 0) return response;
  const headers = new Headers(response.headers);
  headers.set('x-profile-failed-batches', String(failed));
  return new Response(response.body, { status: response.status, headers });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    if (!request.headers.has('x-profile')) return countingFailedBatches(request, env, ctx);
    const profile: Profile = { d1: 0, d1Calls: 0, crypto: 0, cryptoCalls: 0, failedBatches: 0, slowest: [] };
    current = profile;
    const start = performance.now();
    const response = await app.fetch(request, { ...env, DB: profiledD1(env.DB) }, ctx);
    const body = await response.arrayBuffer();
    const total = performance.now() - start;
    current = undefined;
    const headers = new Headers(response.headers);
    headers.set('x-profile-total', total.toFixed(2));
    headers.set('x-profile-d1', profile.d1.toFixed(2));
    headers.set('x-profile-d1-calls', String(profile.d1Calls));
    headers.set('x-profile-crypto', profile.crypto.toFixed(2));
    headers.set('x-profile-crypto-calls', String(profile.cryptoCalls));
    headers.set('x-profile-failed-batches', String(profile.failedBatches));
    headers.set('x-profile-bytes', String(body.byteLength));
    const slowest = profile.slowest.sort((a, b) => b[0] - a[0]).slice(0, 4);
    headers.set('x-profile-d1-slowest', JSON.stringify(slowest.map(([took, what]) => `${took} ms ${what}`)));
    return new Response(body, { status: response.status, headers });
  },
};
