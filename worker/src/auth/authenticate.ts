import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { API_KEY_HEADER } from '../../../shared/schemas/api-keys';
import { readOrganisationSettings } from '../../../shared/schemas/organisation';
import type { AppEnv, AuthedMember } from '../app-env';
import { actorOf, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { members, organisations, sessions } from '../db/schema';
import { ProblemError } from '../http/problem';
import { clientOf } from '../http/request-context';
import { authenticateApiKey } from './api-keys';
import { verifyAccessToken } from './tokens';

/** How often a session's last use is written back: enough for an idle limit counted in minutes. */
const TOUCH_EVERY_MS = 60_000;

function unauthorised(detail: string): ProblemError {
  return new ProblemError(401, detail, undefined, { 'www-authenticate': 'Bearer realm="rollcall"' });
}

/** Whether a session is past its organisation's idle or absolute limit at `now`. */
export function sessionExpired(
  session: { createdAt: number; lastUsedAt: number },
  settings: { sessionIdleMinutes: number; sessionAbsoluteHours: number },
  now: number,
): boolean {
  return (
    now - session.lastUsedAt > settings.sessionIdleMinutes * 60_000 ||
    now - session.createdAt > settings.sessionAbsoluteHours * 3_600_000
  );
}

/**
 * The one place a request is signed in: an `X-Api-Key` resolves to its key (api-keys.ts), a bearer
 * token to a member with a live session. The session row is read on every request, so removing or
 * demoting a member (which revokes their sessions) takes effect at once, and the role comes from
 * the database, not from a token that may be 15 minutes old.
 */
export async function authenticate(c: Context<AppEnv>): Promise<AuthedMember> {
  const apiKey = c.req.header(API_KEY_HEADER);
  if (apiKey !== undefined) {
    if (c.req.header('authorization') !== undefined)
      throw unauthorised('Send an access token or an API key, not both.');
    return authenticateApiKey(c, apiKey);
  }
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header);
  if (!match?.[1]) throw unauthorised('Send an access token: Authorization: Bearer <token>.');
  const claims = await verifyAccessToken(c.env, match[1]);
  if (!claims) throw unauthorised('The access token is invalid or has expired.');

  const db = database(c.env.DB);
  const [row] = await db
    .select({
      session: sessions,
      member: { id: members.id, name: members.name, email: members.email, role: members.role },
      settings: organisations.settings,
    })
    .from(sessions)
    .innerJoin(members, eq(members.id, sessions.memberId))
    .innerJoin(organisations, eq(organisations.id, sessions.orgId))
    .where(
      and(
        eq(sessions.id, claims.sessionId),
        eq(sessions.memberId, claims.memberId),
        eq(sessions.orgId, claims.orgId),
        isNull(sessions.revokedAt),
        isNull(members.removedAt),
      ),
    )
    .limit(1);
  if (!row) throw unauthorised('The session has ended. Sign in again.');

  const now = Date.now();
  if (sessionExpired(row.session, readOrganisationSettings(row.settings), now)) {
    throw unauthorised('The session has expired. Sign in again.');
  }
  if (now - row.session.lastUsedAt > TOUCH_EVERY_MS) {
    // Bookkeeping, not a change anyone made: the one write path, with no audit event.
    await writeAudited(
      db,
      actorOf({ ...row.member, orgId: claims.orgId }, clientOf(c)),
      [db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, row.session.id))],
      [],
    );
  }
  return {
    ...row.member,
    orgId: claims.orgId,
    sessionId: claims.sessionId,
    secondFactorAt: row.session.secondFactorAt,
    apiKey: null,
  };
}

/**
 * The session and email of a request signed in as a member. Operations that need them are
 * refused to API keys (`keys: false`) before their handler runs, so this only guards the type.
 */
export function signedInMember(member: AuthedMember): AuthedMember & { sessionId: string; email: string } {
  if (member.sessionId === null || member.email === null) throw new ProblemError(403, API_KEYS_REFUSED);
  return { ...member, sessionId: member.sessionId, email: member.email };
}

/** Why an operation marked `keys: false` refuses an API key. */
export const API_KEYS_REFUSED =
  'API keys cannot do this: managing members, API keys, sessions, second factors and passwords needs a member signed in.';
