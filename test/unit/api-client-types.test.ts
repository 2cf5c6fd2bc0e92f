import { hc } from 'hono/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { AppType } from '../../worker/src/app';

// The extension talks to the worker through `hc<AppType>`: the routes' inputs must be typed from
// the shared schemas, so a wrong field is a compile error on the extension side.
describe('the typed API client', () => {
  it('knows the routes and their bodies', () => {
    const client = hc<AppType>('http://127.0.0.1:8787');
    expectTypeOf(client.api.v1.auth.login.$post).parameter(0).toHaveProperty('json').toEqualTypeOf<{
      email: string;
      password: string;
    }>();
    expectTypeOf(client.api.v1.members[':id'].$patch).parameter(0).toHaveProperty('param').toEqualTypeOf<{
      id: string;
    }>();
  });
});
