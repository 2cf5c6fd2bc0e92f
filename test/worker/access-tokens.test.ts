import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_SECONDS, issueAccessToken, verifyAccessToken } from '../../worker/src/auth/tokens';

const claims = { memberId: 'member-1', orgId: 'org-1', sessionId: 'session-1' };
const test = { ENVIRONMENT: 'test' };

describe('checking access tokens', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers what a token says each time it is sent, and refuses it once it has expired', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 5, 9) });
    const token = await issueAccessToken(test, claims);
    expect(await verifyAccessToken(test, token)).toEqual(claims);
    expect(await verifyAccessToken(test, token)).toEqual(claims);
    vi.setSystemTime(Date.UTC(2026, 11, 5, 9) + (ACCESS_TOKEN_SECONDS - 1) * 1000);
    expect(await verifyAccessToken(test, token)).toEqual(claims);
    vi.setSystemTime(Date.UTC(2026, 11, 5, 9) + (ACCESS_TOKEN_SECONDS + 1) * 1000);
    expect(await verifyAccessToken(test, token)).toBeNull();
  });

  it('refuses a token it has checked once the worker signs with another secret', async () => {
    const token = await issueAccessToken(test, claims);
    expect(await verifyAccessToken(test, token)).toEqual(claims);
    const rotated = { ENVIRONMENT: 'production', JWT_SECRET: 'a-new-secret-of-at-least-32-characters' };
    expect(await verifyAccessToken(rotated, token)).toBeNull();
    expect(await verifyAccessToken(rotated, await issueAccessToken(rotated, claims))).toEqual(claims);
  });

  it('refuses a token whose signature or claims were changed, however often it comes', async () => {
    const token = await issueAccessToken(test, claims);
    expect(await verifyAccessToken(test, token)).toEqual(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const other = btoa(JSON.stringify({ ...JSON.parse(atob(payload)), org: 'org-2' })).replace(/=+$/, '');
    for (let i = 0; i < 2; i++) {
      expect(await verifyAccessToken(test, `${header}.${other}.${signature}`)).toBeNull();
      expect(await verifyAccessToken(test, `${header}.${payload}.${signature.slice(0, -2)}AA`)).toBeNull();
    }
  });
});
