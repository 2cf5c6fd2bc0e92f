import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { memberWithOrganisation, setPasswordHashStatement } from '../auth/auth-queries';
import { signedInMember } from '../auth/authenticate';
import { hashPassword, verifyPassword } from '../auth/password';
import { passwordProblems } from '../auth/password-policy';
import { secondFactorOf } from '../auth/second-factor';
import { endOtherSessionsStatement, publicMember, publicOrganisation } from '../auth/sessions';
import { confirmEnrolment, startEnrolment } from '../auth/sign-in';
import { failureStatements, successStatement, throttleState } from '../auth/throttle';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { clientOf } from '../http/request-context';
import { handlers } from '../http/route';

export const meRoutes = handlers(contract.me, {
  get: async (c) => {
    const { id, orgId, sessionId } = signedInMember(c.get('member'));
    const row = await memberWithOrganisation(database(c.env.DB), id);
    if (!row || row.organisation.id !== orgId) throw new ProblemError(401, 'The session has ended.');
    const secondFactor = Boolean((await secondFactorOf(database(c.env.DB), id))?.confirmedAt);
    return c.json({
      member: publicMember(row.member, secondFactor),
      organisation: publicOrganisation(row.organisation),
      sessionId,
    });
  },
  changePassword: async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json');
    const member = signedInMember(c.get('member'));
    const db = database(c.env.DB);
    const now = Date.now();
    const client = clientOf(c);
    // Guesses at the current password count against the same lock as sign-in guesses.
    const source = { email: member.email, ip: client.ip, knownBrowser: null };
    const throttle = await throttleState(db, source, now);
    if (throttle.retryAfter !== null) {
      throw new ProblemError(429, 'Too many failed attempts. Try again later.', undefined, {
        'retry-after': String(throttle.retryAfter),
      });
    }
    const row = await memberWithOrganisation(db, member.id);
    const target = { targetType: 'member', targetId: member.id };
    if (!row || !(await verifyPassword(currentPassword, row.member.passwordHash)).ok) {
      await writeAudited(db, memberActor(c), failureStatements(db, source, now), [
        { action: 'member.password_change_failed', ...target },
      ]);
      throw new ProblemError(403, 'The current password is wrong.', [
        { field: 'body.currentPassword', message: 'does not match' },
      ]);
    }
    const weak = passwordProblems(
      newPassword,
      [row.organisation.name, member.email, member.name],
      'body.newPassword',
    );
    if (weak.length > 0) throw new ProblemError(422, 'The new password is too easy to guess.', weak);
    await writeAudited(
      db,
      memberActor(c),
      [
        setPasswordHashStatement(db, member.id, await hashPassword(newPassword)),
        successStatement(db, source),
        // Whoever may have learnt the old password loses any session it gave them (ASVS 5.0 §7.4.3).
        endOtherSessionsStatement(db, member.id, member.sessionId, 'password changed', now),
      ],
      [{ action: 'member.password_change', ...target, after: { otherSessionsEnded: true } }],
    );
    return c.body(null, 204);
  },
  startSecondFactor: async (c) => {
    const member = signedInMember(c.get('member'));
    const db = database(c.env.DB);
    const row = await memberWithOrganisation(db, member.id);
    if (!row) throw new ProblemError(401, 'The session has ended.');
    return c.json(await startEnrolment(c.env, db, memberActor(c), row.member, row.organisation.name), 200);
  },
  confirmSecondFactor: async (c) => {
    const { code } = c.req.valid('json');
    const member = signedInMember(c.get('member'));
    // Guesses at the code count against the same lock as sign-in guesses.
    const source = { email: member.email, ip: clientOf(c).ip, knownBrowser: null };
    const db = database(c.env.DB);
    const recoveryCodes = await confirmEnrolment(
      c.env,
      db,
      memberActor(c),
      source,
      member.id,
      code,
      Date.now(),
      403,
    );
    return c.json({ recoveryCodes }, 200);
  },
});
