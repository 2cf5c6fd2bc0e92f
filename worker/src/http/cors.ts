import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { setResponseHeaders } from './response-headers';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i;
const ALLOW_METHODS = 'GET,POST,PUT,PATCH,DELETE';
const ALLOW_HEADERS = 'Authorization,Content-Type';
const EXPOSE_HEADERS = 'Retry-After,X-Request-Id';
const MAX_AGE_SECONDS = '600';

/** The extension origins EXTENSION_ORIGINS lists, read once per value of the setting. */
let listed: { setting: string; origins: ReadonlySet<string> } | null = null;
function listedOrigins(setting: string): ReadonlySet<string> {
  if (listed?.setting !== setting) {
    const origins = setting
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => EXTENSION_ORIGIN.test(origin));
    listed = { setting, origins: new Set(origins) };
  }
  return listed.origins;
}

/**
 * CORS for the browser extension only: the origins listed in EXTENSION_ORIGINS (comma-separated
 * chrome-extension://… and moz-extension://…) and the worker's own origin. Anything else gets no
 * Access-Control-Allow-Origin, so browsers keep other sites' scripts out. A preflight (`OPTIONS`)
 * is answered here; any other request gets its CORS headers on the route's own response, set in
 * place (see `setResponseHeaders`).
 */
export function extensionCors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin') ?? '';
    const allowed =
      origin !== '' &&
      (listedOrigins(c.env.EXTENSION_ORIGINS ?? '').has(origin) || origin === new URL(c.req.url).origin);
    const setCors = (headers: Headers) => {
      if (allowed) headers.set('Access-Control-Allow-Origin', origin);
      headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
      headers.append('Vary', 'Origin');
    };
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers();
      setCors(headers);
      headers.set('Access-Control-Max-Age', MAX_AGE_SECONDS);
      headers.set('Access-Control-Allow-Methods', ALLOW_METHODS);
      headers.set('Access-Control-Allow-Headers', ALLOW_HEADERS);
      headers.append('Vary', 'Access-Control-Request-Headers');
      return new Response(null, { status: 204, statusText: 'No Content', headers });
    }
    await next();
    setResponseHeaders(c, setCors);
  };
}
