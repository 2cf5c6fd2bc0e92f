import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../app-env';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i;

/**
 * CORS for the browser extension only: the origins listed in EXTENSION_ORIGINS (comma-separated
 * chrome-extension://… and moz-extension://…) and the worker's own origin. Anything else gets no
 * Access-Control-Allow-Origin, so browsers keep other sites' scripts out.
 */
export function extensionCors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const allowed = new Set(
      (c.env.EXTENSION_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => EXTENSION_ORIGIN.test(origin)),
    );
    allowed.add(new URL(c.req.url).origin);
    return cors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['Retry-After', 'X-Request-Id'],
      maxAge: 600,
    })(c, next);
  };
}
