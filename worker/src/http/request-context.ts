import type { Context } from 'hono';
import type { AppEnv } from '../app-env';

/** Where a request came from, for the audit trail and per-address throttling. */
export function clientOf(c: Context<AppEnv>) {
  return {
    // Cloudflare sets cf-connecting-ip on every request and overwrites a client's own.
    ip: c.req.header('cf-connecting-ip') ?? null,
    userAgent: c.req.header('user-agent')?.slice(0, 500) ?? null,
    requestId: c.get('requestId'),
  };
}
