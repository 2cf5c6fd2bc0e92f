import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { MemberRole } from '../../../shared/schemas/members';
import { noInputSchema } from '../../../shared/schemas/request';
import type { AppEnv } from '../app-env';
import { authenticate } from '../auth/authenticate';
import { ProblemError } from './problem';
import { DEFAULT_MAX_BODY_BYTES, parseInput, readJsonBody } from './validate';

/** One documented answer of a route. `schema` describes a JSON body; `contentType` overrides it. */
export type ResponseSpec = { description: string; schema?: z.ZodType; contentType?: string };

/**
 * Everything the server, the OpenAPI document and the generated tests know about one route.
 * `params`, `query` and `body` are the shared zod schemas (strict objects: unknown fields fail).
 */
export type RouteSpec = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to the group's prefix, in Hono syntax: '/', '/:id', '/:id/leave'. */
  path: string;
  summary: string;
  /** 'public' needs no sign-in; otherwise the member roles allowed (checked on the server). */
  roles: 'public' | readonly MemberRole[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, ResponseSpec>;
  /** Largest accepted body in bytes (default 64 KiB); larger answers 413. */
  maxBodyBytes?: number;
};

export type RegisteredRoute = RouteSpec & {
  /** The full path in Hono syntax, e.g. /api/v1/members/:id. */
  fullPath: string;
  tag: string;
};

/** Every route of the API, in registration order. Read by the OpenAPI document and the tests. */
export const routeTable: RegisteredRoute[] = [];

type Part<K extends string, T, Which extends 'in' | 'out'> = T extends z.ZodType
  ? { [P in K]: Which extends 'in' ? z.input<T> : z.output<T> }
  : // biome-ignore lint/complexity/noBannedTypes: Hono's Input merges `{}` for "no such part"
    {};
type InputOf<S extends RouteSpec> = {
  in: Part<'param', S['params'], 'in'> & Part<'query', S['query'], 'in'> & Part<'json', S['body'], 'in'>;
  out: Part<'param', S['params'], 'out'> & Part<'query', S['query'], 'out'> & Part<'json', S['body'], 'out'>;
};

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Groups the routes of one sub-app under its mount prefix. Usage, in a sub-app file:
 *
 * ```ts
 * const api = routeGroup('/api/v1/people', 'People');
 * export const people = new Hono<AppEnv>()
 *   .get('/:id', api.route({
 *       method: 'get', path: '/:id', summary: 'One person',
 *       roles: ['owner', 'admin', 'reviewer', 'auditor'],
 *       params: idParamsSchema,
 *       responses: { 200: { description: 'The person', schema: personSchema } },
 *     }),
 *     async (c) => {
 *       const { id } = c.req.valid('param');      // typed from the schema
 *       const { orgId } = c.get('member');        // the organisation, always from the token
 *       …
 *     });
 * ```
 * and mount it in app.ts with the same prefix: `.route('/api/v1/people', people)`.
 *
 * `api.route(spec)` registers the spec in `routeTable` (so the route appears in
 * /api/v1/openapi.json and in the generated cross-organisation and malformed-input tests) and
 * returns the one middleware that, in order: signs the member in (401) unless the route is public,
 * checks their role (403), then validates path parameters (400), the query (400, unknown keys
 * rejected even when the route takes none) and the JSON body (413 over the size limit, 415 not
 * JSON, 400 malformed, 422 not fitting the schema). Handlers read the results with
 * `c.req.valid('param' | 'query' | 'json')`, the member with `c.get('member')`.
 * The method and path given to Hono must match the spec's; a test checks that they do.
 */
export function routeGroup(prefix: string, tag: string) {
  return {
    route<const S extends RouteSpec>(spec: S): MiddlewareHandler<AppEnv, string, InputOf<S>> {
      const fullPath = `${prefix}${spec.path === '/' ? '' : spec.path}` || '/';
      if (/:\w/.test(fullPath) && !spec.params) {
        throw new Error(
          `Route ${spec.method.toUpperCase()} ${fullPath} has path parameters but no params schema.`,
        );
      }
      routeTable.push({ ...spec, fullPath, tag });
      return routeMiddleware(spec) as MiddlewareHandler<AppEnv, string, InputOf<S>>;
    },
  };
}

function routeMiddleware(spec: RouteSpec): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (spec.roles !== 'public') {
      const member = await authenticate(c);
      if (!spec.roles.includes(member.role)) {
        throw new ProblemError(403, `This needs one of the roles: ${spec.roles.join(', ')}.`);
      }
      c.set('member', member);
    }

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
