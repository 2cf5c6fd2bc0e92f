import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { contract } from '../../../shared/contract';
import type { Operation, OperationSpec } from '../../../shared/contract/operation';
import { noInputSchema } from '../../../shared/schemas/request';
import type { AppEnv } from '../app-env';
import { API_KEYS_REFUSED, authenticate } from '../auth/authenticate';
import type { Database } from '../db/client';
import { authenticateDevice } from '../observations/device-auth';
import { ProblemError } from './problem';
import { checkUrlEncoding, DEFAULT_MAX_BODY_BYTES, parseInput, readJsonBody } from './validate';

type Part<K extends string, T, Which extends 'in' | 'out'> = T extends z.ZodType
  ? { [P in K]: Which extends 'in' ? z.input<T> : z.output<T> }
  : // biome-ignore lint/complexity/noBannedTypes: Hono's Input merges `{}` for "no such part"
    {};
type InputOf<S extends OperationSpec> = {
  in: Part<'param', S['params'], 'in'> & Part<'query', S['query'], 'in'> & Part<'json', S['body'], 'in'>;
  out: Part<'param', S['params'], 'out'> & Part<'query', S['query'], 'out'> & Part<'json', S['body'], 'out'>;
};

/**
 * What serves one operation. It reads its checked input with `c.req.valid('param' | 'query' |
 * 'json')` (typed from the contract's schemas) and the signed-in member with `c.get('member')`;
 * the organisation is always the member's, from the token.
 */
export type OperationHandler<S extends OperationSpec> = (
  c: Context<AppEnv, string, InputOf<S>>,
) => Response | Promise<Response>;

type Statement = BatchItem<'sqlite'>;

/**
 * An operation's first read, declared to the sign-in step so it rides in the same D1 batch as the
 * session check (one round trip instead of two): `read` builds drizzle queries from the checked
 * input, scoped to the organisation the access token names. That organisation is not verified
 * when the queries are built; `handler` is given their rows only once the session, member, role
 * and input have all been checked, so a caller refused (401, 403, 400) never sees them. D1 answers
 * a batch's rows by column name: no two columns of one query may share a name.
 *
 * ```ts
 * list: withFirstRead(contract.people.list,
 *   (db, orgId, { query }) => [peopleQueries.reads.list(db, orgId, query)],
 *   (c, [rows]) => c.json(peopleQueries.page(rows, c.req.valid('query')))),
 * ```
 */
export type FirstRead<S extends OperationSpec, T extends readonly Statement[]> = {
  read: (db: Database, orgId: string, input: InputOf<S>['out']) => T;
  handler: (c: Context<AppEnv, string, InputOf<S>>, first: BatchResponse<T>) => Response | Promise<Response>;
};

export function withFirstRead<S extends OperationSpec, const T extends readonly Statement[]>(
  _operation: S,
  read: FirstRead<S, T>['read'],
  handler: FirstRead<S, T>['handler'],
): FirstRead<S, T> {
  return { read, handler };
}

/** An operation's handler as `handlers` takes it: plain, or with its first read. */
type Implementation<S extends OperationSpec> =
  | OperationHandler<S>
  // biome-ignore lint/suspicious/noExplicitAny: each operation's read declares its own statements
  | FirstRead<S, any>;

export type MountedOperation = {
  operation: Operation;
  read?: (db: Database, orgId: string, input: Record<string, unknown>) => readonly Statement[];
  handler: (c: Context<AppEnv>, first: readonly unknown[]) => Response | Promise<Response>;
};

/**
 * The handlers of one contract group, one per operation (a missing one does not compile):
 *
 * ```ts
 * export const peopleRoutes = handlers(people, {
 *   get: async (c) => c.json(await peopleQueries.get(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
 *   …
 * });
 * ```
 */
export function handlers<G extends Record<string, Operation>>(
  group: G,
  implementation: { [K in keyof G]: Implementation<G[K]> },
): MountedOperation[] {
  return Object.entries(group).map(([name, operation]) => {
    const served = implementation[name] as unknown as
      | ((c: Context<AppEnv>) => Response | Promise<Response>)
      | Required<Pick<MountedOperation, 'read' | 'handler'>>;
    return typeof served === 'function' ? { operation, handler: (c) => served(c) } : { operation, ...served };
  });
}

type Contract = typeof contract;

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Mounts operations on the app at their method and path, each behind the one check that, in
 * order: signs the member (or API key) in (401) unless the operation is public (or the enrolled
 * browser, for a 'device' operation), refuses a key where the operation says `keys: false` (403),
 * checks the role (403), then validates path parameters (400; the path and
 * query must be percent-encoded UTF-8), the query (400, unknown keys rejected even when the operation
 * takes none) and the JSON body (413 over the size limit, 415 not JSON, 400 malformed, 422 not
 * fitting the schema). An operation with a first read has its input read before the sign-in, which
 * its read needs, but refused only after it: the order of answers is the same. Every group of the
 * contract needs its handlers.
 */
export function mount(app: Hono<AppEnv>, routes: { [G in keyof Contract]: MountedOperation[] }): void {
  // In the contract's order: a static path (/people/export) before a parameter (/people/:id).
  for (const group of Object.keys(contract) as (keyof Contract)[]) {
    for (const mounted of routes[group]) {
      app.on(mounted.operation.method.toUpperCase(), mounted.operation.path, serve(mounted));
    }
  }
}

type Checked<T> = { value: T } | { error: unknown };
const settled = <T>(promise: Promise<T>): Promise<Checked<T>> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

function serve({ operation: spec, read, handler }: MountedOperation) {
  return async (c: Context<AppEnv>) => {
    const early = read ? await settled(validInput(c, spec)) : undefined;
    let first: readonly unknown[] = [];
    if (spec.roles === 'device') {
      // A separate path: a device credential is not a member token and opens no member route.
      c.set('device', await authenticateDevice(c));
    } else if (spec.roles !== 'public') {
      // A query that cannot be built (a malformed cursor) is refused like malformed input: after sign-in.
      const unbuilt: unknown[] = [];
      const signedIn = await authenticate(
        c,
        read && early && 'value' in early
          ? (db, orgId) => {
              try {
                return read(db, orgId, early.value);
              } catch (error) {
                unbuilt.push(error);
                return [];
              }
            }
          : undefined,
      );
      const { member } = signedIn;
      if (member.apiKey && spec.keys === false) throw new ProblemError(403, API_KEYS_REFUSED);
      if (!spec.roles.includes(member.role)) {
        throw new ProblemError(403, `This needs one of the roles: ${spec.roles.join(', ')}.`);
      }
      c.set('member', member);
      if (unbuilt.length > 0) throw unbuilt[0];
      first = signedIn.first;
    }
    if (early && 'error' in early) throw early.error;
    if (!early) await validInput(c, spec);
    return handler(c, first);
  };
}

/** Checks the path, query and body against the operation's schemas and hands them to `c.req.valid`. */
async function validInput(c: Context<AppEnv>, spec: OperationSpec): Promise<Record<string, unknown>> {
  checkUrlEncoding(c.req.url);
  const param = parseInput('params', spec.params ?? noInputSchema, c.req.param());
  c.req.addValidatedData('param', param as Record<string, unknown>);

  const query = parseInput('query', spec.query ?? noInputSchema, c.req.query());
  c.req.addValidatedData('query', query as Record<string, unknown>);

  if (!BODY_METHODS.has(spec.method)) return { param, query };
  const raw = await readJsonBody(c.req.raw, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const json = spec.body
    ? parseInput('body', spec.body, raw)
    : parseInput('body', noInputSchema.optional(), raw);
  c.req.addValidatedData('json', (json ?? {}) as Record<string, unknown>);
  return { param, query, json: json ?? {} };
}
