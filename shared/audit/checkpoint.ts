import { z } from 'zod';
import { fromBase64, toBase64Url, toHex } from '../web-crypto.ts';
import { canonicalJson } from './chain.ts';

/**
 * Signed checkpoints of an audit chain's head. The worker signs (organisation, sequence number,
 * head hash, time) with an Ed25519 key held as a Worker secret, never in the database, so whoever
 * can rewrite the database still cannot sign a head of their own. Anyone holding the public key
 * checks a checkpoint: the worker's verify, an auditor offline, each admin's extension.
 */

export const CHECKPOINT_ALGORITHM = 'Ed25519';

export const signedCheckpointSchema = z.object({
  orgId: z.string(),
  /** The number of events the chain held: the sequence number of its newest event. */
  seq: z.number().int().nonnegative(),
  /** The newest event's hash. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** When it was signed, ISO 8601 UTC. */
  at: z.string(),
  /** Which key signed it (see the signing-key endpoint). */
  keyId: z.string(),
  /** Ed25519 over `checkpointMessage`, base64url. */
  signature: z.string(),
});
export type SignedCheckpoint = z.infer<typeof signedCheckpointSchema>;
export type CheckpointFields = Pick<SignedCheckpoint, 'orgId' | 'seq' | 'hash' | 'at'>;

/** The public half of the key that signs checkpoints, as the API publishes it. */
export const auditSigningKeySchema = z.object({
  algorithm: z.literal(CHECKPOINT_ALGORITHM),
  keyId: z.string(),
  /** The raw 32-byte Ed25519 public key, base64url. */
  publicKey: z.string(),
});
export type AuditSigningKey = z.infer<typeof auditSigningKeySchema>;

/** The exact bytes a checkpoint's signature covers. */
export function checkpointMessage(fields: CheckpointFields): Uint8Array<ArrayBuffer> {
  const { orgId, seq, hash, at } = fields;
  return new TextEncoder().encode(`rollcall-audit-checkpoint-v1\n${canonicalJson({ orgId, seq, hash, at })}`);
}

/** A key's id: the first 16 hex digits of SHA-256 over its raw public key. */
export async function keyIdOf(publicKey: Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', publicKey)).slice(0, 16);
}

const publicKeys = new Map<string, Promise<CryptoKey | null>>();

function importPublicKey(publicKey: string): Promise<CryptoKey | null> {
  let key = publicKeys.get(publicKey);
  if (!key) {
    const raw = fromBase64(publicKey);
    key =
      raw?.length === 32
        ? crypto.subtle
            .importKey('raw', raw, { name: CHECKPOINT_ALGORITHM }, false, ['verify'])
            .catch(() => null)
        : Promise.resolve(null);
    publicKeys.set(publicKey, key);
  }
  return key;
}

/** Whether `key` signed this checkpoint, exactly as it reads. */
export async function checkpointSignatureValid(
  checkpoint: SignedCheckpoint,
  key: AuditSigningKey,
): Promise<boolean> {
  if (checkpoint.keyId !== key.keyId) return false;
  const publicKey = await importPublicKey(key.publicKey);
  const signature = fromBase64(checkpoint.signature);
  if (!publicKey || signature?.length !== 64) return false;
  try {
    return await crypto.subtle.verify(
      CHECKPOINT_ALGORITHM,
      publicKey,
      signature,
      checkpointMessage(checkpoint),
    );
  } catch {
    return false;
  }
}

/** Signs a checkpoint with a private Ed25519 key whose id is `keyId`. */
export async function signCheckpoint(
  privateKey: CryptoKey,
  keyId: string,
  fields: CheckpointFields,
): Promise<SignedCheckpoint> {
  const { orgId, seq, hash, at } = fields;
  const signature = await crypto.subtle.sign(CHECKPOINT_ALGORITHM, privateKey, checkpointMessage(fields));
  return { orgId, seq, hash, at, keyId, signature: toBase64Url(signature) };
}
