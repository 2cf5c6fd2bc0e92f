import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { contract } from '../../../shared/contract';
import type { Operation, OperationSpec } from '../../../shared/contract/operation';
import { noInputSchema } from '../../../shared/schemas/request';
import type { AppEnv } from '../app-env';
import { API_KEYS_REFUSED, authenticate } from '../auth/authenticate';
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

export type MountedOperation = { operation: Operation; handler: OperationHandler<OperationSpec> };

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
  implementation: { [K in keyof G]: OperationHandler<G[K]> },
): MountedOperation[] {
  return Object.entries(group).map(([name, operation]) => ({
    operation,
    handler: implementation[name] as unknown as OperationHandler<OperationSpec>,
  }));
}

type Contract = typeof contract;

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Mounts operations on the app at their method and path, each behind the one middleware that, in
 * order: signs the member (or API key) in (401) unless the operation is public (or the enrolled
 * browser, for a 'device' operation), refuses a key where the operation says `keys: false` (403),
 * checks the role (403), then validates path parameters (400; the path and
 * query must be percent-encoded UTF-8), the query (400, unknown keys rejected even when the operation
 * takes none) and the JSON body (413 over the size limit, 415 not JSON, 400 malformed, 422 not
 * fitting the schema). Every group of the contract needs its handlers.
 */
export function mount(app: Hono<AppEnv>, routes: { [G in keyof Contract]: MountedOperation[] }): void {
  // In the contract's order: a static path (/people/export) before a parameter (/people/:id).
  for (const group of Object.keys(contract) as (keyof Contract)[]) {
    for (const { operation, handler } of routes[group]) {
      app.on(operation.method.toUpperCase(), operation.path, checkInput(operation), handler);
    }
  }
}

function checkInput(spec: OperationSpec): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (spec.roles === 'device') {
      // A separate path: a device credential is not a member token and opens no member route.
      c.set('device', await authenticateDevice(c));
    } else if (spec.roles !== 'public') {
      const member = await authenticate(c);
      if (member.apiKey && spec.keys === false) throw new ProblemError(403, API_KEYS_REFUSED);
      if (!spec.roles.includes(member.role)) {
        throw new ProblemError(403, `This needs one of the roles: ${spec.roles.join(', ')}.`);
      }
      c.set('member', member);
    }

    checkUrlEncoding(c.req.url);
    const params = parseInput('params', spec.params ?? noInputSchema, c.req.param());
    c.req.addValidatedData('param', params as Record<string, unknown>);

    const query = parseInput('query', spec.query ?? noInputSchema, c.req.query());
    c.req.addValidatedData('query', query as Record<string, unknown>);

    if (BODY_METHODS.has(spec.method)) {
      const raw = await readJsonBody(c.req.raw, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const body = spec.body
        ? parseInput('body', spec.body, raw)
        : parseInput('body', noInputSchema.optional(), raw);
      c.req.addValidatedData('json', (body ?? {}) as Record<string, unknown>);
    }
    await next();
  };
}
