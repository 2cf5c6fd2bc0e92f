import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/src/app';
import { BASE } from './helpers';

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
});
