import type { MemberRole } from '../../shared/schemas/members';

/** The API key a request was made with, and the member who created it. */
export type AuthedApiKey = { id: string; name: string; createdBy: { id: string; name: string } };

/**
 * Who a request acts as, set by the auth middleware: a member with a live session, or an API key
 * acting with its role (then `id` is the key's, `name` reads "key <name> (created by <member>)",
 * and there is no session or email).
 */
export type AuthedMember = {
  id: string;
  /** Always from the verified token and its session row (or the key's row), never from the request. */
  orgId: string;
  role: MemberRole;
  name: string;
  email: string | null;
  sessionId: string | null;
  /** When this session's sign-in gave a second-factor code; null for none (and for a key). */
  secondFactorAt: number | null;
  apiKey: AuthedApiKey | null;
};

/** The enrolled staff browser a 'device' operation acts as: it speaks only for its person. */
export type AuthedDevice = { id: string; orgId: string; personId: string; personName: string };

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
    /** Set on 'device' routes only. */
    device: AuthedDevice;
    requestId: string;
  };
};
