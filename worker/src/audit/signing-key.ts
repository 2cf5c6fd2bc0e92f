import { env as workerEnv } from 'cloudflare:workers';
import { type AuditSigningKey, CHECKPOINT_ALGORITHM, keyIdOf } from '../../../shared/audit/checkpoint';
import { fromBase64 } from '../../../shared/web-crypto';
import { ProblemError } from '../http/problem';

/**
 * The key that signs audit checkpoints: AUDIT_SIGNING_KEY, a Worker secret holding a 32-byte
 * Ed25519 private key (seed) in base64 (`openssl rand -base64 32`). It is never stored in D1, so a
 * rewritten database cannot carry checkpoints of its own.
 *
 * A fixed key for local development and tests only. Anywhere else (ENVIRONMENT unset, 'production',
 * 'staging', …) the worker refuses to record changes until a real key is set: a change it cannot
 * anchor is a change it cannot prove later.
 */
const DEVELOPMENT_SEED = 'cm9sbGNhbGwtZGV2LWF1ZGl0LWtleS1uby1zZWNyZXQ='; // 'rollcall-dev-audit-key-no-secret'
const DEVELOPMENT_ENVIRONMENTS = new Set(['development', 'test']);
/** PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410 §7): this prefix, then the 32 bytes. */
const PKCS8_ED25519_PREFIX = [
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

export type AuditKeyEnv = { ENVIRONMENT?: string; AUDIT_SIGNING_KEY?: string };
export type AuditSigner = AuditSigningKey & { privateKey: CryptoKey };

const NOT_CONFIGURED = 'Changes cannot be saved: the server is not configured.';
const signers = new Map<string, Promise<AuditSigner>>();

function seedOf(env: AuditKeyEnv): Uint8Array<ArrayBuffer> {
  const secret = env.AUDIT_SIGNING_KEY;
  if (secret !== undefined && secret !== '') {
    const seed = fromBase64(secret);
    if (seed?.length === 32) return seed;
    console.error('AUDIT_SIGNING_KEY is not 32 bytes in base64: refusing to use it.');
    throw new ProblemError(503, NOT_CONFIGURED);
  }
  if (DEVELOPMENT_ENVIRONMENTS.has(env.ENVIRONMENT ?? ''))
    return fromBase64(DEVELOPMENT_SEED) as Uint8Array<ArrayBuffer>;
  console.error('AUDIT_SIGNING_KEY is not set: refusing to record changes outside development.');
  throw new ProblemError(503, NOT_CONFIGURED);
}

async function loadSigner(seed: Uint8Array<ArrayBuffer>): Promise<AuditSigner> {
  const pkcs8 = new Uint8Array([...PKCS8_ED25519_PREFIX, ...seed]);
  const extractable = await crypto.subtle.importKey('pkcs8', pkcs8, { name: CHECKPOINT_ALGORITHM }, true, [
    'sign',
  ]);
  const { x } = (await crypto.subtle.exportKey('jwk', extractable)) as JsonWebKey;
  const publicRaw = fromBase64(x ?? '');
  if (!x || !publicRaw) throw new Error('The audit signing key has no public half.');
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: CHECKPOINT_ALGORITHM }, false, [
    'sign',
  ]);
  return { algorithm: CHECKPOINT_ALGORITHM, keyId: await keyIdOf(publicRaw), publicKey: x, privateKey };
}

/**
 * The signer of this worker's checkpoints (made once per key and isolate), from the Worker's own
 * environment unless another is given: the writer and the routes read the same key.
 */
export function auditSigner(env: AuditKeyEnv = workerEnv as AuditKeyEnv): Promise<AuditSigner> {
  const seed = seedOf(env);
  const cacheKey = env.AUDIT_SIGNING_KEY || DEVELOPMENT_SEED;
  let signer = signers.get(cacheKey);
  if (!signer) {
    signer = loadSigner(seed);
    signers.set(cacheKey, signer);
  }
  return signer;
}

/** The public key an auditor or an extension checks checkpoints with. */
export async function publicSigningKey(env?: AuditKeyEnv): Promise<AuditSigningKey> {
  const { algorithm, keyId, publicKey } = await auditSigner(env);
  return { algorithm, keyId, publicKey };
}
