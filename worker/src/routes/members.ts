import { contract } from '../../../shared/contract';
import type { memberRoles } from '../../../shared/schemas/members';
import { memberActor, writeAudited } from '../audit/writer';
import { newId, randomToken, sha256Hex } from '../auth/crypto';
import {
  actorStillMayGuard,
  anOwnerRemainsGuard,
  insertInviteStatement,
  listMembers,
  memberOf,
  memberOfOrganisation,
  openInviteOf,
  openInvites,
  removeMemberStatement,
  revokeInviteStatement,
  setRoleStatement,
} from '../auth/members-queries';
import { membersWithSecondFactor, resetSecondFactorStatements, secondFactorOf } from '../auth/second-factor';
import { publicMember, revokeMemberSessions } from '../auth/sessions';
import { inviteRetryAfter, inviteStatements } from '../auth/throttle';
import { database } from '../db/client';
import { asBatchItem, changedOneRowGuard, isGuardFailure } from '../db/versions';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';

/** How long a setup token stays valid. */
const INVITE_DAYS = 7;

/** Owners can do anything to anyone; admins cannot touch owners nor make one. */
function mayManage(actorRole: string, targetRole: string, newRole?: string): boolean {
  if (actorRole === 'owner') return true;
  return targetRole !== 'owner' && newRole !== 'owner';
}

/** The roles an actor must still hold when the change is written. */
const rolesToManage = (targetRole: string, newRole?: string) =>
  targetRole === 'owner' || newRole === 'owner' ? (['owner'] as const) : (['owner', 'admin'] as const);

/**
 * Everything a role change or removal must still find true when it is written, checked by the write
 * itself: the actor may still do it, the member is as read, and an owner remains. Racing changes
 * are judged in the order they are written, never on what each read before.
 */
function memberChangeGuards(
  db: ReturnType<typeof database>,
  actor: { orgId: string; id: string },
  targetRole: string,
  newRole?: string,
) {
  return {
    before: [actorStillMayGuard(db, actor, rolesToManage(targetRole, newRole))],
    afterChange: [asBatchItem(changedOneRowGuard(db))],
    after: [anOwnerRemainsGuard(db, actor.orgId)],
  };
}

/** Why a member change failed its guards, read after the fact to say it in words. */
async function refusal(
  db: ReturnType<typeof database>,
  actor: { orgId: string; id: string },
  target: { id: string; role: string },
  newRole: string | undefined,
  lastOwner: string,
): Promise<ProblemError> {
  const [self, now] = await Promise.all([
    memberOf(db, actor.orgId, actor.id).catch(() => null),
    memberOf(db, actor.orgId, target.id).catch(() => null),
  ]);
  if (!self || !(rolesToManage(target.role, newRole) as readonly string[]).includes(self.role)) {
    return new ProblemError(
      403,
      'You may no longer do this: your role changed or you were removed meanwhile.',
    );
  }
  if (!now) return new ProblemError(404, 'No such member: they were removed meanwhile.');
  if (now.role !== target.role) {
    return new ProblemError(409, 'This member’s role changed meanwhile: look again and retry.');
  }
  return new ProblemError(409, lastOwner);
}

export const membersRoutes = handlers(contract.members, {
  list: async (c) => {
    const db = database(c.env.DB);
    const rows = await listMembers(db, c.get('member').orgId);
    const withFactor = await membersWithSecondFactor(
      db,
      rows.map((row) => row.id),
    );
    return c.json({ members: rows.map((row) => publicMember(row, withFactor.has(row.id))) });
  },
  listInvites: async (c) => {
    const rows = await openInvites(database(c.env.DB), c.get('member').orgId, Date.now());
    return c.json({ invites: rows.map(publicInvite) });
  },
  invite: async (c) => {
    const { email, role } = c.req.valid('json');
    const actor = c.get('member');
    if (!mayManage(actor.role, 'none', role))
      throw new ProblemError(403, 'Only an owner may invite an owner.');
    const db = database(c.env.DB);
    const now = Date.now();
    const retryAfter = await inviteRetryAfter(db, actor, now);
    if (retryAfter !== null) {
      throw new ProblemError(429, 'Too many invitations for now. Try again later.', undefined, {
        'retry-after': String(retryAfter),
      });
    }
    if (await memberOfOrganisation(db, actor.orgId, email)) {
      throw new ProblemError(409, 'That email already belongs to a member of this firm.', [
        { field: 'body.email', message: 'already a member of this firm' },
      ]);
    }
    const setupToken = randomToken();
    const invite = {
      id: newId(),
      orgId: actor.orgId,
      email,
      role,
      tokenHash: await sha256Hex(setupToken),
      createdBy: actor.id,
      createdAt: now,
      expiresAt: now + INVITE_DAYS * 86_400_000,
    };
    await writeAudited(
      db,
      memberActor(c),
      [insertInviteStatement(db, invite), ...inviteStatements(db, actor, now)],
      [{ action: 'invite.create', targetType: 'invite', targetId: invite.id, after: publicInvite(invite) }],
    );
    return c.json({ invite: publicInvite(invite), setupToken }, 201);
  },
  revokeInvite: async (c) => {
    const { id } = c.req.valid('param');
    const { orgId } = c.get('member');
    const db = database(c.env.DB);
    const invite = await openInviteOf(db, orgId, id);
    if (!invite) throw new ProblemError(404, 'No such open invitation.');
    await writeAudited(
      db,
      memberActor(c),
      [revokeInviteStatement(db, orgId, id, Date.now())],
      [{ action: 'invite.revoke', targetType: 'invite', targetId: id, before: publicInvite(invite) }],
    );
    return c.body(null, 204);
  },
  get: async (c) => {
    const db = database(c.env.DB);
    const row = await memberOf(db, c.get('member').orgId, c.req.valid('param').id);
    return c.json(publicMember(row, await hasSecondFactor(db, row.id)));
  },
  update: async (c) => {
    const { id } = c.req.valid('param');
    const { role } = c.req.valid('json');
    const actor = c.get('member');
    const db = database(c.env.DB);
    const target = await memberOf(db, actor.orgId, id);
    if (!mayManage(actor.role, target.role, role)) {
      throw new ProblemError(403, 'Only an owner may change an owner or make one.');
    }
    const secondFactor = await hasSecondFactor(db, id);
    if (target.role === role) return c.json(publicMember(target, secondFactor));
    const now = Date.now();
    const guards = memberChangeGuards(db, actor, target.role, role);
    try {
      await writeAudited(
        db,
        memberActor(c),
        [
          ...guards.before,
          setRoleStatement(db, actor.orgId, id, target.role, role),
          ...guards.afterChange,
          // Roles are not a ladder (reviewer and auditor differ in kind), so any change ends the
          // member's sessions: nobody keeps rights they lost for the life of a token.
          revokeMemberSessions(db, id, 'role changed', now),
          ...guards.after,
        ],
        [
          {
            action: 'member.role_change',
            targetType: 'member',
            targetId: id,
            before: { role: target.role },
            after: { role, sessionsEnded: true },
          },
        ],
      );
    } catch (error) {
      if (!isGuardFailure(error)) throw error;
      throw await refusal(
        db,
        actor,
        target,
        role,
        'The last owner cannot be demoted: make another owner first.',
      );
    }
    return c.json(publicMember({ ...target, role }, secondFactor));
  },
  remove: async (c) => {
    const { id } = c.req.valid('param');
    const actor = c.get('member');
    const db = database(c.env.DB);
    const target = await memberOf(db, actor.orgId, id);
    if (!mayManage(actor.role, target.role))
      throw new ProblemError(403, 'Only an owner may remove an owner.');
    const now = Date.now();
    const guards = memberChangeGuards(db, actor, target.role);
    try {
      await writeAudited(
        db,
        memberActor(c),
        [
          ...guards.before,
          removeMemberStatement(db, actor.orgId, id, target.role, now),
          ...guards.afterChange,
          revokeMemberSessions(db, id, 'member removed', now),
          ...guards.after,
        ],
        [
          {
            action: 'member.remove',
            targetType: 'member',
            targetId: id,
            before: { email: target.email, name: target.name, role: target.role },
          },
        ],
      );
    } catch (error) {
      if (!isGuardFailure(error)) throw error;
      throw await refusal(
        db,
        actor,
        target,
        undefined,
        'The last owner cannot be removed: make another owner first.',
      );
    }
    return c.body(null, 204);
  },
  resetSecondFactor: async (c) => {
    const { id } = c.req.valid('param');
    const actor = c.get('member');
    // Anyone holding an owner's session could otherwise take away that owner's second factor.
    if (id === actor.id) {
      throw new ProblemError(403, 'Another owner must reset your second factor.');
    }
    const db = database(c.env.DB);
    const target = await memberOf(db, actor.orgId, id);
    if (!(await secondFactorOf(db, id))) throw new ProblemError(404, 'They have no second factor to reset.');
    await writeAudited(db, memberActor(c), resetSecondFactorStatements(db, id), [
      {
        action: 'member.second_factor_reset',
        targetType: 'member',
        targetId: id,
        before: { email: target.email, name: target.name, secondFactor: true },
        after: { secondFactor: false },
      },
    ]);
    return c.body(null, 204);
  },
});

async function hasSecondFactor(db: ReturnType<typeof database>, memberId: string): Promise<boolean> {
  return Boolean((await secondFactorOf(db, memberId))?.confirmedAt);
}

function publicInvite(row: {
  id: string;
  email: string;
  role: (typeof memberRoles)[number];
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
