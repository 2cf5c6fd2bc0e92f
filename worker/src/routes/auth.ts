import { contract } from '../../../shared/contract';
import { defaultOrganisationSettings, readOrganisationSettings } from '../../../shared/schemas/organisation';
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
  openInviteByToken,
  refreshTokenHolder,
  rotateRefreshTokenStatements,
  setPasswordHashStatement,
} from '../auth/auth-queries';
import { sessionExpired } from '../auth/authenticate';
import { newId, randomToken, sha256Hex } from '../auth/crypto';
import { hashPassword, spendHashTime, verifyPassword } from '../auth/password';
import { passwordProblems } from '../auth/password-policy';
import { revokeSession, startSession, tokenPair } from '../auth/sessions';
import {
  failureStatements,
  signupRetryAfter,
  signupStatements,
  successStatement,
  throttleState,
} from '../auth/throttle';
import { signingKey } from '../auth/tokens';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { clientOf } from '../http/request-context';
import { handlers } from '../http/route';

const WRONG_CREDENTIALS = 'The email or password is wrong.';

/** A new member who is signed in at once (sign-up, an accepted invite): who joined, and the sign-in. */
function joinedEvents(
  member: { id: string; email: string; name: string; role: string },
  sessionId: string,
  method: 'signup' | 'invite',
): AuditEventInput[] {
  return [
    {
      action: 'member.create',
      targetType: 'member',
      targetId: member.id,
      after: { email: member.email, name: member.name, role: member.role },
    },
    { action: 'auth.login', targetType: 'session', targetId: sessionId, after: { method } },
  ];
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
      settings: { ...defaultOrganisationSettings },
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
    const session = await startSession(db, organisation.id, member.id, client, now);
    const actor = actorOf(member, client);
    try {
      await writeAudited(
        db,
        actor,
        [
          ...createOrganisationStatements(db, organisation, member),
          ...session.statements,
          ...signupStatements(db, client.ip, now),
        ],
        [
          {
            action: 'organisation.create',
            targetType: 'organisation',
            targetId: organisation.id,
            after: organisation,
          },
          ...joinedEvents(member, session.sessionId, 'signup'),
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
    return c.json(await tokenPair(c.env, member, organisation, session.sessionId, session.refreshToken), 201);
  },
  login: async (c) => {
    signingKey(c.env); // no signing key, no sign-in: refuse before changing anything
    const { email, password } = c.req.valid('json');
    const db = database(c.env.DB);
    const client = clientOf(c);
    const now = Date.now();

    const found = await memberSigningIn(db, email);
    // Attempts naming no member go on the chain of no organisation; the answer is the same.
    const actor: AuditActor = found
      ? actorOf(found.member, client)
      : { orgId: '', actorId: null, actorName: email, ...client };
    const target = { targetType: 'member', targetId: found?.member.id ?? null };

    const throttle = await throttleState(db, email, client.ip, now);
    if (throttle.retryAfter !== null) {
      await writeAudited(db, actor, [], [{ action: 'auth.login_locked', ...target, after: { email } }]);
      throw new ProblemError(429, 'Too many failed sign-ins. Try again later.', undefined, {
        'retry-after': String(throttle.retryAfter),
      });
    }

    const verdict = found ? await verifyPassword(password, found.member.passwordHash) : null;
    if (!found || !verdict?.ok) {
      if (!found) await spendHashTime(password);
      const locking = throttle.accountFailures + 1 >= 5;
      await writeAudited(db, actor, failureStatements(db, email, client.ip, now), [
        { action: 'auth.login_failed', ...target, after: { email } },
        ...(locking ? [{ action: 'auth.lockout', ...target, after: { email, minutes: 15 } }] : []),
      ]);
      throw new ProblemError(401, WRONG_CREDENTIALS);
    }

    const { member, organisation } = found;
    const session = await startSession(db, member.orgId, member.id, client, now);
    // Parameters raised since this hash was made: store a fresh one now that we know the password.
    const rehash = verdict.needsRehash
      ? [setPasswordHashStatement(db, member.id, await hashPassword(password))]
      : [];
    await writeAudited(
      db,
      actor,
      [successStatement(db, email), ...session.statements, ...rehash],
      [
        {
          action: 'auth.login',
          targetType: 'session',
          targetId: session.sessionId,
          after: { method: 'password' },
        },
        ...(rehash.length > 0 ? [{ action: 'member.password_rehash', ...target }] : []),
      ],
    );
    return c.json(await tokenPair(c.env, member, organisation, session.sessionId, session.refreshToken), 200);
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
    return c.json(await tokenPair(c.env, member, organisation, session.id, next.token), 200);
  },
  logout: async (c) => {
    const member = c.get('member');
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
    const session = await startSession(db, member.orgId, member.id, client, now);
    const actor = actorOf(member, client);
    try {
      // A second acceptance racing this one inserts the same email again and fails as a whole.
      await writeAudited(
        db,
        actor,
        [...acceptInviteStatements(db, invite.id, member, now), ...session.statements],
        [
          { action: 'invite.accept', targetType: 'invite', targetId: invite.id },
          ...joinedEvents(member, session.sessionId, 'invite'),
        ],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'members')) {
        throw new ProblemError(409, 'That email already belongs to a Rollcall member.');
      }
      throw error;
    }
    return c.json(await tokenPair(c.env, member, organisation, session.sessionId, session.refreshToken), 201);
  },
});
