import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import type { TokenPair } from '../../../shared/schemas/auth';
import type { Member } from '../../../shared/schemas/members';
import type { Organisation } from '../../../shared/schemas/organisation';
import { readOrganisationSettings } from '../../../shared/schemas/organisation';
import { readRuleSettings } from '../../../shared/settings';
import type { Database } from '../db/client';
import { members, organisations, refreshTokens, sessions } from '../db/schema';
import { newId, randomToken, sha256Hex } from './crypto';
import { ACCESS_TOKEN_SECONDS, issueAccessToken } from './tokens';

type Client = { ip: string | null; userAgent: string | null };

/**
 * Statements that start a session (a refresh-token family) and its first refresh token;
 * `secondFactorAt` when the sign-in gave a second-factor code.
 */
export async function startSession(
  db: Database,
  orgId: string,
  memberId: string,
  client: Client,
  now: number,
  secondFactorAt: number | null = null,
) {
  const sessionId = newId();
  const refreshToken = randomToken();
  const statements = [
    db.insert(sessions).values({
      id: sessionId,
      orgId,
      memberId,
      createdAt: now,
      lastUsedAt: now,
      secondFactorAt,
      ip: client.ip,
      userAgent: client.userAgent,
    }),
    db.insert(refreshTokens).values({ tokenHash: await sha256Hex(refreshToken), sessionId, createdAt: now }),
  ] as const;
  return { sessionId, refreshToken, statements };
}

type MemberRow = { id: string; email: string; name: string; role: Member['role']; createdAt: number };
type OrganisationRow = { id: string; name: string; settings: unknown };

/** A member as the API shows them; `secondFactor`: whether they have a confirmed one. */
export function publicMember(row: MemberRow, secondFactor: boolean): Member {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt,
    secondFactor,
  };
}

export function publicOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    settings: { ...readOrganisationSettings(row.settings), ...readRuleSettings(row.settings) },
  };
}

/** The answer to a sign-up, sign-in, invite acceptance or refresh. */
export async function tokenPair(
  env: { ENVIRONMENT?: string; JWT_SECRET?: string },
  member: MemberRow,
  organisation: OrganisationRow,
  sessionId: string,
  refreshToken: string,
  secondFactor: boolean,
): Promise<TokenPair> {
  return {
    accessToken: await issueAccessToken(env, { memberId: member.id, orgId: organisation.id, sessionId }),
    expiresIn: ACCESS_TOKEN_SECONDS,
    refreshToken,
    member: publicMember(member, secondFactor),
    organisation: publicOrganisation(organisation),
  };
}

/** Ends every live session of a member (removal, demotion): their access tokens stop working at once. */
export function revokeMemberSessions(db: Database, memberId: string, reason: string, now: number) {
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.memberId, memberId), isNull(sessions.revokedAt)));
}

/** Ends every live session of a member but the one they are using. */
export function endOtherSessionsStatement(
  db: Database,
  memberId: string,
  keepSessionId: string,
  reason: string,
  now: number,
) {
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.memberId, memberId), isNull(sessions.revokedAt), ne(sessions.id, keepSessionId)));
}

/** Ends one session. */
export function revokeSession(db: Database, sessionId: string, reason: string, now: number) {
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** The settings of an organisation (session limits among them), as stored. */
export async function organisationSettingsOf(db: Database, orgId: string): Promise<unknown> {
  const [row] = await db
    .select({ settings: organisations.settings })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return row?.settings;
}

/** Whether the member is (or was) one of the organisation's. */
export async function isMemberOf(db: Database, orgId: string, memberId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.orgId, orgId)));
  return row !== undefined;
}

/** A member's sessions not revoked (expiry is the caller's to judge), newest first. */
export function unrevokedSessionsOf(db: Database, orgId: string, memberId: string) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.memberId, memberId), eq(sessions.orgId, orgId), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.createdAt))
    .limit(200);
}

/** One session of the organisation not revoked. */
export async function unrevokedSession(db: Database, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.orgId, orgId), isNull(sessions.revokedAt)))
    .limit(1);
  return row;
}
