import type { Context } from 'hono';
import { contract } from '../../../shared/contract';
import {
  defaultOrganisationSettings,
  readOrganisationSettings,
  secondFactorRequired,
} from '../../../shared/schemas/organisation';
import type { AppEnv } from '../app-env';
import {
  type AuditActor,
  type AuditEventInput,
  actorOf,
  isUniqueViolation,
  memberActor,
  writeAudited,
} from '../audit/writer';
import {
  acceptInviteStatements,
  createOrganisationStatements,
  memberSigningIn,
  memberWithOrganisation,
  openInviteByToken,
  refreshTokenHolder,
  rotateRefreshTokenStatements,
  setPasswordHashStatement,
} from '../auth/auth-queries';
import { sessionExpired, signedInMember } from '../auth/authenticate';
import { newId, randomToken, sha256Hex } from '../auth/crypto';
import { hashPassword, spendHashTime, verifyPassword } from '../auth/password';
import { passwordProblems } from '../auth/password-policy';
import {
  acceptableStep,
  knownBrowserOf,
  recoveryCodeHash,
  recoveryCodesLeft,
  secondFactorOf,
  spendRecoveryCodeStatement,
  spendStepStatement,
} from '../auth/second-factor';
import { revokeSession, startSession, tokenPair } from '../auth/sessions';
import {
  checkThrottle,
  completeSignIn,
  confirmEnrolment,
  countFailure,
  nextStep,
  startEnrolment,
} from '../auth/sign-in';
import { signupRetryAfter, signupStatements } from '../auth/throttle';
import { type ChallengeStep, signingKey, verifyChallengeToken } from '../auth/tokens';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { clientOf } from '../http/request-context';
import { handlers } from '../http/route';

const WRONG_CREDENTIALS = 'The email or password is wrong.';
const CHALLENGE_ENDED = 'This sign-in has expired. Start again with your email and password.';

/**
 * A new member (sign-up, an accepted invite): who joined, and either the sign-in, or, when they
 * must set up a second factor first, the challenge to do so.
 */
function joinedEvents(
  member: { id: string; email: string; name: string; role: string },
  then: { sessionId: string } | { enrol: AuditEventInput },
  method: 'signup' | 'invite',
): AuditEventInput[] {
  return [
    {
      action: 'member.create',
      targetType: 'member',
      targetId: member.id,
      after: { email: member.email, name: member.name, role: member.role },
    },
    'enrol' in then
      ? then.enrol
      : { action: 'auth.login', targetType: 'session', targetId: then.sessionId, after: { method } },
  ];
}

/**
 * The live member a challenge token names, for `step` (or 401), with what the step needs: the
 * member as the actor, and the source of the sign-in (the known browser the password came from).
 */
async function challenged(c: Context<AppEnv>, token: string, step: ChallengeStep) {
  const db = database(c.env.DB);
  const claims = await verifyChallengeToken(c.env, token, step);
  const found = claims ? await memberWithOrganisation(db, claims.memberId) : undefined;
  if (!claims || !found || found.member.removedAt !== null || found.member.orgId !== claims.orgId) {
    throw new ProblemError(401, CHALLENGE_ENDED, [{ field: 'body.challengeToken', message: 'expired' }]);
  }
  const client = clientOf(c);
  return {
    found,
    db,
    client,
    now: Date.now(),
    actor: actorOf(found.member, client),
    source: { email: found.member.email, ip: client.ip, knownBrowser: claims.knownBrowser },
  };
}

export const authRoutes = handlers(contract.auth, {
  signup: async (c) => {
    signingKey(c.env); // no signing key, no sign-in: refuse before changing anything
    const input = c.req.valid('json');
    const weak = passwordProblems(input.password, [input.organisationName, input.email, input.name]);
    if (weak.length > 0) throw new ProblemError(422, 'The password is too easy to guess.', weak);

    const db = database(c.env.DB);
    const now = Date.now();
    const client = clientOf(c);
    const retryAfter = await signupRetryAfter(db, client.ip, now);
    if (retryAfter !== null) {
      throw new ProblemError(429, 'Too many sign-ups from this address. Try again later.', undefined, {
        'retry-after': String(retryAfter),
      });
    }
    const organisation = {
      id: newId(),
      name: input.organisationName,
      settings: {
        ...defaultOrganisationSettings,
        secondFactorRequired: input.secondFactorRequired ?? defaultOrganisationSettings.secondFactorRequired,
      },
    };
    const member = {
      id: newId(),
      orgId: organisation.id,
      email: input.email,
      name: input.name,
      role: 'owner' as const,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
    };
    // An organisation that requires a second factor has its owner set one up before signing in.
    const enrol = organisation.settings.secondFactorRequired
      ? await nextStep(c.env, member, 'enrol', null)
      : null;
    const session = enrol ? null : await startSession(db, organisation.id, member.id, client, now);
    const actor = actorOf(member, client);
    try {
      await writeAudited(
        db,
        actor,
        [
          ...createOrganisationStatements(db, organisation, member),
          ...(session?.statements ?? []),
          ...signupStatements(db, client.ip, now),
        ],
        [
          {
            action: 'organisation.create',
            targetType: 'organisation',
            targetId: organisation.id,
            after: organisation,
          },
          ...joinedEvents(
            member,
            enrol ? { enrol: enrol.event } : { sessionId: session?.sessionId ?? '' },
            'signup',
          ),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'members')) {
        // Counted like a sign-up: otherwise refusals would let one address test emails without end.
        await writeAudited(db, actor, signupStatements(db, client.ip, now), []);
        throw new ProblemError(409, 'That email already belongs to a Rollcall member. Sign in instead.', [
          { field: 'body.email', message: 'already in use' },
        ]);
      }
      throw error;
    }
    if (enrol || !session) return c.json(enrol?.answer, 201);
    return c.json(
      await tokenPair(c.env, member, organisation, session.sessionId, session.refreshToken, false),
      201,
    );
  },
  login: async (c) => {
    signingKey(c.env); // no signing key, no sign-in: refuse before changing anything
    const { email, password, knownBrowser } = c.req.valid('json');
    const db = database(c.env.DB);
    const client = clientOf(c);
    const now = Date.now();

    const found = await memberSigningIn(db, email);
    // Attempts naming no member go on the chain of no organisation; the answer is the same.
    const actor: AuditActor = found
      ? actorOf(found.member, client)
      : { orgId: '', actorId: null, actorName: email, ...client };
    const target = { targetType: 'member', targetId: found?.member.id ?? null };
    // A browser this member signed in from before is throttled on its own, not with strangers.
    // Looked up for unknown emails too, so the time taken does not tell them apart.
    const source = {
      email,
      ip: client.ip,
      knownBrowser: await knownBrowserOf(db, knownBrowser, found?.member.id ?? '', now),
    };
    const throttle = await checkThrottle(db, actor, source, now);

    const verdict = found ? await verifyPassword(password, found.member.passwordHash) : null;
    if (!found || !verdict?.ok) {
      if (!found) await spendHashTime(password);
      await countFailure(
        db,
        actor,
        source,
        throttle,
        { action: 'auth.login_failed', ...target, after: { email } },
        now,
      );
      throw new ProblemError(401, WRONG_CREDENTIALS);
    }

    const { member } = found;
    // Parameters raised since this hash was made: store a fresh one now that we know the password.
    const rehash = verdict.needsRehash
      ? {
          statements: [setPasswordHashStatement(db, member.id, await hashPassword(password))],
          events: [{ action: 'member.password_rehash', ...target }],
        }
      : { statements: [], events: [] };
    const factor = await secondFactorOf(db, member.id);
    const step: ChallengeStep | null = factor?.confirmedAt
      ? 'code'
      : secondFactorRequired(member.role, found.organisation.settings)
        ? 'enrol'
        : null;
    if (step) {
      const next = await nextStep(c.env, member, step, source.knownBrowser);
      await writeAudited(db, actor, rehash.statements, [next.event, ...rehash.events]);
      return c.json(next.answer, 200);
    }
    return c.json(
      await completeSignIn(c.env, db, found, client, source, now, {
        method: 'password',
        secondFactor: false,
        ...rehash,
      }),
      200,
    );
  },
  secondFactor: async (c) => {
    const { challengeToken, code, recoveryCode } = c.req.valid('json');
    const { found, db, client, now, actor, source } = await challenged(c, challengeToken, 'code');
    const { member } = found;
    const throttle = await checkThrottle(db, actor, source, now);
    const factor = await secondFactorOf(db, member.id);
    if (!factor?.confirmedAt) throw new ProblemError(401, CHALLENGE_ENDED);

    const method = code !== undefined ? 'totp' : 'recovery-code';
    let spent = false;
    if (code !== undefined) {
      const step = await acceptableStep(c.env, factor, code, now);
      // The step is spent by a conditional write: one code, two sign-ins racing, one wins.
      if (step !== null) {
        const [rows] = await writeAudited(
          db,
          actor,
          [spendStepStatement(db, member.id, step, 'use', now)],
          [],
        );
        spent = rows.length > 0;
      }
    } else if (recoveryCode !== undefined) {
      const [rows] = await writeAudited(
        db,
        actor,
        [spendRecoveryCodeStatement(db, member.id, await recoveryCodeHash(member.id, recoveryCode), now)],
        [],
      );
      spent = rows.length > 0;
    }
    if (!spent) {
      await countFailure(
        db,
        actor,
        source,
        throttle,
        { action: 'auth.second_factor_failed', targetType: 'member', targetId: member.id, after: { method } },
        now,
      );
      const field = method === 'totp' ? 'body.code' : 'body.recoveryCode';
      throw new ProblemError(401, 'That code is wrong or was already used.', [
        { field, message: 'wrong or already used' },
      ]);
    }
    const events: AuditEventInput[] =
      method === 'recovery-code'
        ? [
            {
              action: 'auth.recovery_code_used',
              targetType: 'member',
              targetId: member.id,
              after: { left: await recoveryCodesLeft(db, member.id) },
            },
          ]
        : [];
    return c.json(
      await completeSignIn(c.env, db, found, client, source, now, { method, secondFactor: true, events }),
      200,
    );
  },
  startEnrolment: async (c) => {
    const { challengeToken } = c.req.valid('json');
    const { found, db, actor } = await challenged(c, challengeToken, 'enrol');
    return c.json(await startEnrolment(c.env, db, actor, found.member, found.organisation.name), 200);
  },
  confirmEnrolment: async (c) => {
    const { challengeToken, code } = c.req.valid('json');
    const { found, db, client, now, actor, source } = await challenged(c, challengeToken, 'enrol');
    const recoveryCodes = await confirmEnrolment(c.env, db, actor, source, found.member.id, code, now, 401);
    const pair = await completeSignIn(c.env, db, found, client, source, now, {
      method: 'totp',
      secondFactor: true,
    });
    return c.json({ ...pair, recoveryCodes }, 200);
  },
  refresh: async (c) => {
    signingKey(c.env); // no signing key, no sign-in: refuse before changing anything
    const { refreshToken } = c.req.valid('json');
    const db = database(c.env.DB);
    const client = clientOf(c);
    const now = Date.now();
    const tokenHash = await sha256Hex(refreshToken);
    const found = await refreshTokenHolder(db, tokenHash);
    const rejected = new ProblemError(401, 'The refresh token is not valid. Sign in again.');
    if (!found) {
      await writeAudited(
        db,
        { orgId: '', actorId: null, actorName: 'unknown', ...client },
        [],
        [{ action: 'auth.refresh_failed', targetType: 'session', targetId: null }],
      );
      throw rejected;
    }
    const { token, session, member, organisation } = found;
    const actor: AuditActor = {
      orgId: session.orgId,
      actorId: member.id,
      actorName: member.name,
      ...client,
    };
    const target = { targetType: 'session', targetId: session.id };

    const reuse = async () => {
      // A spent token came back: someone holds a copy. End the whole family (ASVS 5.0 §7.2.4).
      await writeAudited(
        db,
        actor,
        [revokeSession(db, session.id, 'refresh token reuse', now)],
        [{ action: 'auth.refresh_reuse', ...target, after: { revoked: true } }],
      );
      return rejected;
    };
    if (token.usedAt !== null) throw await reuse();
    const settings = readOrganisationSettings(organisation.settings);
    if (session.revokedAt !== null || member.removedAt !== null || sessionExpired(session, settings, now)) {
      await writeAudited(db, actor, [], [{ action: 'auth.refresh_failed', ...target }]);
      throw rejected;
    }

    const nextToken = randomToken();
    const next = { token: nextToken, hash: await sha256Hex(nextToken) };
    const [spent] = await writeAudited(
      db,
      actor,
      rotateRefreshTokenStatements(db, { tokenHash, sessionId: session.id }, next.hash, now),
      [{ action: 'auth.refresh', ...target }],
    );
    // Two uses of one token raced and this one lost: that is reuse too.
    if (spent.length === 0) throw await reuse();
    const secondFactor = Boolean((await secondFactorOf(db, member.id))?.confirmedAt);
    return c.json(await tokenPair(c.env, member, organisation, session.id, next.token, secondFactor), 200);
  },
  logout: async (c) => {
    const member = signedInMember(c.get('member'));
    const db = database(c.env.DB);
    await writeAudited(
      db,
      memberActor(c),
      [revokeSession(db, member.sessionId, 'logout', Date.now())],
      [{ action: 'auth.logout', targetType: 'session', targetId: member.sessionId }],
    );
    return c.body(null, 204);
  },
  acceptInvite: async (c) => {
    signingKey(c.env); // no signing key, no sign-in: refuse before changing anything
    const input = c.req.valid('json');
    const db = database(c.env.DB);
    const client = clientOf(c);
    const now = Date.now();
    const found = await openInviteByToken(db, await sha256Hex(input.setupToken), now);
    if (!found) {
      await writeAudited(
        db,
        { orgId: '', actorId: null, actorName: 'unknown', ...client },
        [],
        [{ action: 'invite.accept_failed', targetType: 'invite', targetId: null }],
      );
      throw new ProblemError(401, 'The setup token is not valid: it may be used, revoked or expired.');
    }
    const { invite, organisation } = found;
    const weak = passwordProblems(input.password, [organisation.name, invite.email, input.name]);
    if (weak.length > 0) throw new ProblemError(422, 'The password is too easy to guess.', weak);

    const member = {
      id: newId(),
      orgId: invite.orgId,
      email: invite.email,
      name: input.name,
      role: invite.role,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
    };
    const enrol = secondFactorRequired(member.role, organisation.settings)
      ? await nextStep(c.env, member, 'enrol', null)
      : null;
    const session = enrol ? null : await startSession(db, member.orgId, member.id, client, now);
    const actor = actorOf(member, client);
    try {
      // A second acceptance racing this one inserts the same email again and fails as a whole.
      await writeAudited(
        db,
        actor,
        [...acceptInviteStatements(db, invite.id, member, now), ...(session?.statements ?? [])],
        [
          { action: 'invite.accept', targetType: 'invite', targetId: invite.id },
          ...joinedEvents(
            member,
            enrol ? { enrol: enrol.event } : { sessionId: session?.sessionId ?? '' },
            'invite',
          ),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'members')) {
        throw new ProblemError(409, 'That email already belongs to a Rollcall member.');
      }
      throw error;
    }
    if (enrol || !session) return c.json(enrol?.answer, 201);
    return c.json(
      await tokenPair(c.env, member, organisation, session.sessionId, session.refreshToken, false),
      201,
    );
  },
});
