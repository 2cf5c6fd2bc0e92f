import { jwtVerify, SignJWT } from 'jose';
import { ProblemError } from '../http/problem';

/** ASVS 5.0 §7.2: short-lived access tokens; the refresh token carries the session. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
const ISSUER = 'rollcall';
const AUDIENCE = 'rollcall-api';
const ALGORITHM = 'HS256';
const MIN_SECRET_LENGTH = 32;

/**
 * A fixed key for local development and tests only. Anywhere else (ENVIRONMENT unset, 'production',
 * 'staging', …) the worker refuses to issue or accept tokens until a real JWT_SECRET is set.
 */
const DEVELOPMENT_KEY = 'rollcall-development-signing-key--never-use-in-production';
const DEVELOPMENT_ENVIRONMENTS = new Set(['development', 'test']);

type KeyEnv = { ENVIRONMENT?: string; JWT_SECRET?: string };

export function signingKey(env: KeyEnv): Uint8Array {
  const secret = env.JWT_SECRET;
  if (secret !== undefined && secret !== '') {
    if (secret.length < MIN_SECRET_LENGTH) {
      console.error(`JWT_SECRET is shorter than ${MIN_SECRET_LENGTH} characters: refusing to use it.`);
      throw new ProblemError(503, 'Sign-in is not available: the server is not configured.');
    }
    return new TextEncoder().encode(secret);
  }
  if (DEVELOPMENT_ENVIRONMENTS.has(env.ENVIRONMENT ?? '')) return new TextEncoder().encode(DEVELOPMENT_KEY);
  console.error('JWT_SECRET is not set: refusing to issue or accept tokens outside development.');
  throw new ProblemError(503, 'Sign-in is not available: the server is not configured.');
}

export type AccessClaims = { memberId: string; orgId: string; sessionId: string };

export async function issueAccessToken(env: KeyEnv, claims: AccessClaims): Promise<string> {
  return new SignJWT({ org: claims.orgId, sid: claims.sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.memberId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_SECONDS}s`)
    .sign(signingKey(env));
}

/** The claims of a valid access token, or null for anything else (expired, forged, malformed). */
export async function verifyAccessToken(env: KeyEnv, token: string): Promise<AccessClaims | null> {
  const key = signingKey(env);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const { sub, org, sid } = payload;
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof sid !== 'string') return null;
    return { memberId: sub, orgId: org, sessionId: sid };
  } catch {
    return null;
  }
}
