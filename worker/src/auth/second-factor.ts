import { and, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { knownBrowsers, recoveryCodes, secondFactors } from '../db/schema';
import { asBatchItem, batchGuard } from '../db/versions';
import { randomToken, sha256Hex, toBase64Url } from './crypto';
import { workerSecret } from './tokens';
import { base32Encode, matchingStep } from './totp';

/**
 * Second factors (TOTP, RFC 6238) and the things around them: the secret sealed at rest, recovery
 * codes, known browsers. ASVS 5.0 §6.5 (one-time codes not reused within their validity, recovery
 * codes stored hashed and used once) and §11.3 (AES-GCM with a key outside the database).
 */

type KeyEnv = { ENVIRONMENT?: string; SECOND_FACTOR_KEY?: string };

const SECRET_BYTES = 20; // 160 bits, as RFC 4226 §4 recommends for HMAC-SHA-1
const RECOVERY_CODE_COUNT = 10;
/** 24 base32 characters: 120 random bits, enough for a plain hash (ASVS 5.0 §6.5.2 asks 112). */
const RECOVERY_CODE_LENGTH = 24;
/** A known browser not used for this long is forgotten. */
const KNOWN_BROWSER_DAYS = 90;
const SEALED_PREFIX = 'v1';

async function sealingKey(env: KeyEnv): Promise<CryptoKey> {
  // The secret is a passphrase of any length: its SHA-256 is the 256-bit AES key.
  const digest = await crypto.subtle.digest(
    'SHA-256',
    workerSecret(env, 'SECOND_FACTOR_KEY') as BufferSource,
  );
  return crypto.subtle.importKey('raw', digest, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Seals a member's TOTP secret: AES-GCM, the member's id as associated data (no swapping rows). */
export async function sealSecret(env: KeyEnv, memberId: string, secret: Uint8Array): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(memberId) },
    await sealingKey(env),
    secret as BufferSource,
  );
  return `${SEALED_PREFIX}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

/** Opens a sealed secret; throws when it was not sealed for this member with this key. */
export async function openSecret(env: KeyEnv, memberId: string, stored: string): Promise<Uint8Array> {
  const [prefix, iv, sealed] = stored.split('.');
  if (prefix !== SEALED_PREFIX || !iv || !sealed) throw new Error('not a sealed second-factor secret');
  const opened = await crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: fromBase64Url(iv) as BufferSource,
      additionalData: new TextEncoder().encode(memberId),
    },
    await sealingKey(env),
    fromBase64Url(sealed) as BufferSource,
  );
  return new Uint8Array(opened);
}

export function newTotpSecret(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

/** Ten fresh recovery codes, lower-case base32 in groups of four: `abcd-efgh-…`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const code = base32Encode(crypto.getRandomValues(new Uint8Array(15)))
      .slice(0, RECOVERY_CODE_LENGTH)
      .toLowerCase();
    return code.match(/.{4}/g)?.join('-') ?? code;
  });
}

/** A recovery code's stored form; `code` as typed, normalised by its schema (lower case, no dashes). */
export function recoveryCodeHash(memberId: string, code: string): Promise<string> {
  return sha256Hex(`${memberId}:${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
}

/** The member's second factor, confirmed or being set up. */
export async function secondFactorOf(db: Database, memberId: string) {
  const [row] = await db.select().from(secondFactors).where(eq(secondFactors.memberId, memberId)).limit(1);
  return row;
}

/** Which of these members have a confirmed second factor. */
export async function membersWithSecondFactor(
  db: Database,
  memberIds: readonly string[],
): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const rows = await db
    .select({ memberId: secondFactors.memberId })
    .from(secondFactors)
    .where(and(inArray(secondFactors.memberId, [...memberIds]), isNotNull(secondFactors.confirmedAt)));
  return new Set(rows.map((row) => row.memberId));
}

/**
 * Starts (or starts again) setting up a second factor: a new sealed secret, unconfirmed. Never
 * replaces a confirmed one (that takes an owner's reset).
 */
export function pendingSecondFactorStatement(
  db: Database,
  row: { memberId: string; orgId: string; secret: string },
  now: number,
) {
  return db
    .insert(secondFactors)
    .values({ ...row, createdAt: now })
    .onConflictDoUpdate({
      target: secondFactors.memberId,
      set: { secret: row.secret, createdAt: now, lastUsedStep: null },
      setWhere: isNull(secondFactors.confirmedAt),
    })
    .returning({ memberId: secondFactors.memberId });
}

/**
 * The time step of `code` if it is the member's current code and no code of that step or a later
 * one was accepted before (ASVS 5.0 §6.5.1), else null. Only checks: `spendStepStatement` spends it.
 */
export async function acceptableStep(
  env: KeyEnv,
  factor: { memberId: string; secret: string; lastUsedStep: number | null },
  code: string,
  now: number,
): Promise<number | null> {
  const step = await matchingStep(await openSecret(env, factor.memberId, factor.secret), code, now);
  if (step === null || (factor.lastUsedStep !== null && step <= factor.lastUsedStep)) return null;
  return step;
}

/**
 * Spends a time step: answers the member's row only if no code of that step or later was spent
 * before, so two sign-ins racing with one code cannot both win.
 */
export function spendStepStatement(
  db: Database,
  memberId: string,
  step: number,
  confirm: 'confirm' | 'use',
  now: number,
) {
  return db
    .update(secondFactors)
    .set(confirm === 'confirm' ? { lastUsedStep: step, confirmedAt: now } : { lastUsedStep: step })
    .where(
      and(
        eq(secondFactors.memberId, memberId),
        confirm === 'confirm' ? isNull(secondFactors.confirmedAt) : isNotNull(secondFactors.confirmedAt),
        or(isNull(secondFactors.lastUsedStep), lt(secondFactors.lastUsedStep, step)),
      ),
    )
    .returning({ memberId: secondFactors.memberId });
}

/**
 * Fails the batch unless the confirmation just before it took: a second confirmation racing with
 * the first must not replace the recovery codes the first one showed.
 */
export function confirmedGuard(db: Database, memberId: string, step: number, now: number) {
  return asBatchItem(
    batchGuard(
      db,
      sql`EXISTS (SELECT 1 FROM ${secondFactors} WHERE ${secondFactors.memberId} = ${memberId}
        AND ${secondFactors.confirmedAt} = ${now} AND ${secondFactors.lastUsedStep} = ${step})`,
    ),
  );
}

/** Replaces the member's recovery codes with these (hashed). */
export async function replaceRecoveryCodesStatements(
  db: Database,
  memberId: string,
  codes: readonly string[],
) {
  const rows = await Promise.all(
    codes.map(async (code) => ({ codeHash: await recoveryCodeHash(memberId, code), memberId })),
  );
  return [
    db.delete(recoveryCodes).where(eq(recoveryCodes.memberId, memberId)),
    db.insert(recoveryCodes).values(rows),
  ] as const;
}

/** Spends one recovery code (by its `recoveryCodeHash`): answers it only if it was the member's and unused. */
export function spendRecoveryCodeStatement(db: Database, memberId: string, codeHash: string, now: number) {
  return db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.codeHash, codeHash),
        eq(recoveryCodes.memberId, memberId),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ codeHash: recoveryCodes.codeHash });
}

/** How many unused recovery codes the member has left. */
export async function recoveryCodesLeft(db: Database, memberId: string): Promise<number> {
  const rows = await db
    .select({ codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.memberId, memberId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}

/** Removes a member's second factor and recovery codes (an owner's reset). */
export function resetSecondFactorStatements(db: Database, memberId: string) {
  return [
    db
      .delete(secondFactors)
      .where(eq(secondFactors.memberId, memberId))
      .returning({ memberId: secondFactors.memberId }),
    db.delete(recoveryCodes).where(eq(recoveryCodes.memberId, memberId)),
  ] as const;
}

/** The hash of a known-browser token, if it is this member's and was used recently; else null. */
export async function knownBrowserOf(
  db: Database,
  token: string | undefined,
  memberId: string,
  now: number,
): Promise<string | null> {
  if (!token) return null;
  const tokenHash = await sha256Hex(token);
  const [row] = await db
    .select({ tokenHash: knownBrowsers.tokenHash })
    .from(knownBrowsers)
    .where(
      and(
        eq(knownBrowsers.tokenHash, tokenHash),
        eq(knownBrowsers.memberId, memberId),
        gt(knownBrowsers.lastUsedAt, now - KNOWN_BROWSER_DAYS * 86_400_000),
      ),
    )
    .limit(1);
  return row ? tokenHash : null;
}

/**
 * After a successful sign-in: a known browser's last use, or a new known-browser token for the
 * browser to keep (answered to it once).
 */
export async function rememberBrowser(db: Database, memberId: string, knownHash: string | null, now: number) {
  if (knownHash) {
    return {
      token: undefined,
      statement: db
        .update(knownBrowsers)
        .set({ lastUsedAt: now })
        .where(eq(knownBrowsers.tokenHash, knownHash)),
    };
  }
  const token = randomToken();
  return {
    token,
    statement: db
      .insert(knownBrowsers)
      .values({ tokenHash: await sha256Hex(token), memberId, createdAt: now, lastUsedAt: now }),
  };
}

/** A fresh secret for an authenticator app: sealed for storage, and in the forms a person sees. */
export async function newEnrolment(env: KeyEnv, memberId: string) {
  const secret = newTotpSecret();
  return { sealed: await sealSecret(env, memberId, secret), manualKey: base32Encode(secret) };
}
