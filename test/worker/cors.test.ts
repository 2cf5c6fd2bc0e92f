import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/src/app';
import { BASE, signUp } from './helpers';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://1b2c3d4e-0000-4000-8000-123456789abc';

function preflight(origin: string, origins = `${EXTENSION}, ${FIREFOX}`) {
  return app.fetch(
    new Request(`${BASE}/api/v1/me`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    }),
    { ...env, EXTENSION_ORIGINS: origins },
  );
}

describe('CORS', () => {
  it('allows the configured extension origins and the worker itself', async () => {
    for (const origin of [EXTENSION, FIREFOX, BASE]) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it('allows no other origin, nor an extension that is not configured', async () => {
    for (const origin of [
      'https://evil.example',
      'chrome-extension://someotherextensionidxxxxxxxxxxxx',
      'null',
    ]) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const none = await preflight(EXTENSION, '');
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight with the methods and headers the extension sends, for ten minutes', async () => {
    const response = await preflight(EXTENSION);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,PATCH,DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers');
    // Every answer, a preflight's too, carries the request id and the security headers.
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("puts the CORS and security headers on a route's own answer, and the answer is whole", async () => {
    const owner = await signUp({ organisationName: 'Headers & Co' });
    const ask = (origin: string) =>
      app.fetch(
        new Request(`${BASE}/api/v1/organisation`, {
          headers: { origin, authorization: `Bearer ${owner.accessToken}` },
        }),
        { ...env, EXTENSION_ORIGINS: EXTENSION },
      );
    const allowed = await ask(EXTENSION);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(allowed.headers.get('access-control-expose-headers')).toBe('Retry-After,X-Request-Id');
    expect(allowed.headers.get('vary')).toBe('Origin');
    expect(allowed.headers.get('cache-control')).toBe('no-store');
    expect(allowed.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(allowed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(allowed.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await allowed.json()).toMatchObject({ name: 'Headers & Co' });

    const other = await ask('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('x-content-type-options')).toBe('nosniff');
    // A refusal is answered with the same headers.
    const refused = await app.fetch(
      new Request(`${BASE}/api/v1/organisation`, { headers: { origin: EXTENSION } }),
      {
        ...env,
        EXTENSION_ORIGINS: EXTENSION,
      },
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
