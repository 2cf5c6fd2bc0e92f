/**
 * Time-based one-time passwords (RFC 6238, over HOTP, RFC 4226) with Web Crypto, and the base32 of
 * the keys authenticator apps are given (RFC 4648 §6). Pure: the worker checks codes with it, and
 * tests and benchmarks compute codes with it as an authenticator app would.
 */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the steps just before and after now are accepted too: clocks and typing drift. */
export const TOTP_DRIFT_STEPS = 1;

export type TotpHash = 'SHA-1' | 'SHA-256' | 'SHA-512';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Reads base32 as people type it: any case, spaces and dashes and padding ignored. Null if not base32. */
export function base32Decode(text: string): Uint8Array | null {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

/** The time step a moment falls in. */
export function totpStep(nowMs: number, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(nowMs / 1000 / period);
}

/** HOTP (RFC 4226 §5.3): the code of one counter value, as a string of `digits` digits. */
export async function hotp(
  key: Uint8Array,
  counter: number,
  { digits = TOTP_DIGITS, hash = 'SHA-1' as TotpHash } = {},
): Promise<string> {
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const hmacKey = await crypto.subtle.importKey(
    'raw',
    key as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, message));
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary =
    (((mac[offset] ?? 0) & 0x7f) << 24) |
    ((mac[offset + 1] ?? 0) << 16) |
    ((mac[offset + 2] ?? 0) << 8) |
    (mac[offset + 3] ?? 0);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** TOTP (RFC 6238 §4.2): the code of the step `nowMs` falls in. */
export function totp(
  key: Uint8Array,
  nowMs: number,
  options: { digits?: number; hash?: TotpHash; period?: number } = {},
): Promise<string> {
  return hotp(key, totpStep(nowMs, options.period), options);
}

/**
 * The step whose code `code` is, among now's and its neighbours', or null. Compares every
 * candidate, so the time taken does not tell which step was near.
 */
export async function matchingStep(key: Uint8Array, code: string, nowMs: number): Promise<number | null> {
  const now = totpStep(nowMs);
  let found: number | null = null;
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step++) {
    if (sameCode(await hotp(key, step), code) && found === null) found = step;
  }
  return found;
}

function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** The otpauth:// URI authenticator apps read from a QR code (Google Authenticator's Key Uri Format). */
export function otpauthUri(secretBase32: string, account: string, issuer = 'Rollcall'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${query}`;
}
