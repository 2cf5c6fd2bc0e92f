import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { MemberRole } from '../../../shared/schemas/members';
import type { Database } from '../db/client';
import { invites, members } from '../db/schema';
import { asBatchItem, batchGuard } from '../db/versions';
import { ProblemError } from '../http/problem';

/** The organisation's members, oldest first (removed ones are gone). */
export function listMembers(db: Database, orgId: string) {
  return db
    .select()
    .from(members)
    .where(and(eq(members.orgId, orgId), isNull(members.removedAt)))
    .orderBy(asc(members.createdAt), asc(members.id));
}

/** A live member of the organisation, or 404 (also for another organisation's id). */
export async function memberOf(db: Database, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.id, id), eq(members.orgId, orgId), isNull(members.removedAt)))
    .limit(1);
  if (!row) throw new ProblemError(404, 'No such member.');
  return row;
}

/**
 * Ends a batch that may demote or remove an owner: fails it, and so rolls back everything in it,
 * when the organisation would be left with no owner. Checked in the write, not read before it, so
 * two owners stepping down at once cannot both succeed.
 */
export function anOwnerRemainsGuard(db: Database, orgId: string) {
  return asBatchItem(
    batchGuard(
      db,
      sql`EXISTS (SELECT 1 FROM ${members} WHERE ${members.orgId} = ${orgId}
        AND ${members.role} = 'owner' AND ${members.removedAt} IS NULL)`,
    ),
  );
}

/**
 * Fails a batch when the member acting in it is no longer a live member of the organisation with one
 * of `roles`: two owners removing each other at once cannot both succeed, since the second runs
 * after the first removed its actor. Checked in the write, like `anOwnerRemainsGuard`.
 */
export function actorStillMayGuard(
  db: Database,
  actor: { orgId: string; id: string },
  roles: readonly MemberRole[],
) {
  return asBatchItem(
    batchGuard(
      db,
      sql`EXISTS (SELECT 1 FROM ${members} WHERE ${members.id} = ${actor.id} AND ${members.orgId} = ${actor.orgId}
        AND ${members.removedAt} IS NULL AND ${members.role} IN (SELECT value FROM json_each(${JSON.stringify(roles)})))`,
    ),
  );
}

/**
 * Whether the email belongs to a live member of this organisation. Only this one: whether it
 * belongs to anyone elsewhere is not for an inviter to learn (the invitee finds out on accepting).
 */
export async function memberOfOrganisation(db: Database, orgId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.email, email), eq(members.orgId, orgId), isNull(members.removedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * The role and removal statements touch a live member whose role is still `was`, the role the
 * route read and judged: a member promoted or removed meanwhile is left alone, and the batch's
 * `changedOneRowGuard` fails it.
 */
export function setRoleStatement(db: Database, orgId: string, id: string, was: MemberRole, role: MemberRole) {
  return db
    .update(members)
    .set({ role })
    .where(
      and(eq(members.id, id), eq(members.orgId, orgId), eq(members.role, was), isNull(members.removedAt)),
    );
}

export function removeMemberStatement(db: Database, orgId: string, id: string, was: MemberRole, now: number) {
  return db
    .update(members)
    .set({ removedAt: now })
    .where(
      and(eq(members.id, id), eq(members.orgId, orgId), eq(members.role, was), isNull(members.removedAt)),
    );
}

/** Invitations not yet accepted, revoked or expired, oldest first. */
export function openInvites(db: Database, orgId: string, now: number) {
  return db
    .select()
    .from(invites)
    .where(
      and(
        eq(invites.orgId, orgId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, now),
      ),
    )
    .orderBy(asc(invites.createdAt));
}

/** An invitation of the organisation not yet accepted nor revoked. */
export async function openInviteOf(db: Database, orgId: string, id: string) {
  const [row] = await db
    .select()
    .from(invites)
    .where(
      and(
        eq(invites.id, id),
        eq(invites.orgId, orgId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
      ),
    )
    .limit(1);
  return row;
}

export function insertInviteStatement(db: Database, invite: typeof invites.$inferInsert) {
  return db.insert(invites).values(invite);
}

export function revokeInviteStatement(db: Database, orgId: string, id: string, now: number) {
  return db
    .update(invites)
    .set({ revokedAt: now })
    .where(and(eq(invites.id, id), eq(invites.orgId, orgId)));
}
