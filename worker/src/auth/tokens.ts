import { jwtVerify, SignJWT } from 'jose';
import { ProblemError } from '../http/problem';

/** ASVS 5.0 §7.2: short-lived access tokens; the refresh token carries the session. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
const ISSUER = 'rollcall';
const AUDIENCE = 'rollcall-api';
const ALGORITHM = 'HS256';
const MIN_SECRET_LENGTH = 32;

const DEVELOPMENT_ENVIRONMENTS = new Set(['development', 'test']);

/** The Worker secrets, each with the fixed value local development and tests use without one. */
const SECRETS = {
  /** Signs access and sign-in challenge tokens. */
  JWT_SECRET: {
    development: 'rollcall-development-signing-key--never-use-in-production',
    refusal: 'refusing to issue or accept tokens outside development',
  },
  /** Encrypts members' second-factor (TOTP) secrets at rest. */
  SECOND_FACTOR_KEY: {
    development: 'rollcall-development-second-factor-key--never-use-in-production',
    refusal: 'refusing to check second factors outside development',
  },
} as const;
export type SecretName = keyof typeof SECRETS;

type KeyEnv = { ENVIRONMENT?: string } & { [K in SecretName]?: string };

/**
 * The bytes of a Worker secret. A fixed value stands in for local development and tests only.
 * Anywhere else (ENVIRONMENT unset, 'production', 'staging', …) the worker refuses to sign anyone
 * in until a real one is set.
 */
export function workerSecret(env: KeyEnv, name: SecretName): Uint8Array {
  const secret = env[name];
  if (secret !== undefined && secret !== '') {
    if (secret.length < MIN_SECRET_LENGTH) {
      console.error(`${name} is shorter than ${MIN_SECRET_LENGTH} characters: refusing to use it.`);
      throw new ProblemError(503, 'Sign-in is not available: the server is not configured.');
    }
    return new TextEncoder().encode(secret);
  }
  if (DEVELOPMENT_ENVIRONMENTS.has(env.ENVIRONMENT ?? '')) {
    return new TextEncoder().encode(SECRETS[name].development);
  }
  console.error(`${name} is not set: ${SECRETS[name].refusal}.`);
  throw new ProblemError(503, 'Sign-in is not available: the server is not configured.');
}

export function signingKey(env: KeyEnv): Uint8Array {
  return workerSecret(env, 'JWT_SECRET');
}

/** The signing secret as text: what the keys and the tokens checked here are kept under. */
const signingSecret = (env: KeyEnv) => new TextDecoder().decode(signingKey(env));

/** HMAC keys imported once per secret and isolate: importing is as much work as checking a token. */
const hmacKeys = new Map<string, Promise<CryptoKey>>();

function hmacKey(env: KeyEnv): Promise<CryptoKey> {
  const id = signingSecret(env);
  let key = hmacKeys.get(id);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      signingKey(env) as BufferSource,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    hmacKeys.set(id, key);
  }
  return key;
}

export type AccessClaims = { memberId: string; orgId: string; sessionId: string };

/** A signed token for one audience, about one member, living `seconds`. */
async function signToken(
  env: KeyEnv,
  audience: string,
  memberId: string,
  claims: Record<string, unknown>,
  seconds: number,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(memberId)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${seconds}s`)
    .sign(await hmacKey(env));
}

/** The claims of a valid token for the audience, or null for anything else (expired, forged, malformed). */
async function verifiedClaims(
  env: KeyEnv,
  token: string,
  audience: string,
): Promise<(Record<string, unknown> & { sub: string; org: string }) | null> {
  const key = await hmacKey(env);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    return typeof payload.sub === 'string' && typeof payload.org === 'string'
      ? { ...payload, sub: payload.sub, org: payload.org }
      : null;
  } catch {
    return null;
  }
}

export function issueAccessToken(env: KeyEnv, claims: AccessClaims): Promise<string> {
  return signToken(
    env,
    AUDIENCE,
    claims.memberId,
    { org: claims.orgId, sid: claims.sessionId },
    ACCESS_TOKEN_SECONDS,
  );
}

/**
 * Access tokens this isolate has checked, with what they say and when they expire: a client sends
 * the same token with every request of its 15 minutes, and checking its signature again was as
 * much of a small read's work as its query. Only valid tokens are kept, under the secret that
 * signed them; the oldest go past `CHECKED_TOKENS_KEPT`, and are checked again if they come back.
 * Whether the session still holds is read on every request all the same (authenticate.ts).
 */
const checkedTokens = new Map<string, { claims: AccessClaims; expiresAt: number; secret: string }>();
const CHECKED_TOKENS_KEPT = 1_000;

/** The claims of a valid access token, or null for anything else (expired, forged, malformed). */
export async function verifyAccessToken(env: KeyEnv, token: string): Promise<AccessClaims | null> {
  const secret = signingSecret(env);
  const checked = checkedTokens.get(token);
  if (checked && checked.secret === secret && Date.now() < checked.expiresAt) return checked.claims;
  const payload = await verifiedClaims(env, token, AUDIENCE);
  if (!payload || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') return null;
  const claims = { memberId: payload.sub, orgId: payload.org, sessionId: payload.sid };
  checkedTokens.delete(token);
  checkedTokens.set(token, { claims, expiresAt: payload.exp * 1000, secret });
  if (checkedTokens.size > CHECKED_TOKENS_KEPT)
    checkedTokens.delete(checkedTokens.keys().next().value as string);
  return claims;
}

/** What a sign-in that needs one more step may do next: give a code, or set up a second factor. */
export type ChallengeStep = 'code' | 'enrol';
export type ChallengeClaims = {
  memberId: string;
  orgId: string;
  step: ChallengeStep;
  /** The hash of the known-browser token the password came with, when it was valid. */
  knownBrowser: string | null;
};
/** Minutes a challenge lives: time to open an authenticator app, or to set one up. */
export const CHALLENGE_SECONDS = 10 * 60;
const CHALLENGE_AUDIENCE = 'rollcall-sign-in-challenge';

/** A token proving the password was right, good only for the next step of that sign-in. */
export function issueChallengeToken(env: KeyEnv, claims: ChallengeClaims): Promise<string> {
  return signToken(
    env,
    CHALLENGE_AUDIENCE,
    claims.memberId,
    { org: claims.orgId, step: claims.step, kb: claims.knownBrowser },
    CHALLENGE_SECONDS,
  );
}

/** The claims of a valid challenge token for `step`, or null (expired, forged, another step). */
export async function verifyChallengeToken(
  env: KeyEnv,
  token: string,
  step: ChallengeStep,
): Promise<ChallengeClaims | null> {
  const payload = await verifiedClaims(env, token, CHALLENGE_AUDIENCE);
  if (!payload || payload.step !== step) return null;
  const knownBrowser = typeof payload.kb === 'string' ? payload.kb : null;
  return { memberId: payload.sub, orgId: payload.org, step, knownBrowser };
}
