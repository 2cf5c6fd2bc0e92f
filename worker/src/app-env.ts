import type { MemberRole } from '../../shared/schemas/members';

/** The signed-in member a request acts as, set by the auth middleware from a live session. */
export type AuthedMember = {
  id: string;
  /** Always from the verified token and its session row, never from the request. */
  orgId: string;
  role: MemberRole;
  name: string;
  email: string;
  sessionId: string;
};

/** Bindings that are Worker secrets (`wrangler secret put`), so not in wrangler.toml. */
type Secrets = {
  /** Signs access tokens. Required outside development and test. */
  JWT_SECRET?: string;
  /** Encrypts members' second-factor secrets at rest (AES-GCM). Required outside development and test. */
  SECOND_FACTOR_KEY?: string;
  /**
   * Signs audit checkpoints: a 32-byte Ed25519 private key in base64. Required outside development
   * and test (audited writes answer 503 without it). See audit/signing-key.ts.
   */
  AUDIT_SIGNING_KEY?: string;
};

/** The Hono environment of every route: bindings from wrangler.toml (see worker-configuration.d.ts). */
export type AppEnv = {
  Bindings: Env & Secrets;
  Variables: {
    /** Set on authenticated routes only (see `route()` in http/route.ts). */
    member: AuthedMember;
    requestId: string;
  };
};
