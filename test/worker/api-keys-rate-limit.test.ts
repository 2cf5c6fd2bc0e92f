import { describe, expect, it } from 'vitest';
import { createdApiKeySchema } from '../../shared/schemas/api-keys';
import { API_KEY_REQUESTS_PER_MINUTE } from '../../worker/src/auth/api-keys';
import { authed, signUp } from './helpers';

describe('an API key’s rate limit', () => {
  it(`answers 429 with Retry-After past ${API_KEY_REQUESTS_PER_MINUTE} requests a minute, for that key only`, async () => {
    const owner = await signUp();
    const key = async (name: string) =>
      createdApiKeySchema.parse(
        (await authed(owner, '/api/v1/api-keys', { method: 'POST', body: { name, role: 'auditor' } })).body,
      ).secret;
    const busy = await key('Busy script');
    const calm = await key('Calm script');

    // The local limiter counts in windows aligned to the clock's minutes: start the burst early in one.
    const leftInMinute = 60_000 - (Date.now() % 60_000);
    if (leftInMinute < 40_000) await new Promise((resolve) => setTimeout(resolve, leftInMinute + 50));
    const statuses: number[] = [];
    for (let sent = 0; sent < API_KEY_REQUESTS_PER_MINUTE; sent += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () => authed({ apiKey: busy }, '/api/v1/organisation')),
      );
      statuses.push(...batch.map((answer) => answer.status));
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const over = await authed({ apiKey: busy }, '/api/v1/organisation');
    expect(over.status).toBe(429);
    expect(over.response.headers.get('retry-after')).toBe('60');
    expect(JSON.stringify(over.body)).toContain('API key');
    // The member who made it, and the firm's other keys, are not held back.
    expect((await authed({ apiKey: calm }, '/api/v1/organisation')).status).toBe(200);
    expect((await authed(owner, '/api/v1/organisation')).status).toBe(200);
  }, 180_000);
});
