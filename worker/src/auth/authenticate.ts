import { and, eq, isNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { API_KEY_HEADER } from '../../../shared/schemas/api-keys';
import { readOrganisationSettings } from '../../../shared/schemas/organisation';
import type { AppEnv, AuthedMember } from '../app-env';
import { actorOf, writeAudited } from '../audit/writer';
import { type Database, database } from '../db/client';
import { reusableQuery } from '../db/reusable-query';
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
 * The live session a token names, its member and its organisation's settings. D1 answers a batch's
 * rows by column name, so no two columns here share one (no sessions.id).
 */
const sessionRead = reusableQuery((db, claims: { sessionId: string; memberId: string; orgId: string }) =>
  db
    .select({
      session: {
        createdAt: sessions.createdAt,
        lastUsedAt: sessions.lastUsedAt,
        secondFactorAt: sessions.secondFactorAt,
      },
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
    .limit(1),
);

type Statement = BatchItem<'sqlite'>;
/** The route's first read, scoped to an organisation (see `withFirstRead` in http/route.ts). */
export type FirstReadOf = (db: Database, orgId: string) => readonly Statement[];

/** Runs statements in one batch, none when there are none. */
async function batchOf(db: Database, statements: readonly Statement[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  return db.batch(statements as [Statement, ...Statement[]]);
}

/**
 * The one place a request is signed in: an `X-Api-Key` resolves to its key (api-keys.ts), a bearer
 * token to a member with a live session. The session row is read on every request, so removing or
 * demoting a member (which revokes their sessions) takes effect at once, and the role comes from
 * the database, not from a token that may be 15 minutes old.
 *
 * `read`, the route's first read, runs in the same D1 batch as the session check, scoped to the
 * organisation the token names; its rows (`first`) are the caller's to hand on once the member's
 * role is checked, and are only returned at all when the session holds. A key's organisation is
 * only known from its row, so with a key the first read is a second call after the key's check.
 */
export async function authenticate(
  c: Context<AppEnv>,
  read?: FirstReadOf,
): Promise<{ member: AuthedMember; first: readonly unknown[] }> {
  const apiKey = c.req.header(API_KEY_HEADER);
  if (apiKey !== undefined) {
    if (c.req.header('authorization') !== undefined)
      throw unauthorised('Send an access token or an API key, not both.');
    const member = await authenticateApiKey(c, apiKey);
    const db = database(c.env.DB);
    return { member, first: read ? await batchOf(db, read(db, member.orgId)) : [] };
  }
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header);
  if (!match?.[1]) throw unauthorised('Send an access token: Authorization: Bearer <token>.');
  const claims = await verifyAccessToken(c.env, match[1]);
  if (!claims) throw unauthorised('The access token is invalid or has expired.');

  const db = database(c.env.DB);
  const session = sessionRead(db, claims);
  const [[row], ...first] = (await db.batch([session, ...(read?.(db, claims.orgId) ?? [])])) as [
    Awaited<typeof session>,
    ...unknown[],
  ];
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
      [db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, claims.sessionId))],
      [],
    );
  }
  return {
    member: {
      ...row.member,
      orgId: claims.orgId,
      sessionId: claims.sessionId,
      secondFactorAt: row.session.secondFactorAt,
      apiKey: null,
    },
    first,
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
