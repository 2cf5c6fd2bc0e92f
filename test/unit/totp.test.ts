import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  matchingStep,
  otpauthUri,
  totp,
  totpStep,
} from '../../worker/src/auth/totp';

const ascii = (text: string) => new TextEncoder().encode(text);

// RFC 6238 Appendix B: the seeds and the eight-digit codes at each time, for each hash.
const SEEDS = {
  'SHA-1': ascii('12345678901234567890'),
  'SHA-256': ascii('12345678901234567890123456789012'),
  'SHA-512': ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;
const VECTORS: [seconds: number, sha1: string, sha256: string, sha512: string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(VECTORS)('gives the RFC 6238 test vectors at %i s', async (seconds, sha1, sha256, sha512) => {
    const at = seconds * 1000;
    expect(await totp(SEEDS['SHA-1'], at, { digits: 8, hash: 'SHA-1' })).toBe(sha1);
    expect(await totp(SEEDS['SHA-256'], at, { digits: 8, hash: 'SHA-256' })).toBe(sha256);
    expect(await totp(SEEDS['SHA-512'], at, { digits: 8, hash: 'SHA-512' })).toBe(sha512);
  });

  it('gives six-digit codes by default: the last six digits of the eight', async () => {
    expect(await totp(SEEDS['SHA-1'], 59_000)).toBe('287082');
  });

  it('accepts the code of the step before and after now, and no further', async () => {
    const key = SEEDS['SHA-1'];
    const now = 1_234_567_890_000;
    const step = totpStep(now);
    for (const drift of [-1, 0, 1]) {
      const code = await totp(key, now + drift * 30_000);
      expect(await matchingStep(key, code, now)).toBe(step + drift);
    }
    expect(await matchingStep(key, await totp(key, now + 60_000), now)).toBeNull();
    expect(await matchingStep(key, await totp(key, now - 60_000), now)).toBeNull();
  });

  it('reads base32 back as written, in any case and with spaces', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(20));
    const text = base32Encode(bytes);
    expect(text).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(text)).toEqual(bytes);
    expect(base32Decode(text.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual(bytes);
    expect(base32Decode('not base32!')).toBeNull();
    // RFC 4648 §10
    expect(base32Encode(ascii('foobar'))).toBe('MZXW6YTBOI');
  });

  it('writes the otpauth link authenticator apps read', () => {
    const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'olive@example.com (Firm)'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(uri.searchParams.get('issuer')).toBe('Rollcall');
    expect(decodeURIComponent(uri.href)).toContain('otpauth://totp/Rollcall:olive@example.com (Firm)?');
  });
});
