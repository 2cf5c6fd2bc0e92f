import type { BatchItem } from 'drizzle-orm/batch';
import type { NextStep } from '../../../shared/schemas/auth';
import { type AuditActor, type AuditEventInput, actorOf, writeAudited } from '../audit/writer';
import type { Database } from '../db/client';
import type { members, organisations, secondFactors } from '../db/schema';
import { isGuardFailure } from '../db/versions';
import { ProblemError } from '../http/problem';
import type { clientOf } from '../http/request-context';
import {
  acceptableStep,
  confirmedGuard,
  newEnrolment,
  newRecoveryCodes,
  pendingSecondFactorStatement,
  rememberBrowser,
  replaceRecoveryCodesStatements,
  secondFactorOf,
  spendStepStatement,
} from './second-factor';
import { startSession, tokenPair } from './sessions';
import {
  failureStatements,
  LOCK_MINUTES,
  lockingFailure,
  type SignInSource,
  successStatement,
  throttleState,
} from './throttle';
import { CHALLENGE_SECONDS, type ChallengeStep, issueChallengeToken } from './tokens';
import { otpauthUri } from './totp';

/**
 * The steps of a sign-in shared by its routes: the throttle, the challenge between the password
 * and the second factor, the last step that starts the session, and confirming a new second factor.
 */

type Env = { ENVIRONMENT?: string; JWT_SECRET?: string; SECOND_FACTOR_KEY?: string };
type Client = ReturnType<typeof clientOf>;
type MemberRow = typeof members.$inferSelect;
type OrganisationRow = typeof organisations.$inferSelect;
type Statement = BatchItem<'sqlite'>;

/** Refuses a source that is locked out (429, recorded); else answers its state to count with. */
export async function checkThrottle(db: Database, actor: AuditActor, source: SignInSource, now: number) {
  const state = await throttleState(db, source, now);
  if (state.retryAfter !== null) {
    await writeAudited(
      db,
      actor,
      [],
      [
        {
          action: 'auth.login_locked',
          targetType: 'member',
          targetId: actor.actorId,
          after: { email: source.email, knownBrowser: source.knownBrowser !== null },
        },
      ],
    );
    throw new ProblemError(429, 'Too many failed sign-ins. Try again later.', undefined, {
      'retry-after': String(state.retryAfter),
    });
  }
  return state;
}

/** Counts one failure against the source, recorded as `event` (and the lockout it may cause). */
export async function countFailure(
  db: Database,
  actor: AuditActor,
  source: SignInSource,
  state: Awaited<ReturnType<typeof checkThrottle>>,
  event: AuditEventInput,
  now: number,
): Promise<void> {
  await writeAudited(db, actor, failureStatements(db, source, now), [
    event,
    ...(lockingFailure(state)
      ? [
          {
            action: 'auth.lockout',
            targetType: event.targetType,
            targetId: event.targetId ?? null,
            after: { email: source.email, knownBrowser: source.knownBrowser !== null, minutes: LOCK_MINUTES },
          },
        ]
      : []),
  ]);
}

/** The answer that asks for one more step, and the event recording that the password was right. */
export async function nextStep(
  env: Env,
  member: { id: string; orgId: string },
  step: ChallengeStep,
  knownBrowser: string | null,
): Promise<{ answer: NextStep; event: AuditEventInput }> {
  const challengeToken = await issueChallengeToken(env, {
    memberId: member.id,
    orgId: member.orgId,
    step,
    knownBrowser,
  });
  return {
    answer: { next: step, challengeToken, expiresIn: CHALLENGE_SECONDS },
    event: {
      action: step === 'code' ? 'auth.second_factor_challenge' : 'auth.second_factor_enrolment_required',
      targetType: 'member',
      targetId: member.id,
    },
  };
}

/**
 * The last step of a sign-in: a session, the throttle's count of the source cleared, the browser
 * remembered (a new known-browser token when it was not known), with `extra` writes and events.
 */
export async function completeSignIn(
  env: Env,
  db: Database,
  found: { member: MemberRow; organisation: OrganisationRow },
  client: Client,
  source: SignInSource,
  now: number,
  how: { method: string; secondFactor: boolean; statements?: Statement[]; events?: AuditEventInput[] },
) {
  const { member, organisation } = found;
  const session = await startSession(db, member.orgId, member.id, client, now, how.secondFactor ? now : null);
  const browser = await rememberBrowser(db, member.id, source.knownBrowser, now);
  await writeAudited(
    db,
    actorOf(member, client),
    [successStatement(db, source), ...session.statements, browser.statement, ...(how.statements ?? [])],
    [
      {
        action: 'auth.login',
        targetType: 'session',
        targetId: session.sessionId,
        after: { method: how.method, knownBrowser: source.knownBrowser !== null },
      },
      ...(how.events ?? []),
    ],
  );
  const pair = await tokenPair(
    env,
    member,
    organisation,
    session.sessionId,
    session.refreshToken,
    how.secondFactor,
  );
  return browser.token ? { ...pair, knownBrowser: browser.token } : pair;
}

/**
 * Confirms the member's second factor being set up with the app's first code, as `source` (whose
 * failures it counts, and which it refuses while locked out): answers its ten recovery codes, shown
 * once; a wrong code is refused with `wrongStatus`, naming the field.
 */
export async function confirmEnrolment(
  env: Env,
  db: Database,
  actor: AuditActor,
  source: SignInSource,
  memberId: string,
  code: string,
  now: number,
  wrongStatus: 401 | 403,
): Promise<string[]> {
  const throttle = await checkThrottle(db, actor, source, now);
  const factor = await secondFactorOf(db, memberId);
  if (!factor || factor.confirmedAt !== null) {
    throw new ProblemError(409, 'No second factor is being set up. Start again.');
  }
  const recoveryCodes = await confirmSecondFactor(env, db, actor, factor, code, now);
  if (recoveryCodes) return recoveryCodes;
  await countFailure(
    db,
    actor,
    source,
    throttle,
    { action: 'member.second_factor_enrol_failed', targetType: 'member', targetId: memberId },
    now,
  );
  throw new ProblemError(
    wrongStatus,
    'That code is wrong. Check the time on your phone and try the next one.',
    [{ field: 'body.code', message: 'wrong code' }],
  );
}

/**
 * Confirms a second factor being set up with the app's first code: on success it is confirmed and
 * has ten new recovery codes (answered once); a wrong code answers null and changes nothing.
 */
async function confirmSecondFactor(
  env: Env,
  db: Database,
  actor: AuditActor,
  factor: typeof secondFactors.$inferSelect,
  code: string,
  now: number,
): Promise<string[] | null> {
  const step = await acceptableStep(env, factor, code, now);
  if (step === null) return null;
  const recoveryCodes = newRecoveryCodes();
  try {
    await writeAudited(
      db,
      actor,
      [
        spendStepStatement(db, factor.memberId, step, 'confirm', now),
        confirmedGuard(db, factor.memberId, step, now),
        ...(await replaceRecoveryCodesStatements(db, factor.memberId, recoveryCodes)),
      ],
      [
        {
          action: 'member.second_factor_enrol',
          targetType: 'member',
          targetId: factor.memberId,
          after: { method: 'totp', recoveryCodes: recoveryCodes.length },
        },
      ],
    );
  } catch (error) {
    // Another confirmation of the same setup won the race: this one changed nothing.
    if (isGuardFailure(error)) return null;
    throw error;
  }
  return recoveryCodes;
}

/** A new secret for the member's authenticator app, kept sealed and unconfirmed until a first code. */
export async function startEnrolment(
  env: Env,
  db: Database,
  actor: AuditActor,
  member: { id: string; orgId: string; email: string },
  organisationName: string,
) {
  const refused = new ProblemError(409, 'A second factor is already set up.');
  if ((await secondFactorOf(db, member.id))?.confirmedAt) throw refused;
  const enrolment = await newEnrolment(env, member.id);
  const [started] = await writeAudited(
    db,
    actor,
    [
      pendingSecondFactorStatement(
        db,
        { memberId: member.id, orgId: member.orgId, secret: enrolment.sealed },
        Date.now(),
      ),
    ],
    [{ action: 'member.second_factor_enrol_start', targetType: 'member', targetId: member.id }],
  );
  if (started.length === 0) throw refused;
  return {
    otpauthUri: otpauthUri(enrolment.manualKey, `${member.email} (${organisationName})`),
    manualKey: enrolment.manualKey,
  };
}
