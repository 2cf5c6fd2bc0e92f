import type { Context } from 'hono';
import { contract } from '../../../shared/contract';
import { secondFactorRequired } from '../../../shared/schemas/organisation';
import type { AppEnv } from '../app-env';
import { memberActor, writeAudited } from '../audit/writer';
import { memberWithOrganisation, setPasswordHashStatement } from '../auth/auth-queries';
import { signedInMember } from '../auth/authenticate';
import { hashPassword, verifyPassword } from '../auth/password';
import { passwordProblems } from '../auth/password-policy';
import {
  acceptableStep,
  newRecoveryCodes,
  replaceRecoveryCodesStatements,
  resetSecondFactorStatements,
  secondFactorOf,
  spendStepStatement,
} from '../auth/second-factor';
import { endOtherSessionsStatement, publicMember, publicOrganisation } from '../auth/sessions';
import { checkThrottle, confirmEnrolment, countFailure, startEnrolment } from '../auth/sign-in';
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
  newRecoveryCodes: async (c) => {
    const { db, memberId, actor } = await spendCurrentCode(
      c,
      c.req.valid('json').code,
      'member.recovery_codes_failed',
    );
    const recoveryCodes = newRecoveryCodes();
    await writeAudited(db, actor, await replaceRecoveryCodesStatements(db, memberId, recoveryCodes), [
      {
        action: 'member.recovery_codes_renewed',
        targetType: 'member',
        targetId: memberId,
        after: { recoveryCodes: recoveryCodes.length },
      },
    ]);
    return c.json({ recoveryCodes }, 200);
  },
  disableSecondFactor: async (c) => {
    const member = c.get('member');
    const db = database(c.env.DB);
    const row = await memberWithOrganisation(db, member.id);
    if (!row) throw new ProblemError(401, 'The session has ended.');
    if (secondFactorRequired(row.member.role, row.organisation.settings)) {
      throw new ProblemError(
        409,
        'Your firm requires owners and admins to sign in with a second factor, so it stays on.',
      );
    }
    const spent = await spendCurrentCode(c, c.req.valid('json').code, 'member.second_factor_disable_failed');
    await writeAudited(spent.db, spent.actor, resetSecondFactorStatements(db, member.id), [
      {
        action: 'member.second_factor_disable',
        targetType: 'member',
        targetId: member.id,
        before: { secondFactor: true },
        after: { secondFactor: false },
      },
    ]);
    return c.body(null, 204);
  },
});

/**
 * Checks the app's current code of the signed-in member's second factor and spends its time step,
 * so the same code cannot be used twice; a wrong code counts against the same lock as sign-in
 * guesses and is recorded as `failedAction`.
 */
async function spendCurrentCode(c: Context<AppEnv>, code: string, failedAction: string) {
  const member = signedInMember(c.get('member'));
  const db = database(c.env.DB);
  const actor = memberActor(c);
  const now = Date.now();
  const source = { email: member.email, ip: clientOf(c).ip, knownBrowser: null };
  const throttle = await checkThrottle(db, actor, source, now);
  const factor = await secondFactorOf(db, member.id);
  if (!factor?.confirmedAt) throw new ProblemError(404, 'You have no second factor set up.');
  const step = await acceptableStep(c.env, factor, code, now);
  const [rows] =
    step === null
      ? [[]]
      : await writeAudited(db, actor, [spendStepStatement(db, member.id, step, 'use', now)], []);
  if (rows.length === 0) {
    await countFailure(
      db,
      actor,
      source,
      throttle,
      { action: failedAction, targetType: 'member', targetId: member.id },
      now,
    );
    throw new ProblemError(403, 'That code is wrong or was already used.', [
      { field: 'body.code', message: 'wrong or already used' },
    ]);
  }
  return { db, memberId: member.id, actor };
}
