import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { invites, members, organisations, refreshTokens, sessions } from '../db/schema';

type NewMember = typeof members.$inferInsert;

/** A new organisation and its first member (the owner). */
export function createOrganisationStatements(
  db: Database,
  organisation: typeof organisations.$inferInsert,
  member: NewMember,
) {
  return [db.insert(organisations).values(organisation), db.insert(members).values(member)] as const;
}

/** The live member an email signs in as, with their organisation. */
export async function memberSigningIn(db: Database, email: string) {
  const [row] = await db
    .select({ member: members, organisation: organisations })
    .from(members)
    .innerJoin(organisations, eq(organisations.id, members.orgId))
    .where(and(eq(members.email, email), isNull(members.removedAt)))
    .limit(1);
  return row;
}

/** A member with their organisation, by id. */
export async function memberWithOrganisation(db: Database, memberId: string) {
  const [row] = await db
    .select({ member: members, organisation: organisations })
    .from(members)
    .innerJoin(organisations, eq(organisations.id, members.orgId))
    .where(eq(members.id, memberId))
    .limit(1);
  return row;
}

export function setPasswordHashStatement(db: Database, memberId: string, passwordHash: string) {
  return db.update(members).set({ passwordHash }).where(eq(members.id, memberId));
}

/** A refresh token by its hash, with its session, member and organisation. */
export async function refreshTokenHolder(db: Database, tokenHash: string) {
  const [row] = await db
    .select({ token: refreshTokens, session: sessions, member: members, organisation: organisations })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .innerJoin(members, eq(members.id, sessions.memberId))
    .innerJoin(organisations, eq(organisations.id, sessions.orgId))
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/**
 * Spends a refresh token and issues the next of its family. The first statement returns the spent
 * token only if it was still unspent: two uses racing, one finds it spent (reuse).
 */
export function rotateRefreshTokenStatements(
  db: Database,
  spent: { tokenHash: string; sessionId: string },
  nextHash: string,
  now: number,
) {
  return [
    db
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.tokenHash, spent.tokenHash), isNull(refreshTokens.usedAt)))
      .returning({ tokenHash: refreshTokens.tokenHash }),
    db.insert(refreshTokens).values({ tokenHash: nextHash, sessionId: spent.sessionId, createdAt: now }),
    db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, spent.sessionId)),
  ] as const;
}

/** The invitation a setup token opens, if not accepted, revoked or expired, with its organisation. */
export async function openInviteByToken(db: Database, tokenHash: string, now: number) {
  const [row] = await db
    .select({ invite: invites, organisation: organisations })
    .from(invites)
    .innerJoin(organisations, eq(organisations.id, invites.orgId))
    .where(
      and(
        eq(invites.tokenHash, tokenHash),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

/** Accepts an invitation as a new member (a second acceptance fails on the member's unique email). */
export function acceptInviteStatements(db: Database, inviteId: string, member: NewMember, now: number) {
  return [
    db
      .update(invites)
      .set({ acceptedAt: now })
      .where(and(eq(invites.id, inviteId), isNull(invites.acceptedAt))),
    db.insert(members).values(member),
  ] as const;
}
