import type { Context } from 'hono';
import { MANAGERS } from '../../../shared/contract/access';
import { API_KEY_PREFIX } from '../../../shared/schemas/api-keys';
import type { AppEnv, AuthedMember } from '../app-env';
import { writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { clientOf } from '../http/request-context';
import { apiKeyByHash, touchApiKeyStatement } from './api-key-queries';
import { randomToken, sha256Hex } from './crypto';

/** `rck_` and 256 random bits in base64url: nothing else is tried against the database. */
const SECRET_FORMAT = /^rck_[A-Za-z0-9_-]{43}$/;
/** How much of the secret the list shows: the prefix and 8 characters (48 of its 256 bits). */
const DISPLAY_LENGTH = API_KEY_PREFIX.length + 8;
/** How often a key's last use is written back. */
const TOUCH_EVERY_MS = 60_000;
/** Requests a key may make a minute; the `API_KEY_RATE_LIMIT` binding in wrangler.toml counts them. */
export const API_KEY_REQUESTS_PER_MINUTE = 600;

/** A new key's secret (shown once), the hash that is stored, and the prefix a list shows. */
export async function newApiKeySecret(): Promise<{ secret: string; secretHash: string; prefix: string }> {
  const secret = `${API_KEY_PREFIX}${randomToken()}`;
  return { secret, secretHash: await sha256Hex(secret), prefix: secret.slice(0, DISPLAY_LENGTH) };
}

function unauthorised(detail: string): ProblemError {
  return new ProblemError(401, detail, undefined, { 'www-authenticate': 'ApiKey realm="rollcall"' });
}

/**
 * Resolves an `X-Api-Key` secret to the key it belongs to, acting with the key's role in its
 * organisation. Only the hash is stored, so a leaked database gives no working key. A key stops at
 * once when revoked or expired, and when its creator is removed or no longer an owner or admin.
 * Each key may make `API_KEY_REQUESTS_PER_MINUTE` requests a minute (429 past them).
 */
export async function authenticateApiKey(c: Context<AppEnv>, secret: string): Promise<AuthedMember> {
  if (!SECRET_FORMAT.test(secret)) throw unauthorised('That is not a Rollcall API key: it starts with rck_.');
  const db = database(c.env.DB);
  const row = await apiKeyByHash(db, await sha256Hex(secret));
  if (!row) throw unauthorised('The API key is unknown.');
  const { key, creator } = row;
  const now = Date.now();
  if (key.revokedAt !== null)
    throw unauthorised('The API key was revoked. Ask an owner or admin for a new one.');
  if (key.expiresAt !== null && key.expiresAt <= now)
    throw unauthorised('The API key has expired. Ask an owner or admin for a new one.');
  if (creator.removedAt !== null || !(MANAGERS as readonly string[]).includes(creator.role))
    throw unauthorised(
      'The member who created this API key can no longer manage keys. Ask an owner or admin for a new one.',
    );

  if (!(await c.env.API_KEY_RATE_LIMIT.limit({ key: key.id })).success) {
    throw new ProblemError(
      429,
      `Too many requests with this API key: at most ${API_KEY_REQUESTS_PER_MINUTE} a minute. Wait a minute and try again.`,
      undefined,
      { 'retry-after': '60' },
    );
  }

  const name = `key ${key.name} (created by ${creator.name})`;
  if (key.lastUsedAt === null || now - key.lastUsedAt > TOUCH_EVERY_MS) {
    // Bookkeeping nobody decided: the one write path, with no audit event.
    await writeAudited(
      db,
      { orgId: key.orgId, actorId: key.id, actorName: name, ...clientOf(c) },
      [touchApiKeyStatement(db, key.id, now)],
      [],
    );
  }
  return {
    id: key.id,
    orgId: key.orgId,
    role: key.role,
    name,
    email: null,
    sessionId: null,
    secondFactorAt: null,
    apiKey: { id: key.id, name: key.name, createdBy: { id: creator.id, name: creator.name } },
  };
}
