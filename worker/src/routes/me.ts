import { and, eq, isNull, ne } from 'drizzle-orm';
import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { hashPassword, verifyPassword } from '../auth/password';
import { passwordProblems } from '../auth/password-policy';
import { publicMember, publicOrganisation } from '../auth/sessions';
import { failureStatements, successStatement, throttleState } from '../auth/throttle';
import { database } from '../db/client';
import { members, organisations, sessions } from '../db/schema';
import { ProblemError } from '../http/problem';
import { clientOf } from '../http/request-context';
import { handlers } from '../http/route';

export const meRoutes = handlers(contract.me, {
  get: async (c) => {
    const { id, orgId, sessionId } = c.get('member');
    const [row] = await database(c.env.DB)
      .select({ member: members, organisation: organisations })
      .from(members)
      .innerJoin(organisations, eq(organisations.id, members.orgId))
      .where(eq(members.id, id))
      .limit(1);
    if (!row || row.organisation.id !== orgId) throw new ProblemError(401, 'The session has ended.');
    return c.json({
      member: publicMember(row.member),
      organisation: publicOrganisation(row.organisation),
      sessionId,
    });
  },
  changePassword: async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const member = c.get('member');
    const db = database(c.env.DB);
    const now = Date.now();
    const client = clientOf(c);
    // Guesses at the current password count against the same lock as sign-in guesses.
    const throttle = await throttleState(db, member.email, client.ip, now);
    if (throttle.retryAfter !== null) {
      throw new ProblemError(429, 'Too many failed attempts. Try again later.', undefined, {
        'retry-after': String(throttle.retryAfter),
      });
    }
    const [row] = await db
      .select({ passwordHash: members.passwordHash, organisation: organisations.name })
      .from(members)
      .innerJoin(organisations, eq(organisations.id, members.orgId))
      .where(eq(members.id, member.id))
      .limit(1);
    const target = { targetType: 'member', targetId: member.id };
    if (!row || !(await verifyPassword(currentPassword, row.passwordHash)).ok) {
      await writeAudited(db, memberActor(c), failureStatements(db, member.email, client.ip, now), [
        { action: 'member.password_change_failed', ...target },
      ]);
      throw new ProblemError(403, 'The current password is wrong.', [
        { field: 'body.currentPassword', message: 'does not match' },
      ]);
    }
    const weak = passwordProblems(
      newPassword,
      [row.organisation, member.email, member.name],
      'body.newPassword',
    );
    if (weak.length > 0) throw new ProblemError(422, 'The new password is too easy to guess.', weak);
    await writeAudited(
      db,
      memberActor(c),
      [
        db
          .update(members)
          .set({ passwordHash: await hashPassword(newPassword) })
          .where(eq(members.id, member.id)),
        successStatement(db, member.email),
        // Whoever may have learnt the old password loses any session it gave them (ASVS 5.0 §7.4.3).
        db
          .update(sessions)
          .set({ revokedAt: now, revokedReason: 'password changed' })
          .where(
            and(
              eq(sessions.memberId, member.id),
              isNull(sessions.revokedAt),
              ne(sessions.id, member.sessionId),
            ),
          ),
      ],
      [{ action: 'member.password_change', ...target, after: { otherSessionsEnded: true } }],
    );
    return c.body(null, 204);
  },
});
