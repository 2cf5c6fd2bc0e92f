import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allOperations } from '../../shared/contract';
import { fillPath } from '../../shared/contract/operation';
import { problemSchema } from '../../shared/schemas/problem';
import { request, type SignedIn, signUp } from './helpers';
import { validBodies } from './route-fixtures';

/**
 * Generated from the contract (shared/contract): every route gets random malformed input — bodies that are not
 * JSON, not objects, or objects carrying a field no schema knows; odd path parameters; unknown query
 * keys — and must answer 4xx problem+json, never 5xx. Each request is malformed by construction
 * (an unknown field or key is always present), so no request may succeed either.
 */
let owner: SignedIn;
beforeAll(async () => {
  owner = await signUp();
});

const UNKNOWN = '__not_a_field';

const rawText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom('{', '[1,', '{"a":}', 'null', 'true', '"text"', '\u0000', '{"__proto__":{"x":1}}'),
);
/** A JSON value that no route accepts as its body: never an object without the unknown field. */
const jsonBody = fc.oneof(
  fc
    .jsonValue({ maxDepth: 3 })
    .map((value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? { ...value, [UNKNOWN]: 1 }
        : value,
    ),
  fc
    .dictionary(
      fc.constantFrom(
        'email',
        'password',
        'name',
        'role',
        'organisationName',
        'refreshToken',
        'setupToken',
        'settings',
      ),
      fc.oneof(
        fc.string({ maxLength: 50 }),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.integer()),
      ),
    )
    .map((fields) => ({ ...fields, [UNKNOWN]: 'x' })),
);
const body = fc.oneof(
  jsonBody.map((value) => ({ text: JSON.stringify(value), type: 'application/json' })),
  fc.record({
    text: rawText,
    type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
  }),
);
const pathParam = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.constantFrom('..', '%00', "' OR 1=1 --", 'x'.repeat(65), '\u202e', '😀'),
);
const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 50 }), {
  maxKeys: 4,
});

describe('malformed input never causes a 5xx', () => {
  for (const route of allOperations) {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    it(key, async () => {
      await fc.assert(
        fc.asyncProperty(body, pathParam, query, async (sent, param, extraQuery) => {
          const search = new URLSearchParams({ ...extraQuery, [UNKNOWN]: '1' });
          const path = fillPath(route.path, new Proxy({}, { get: () => param }));
          const hasBody = route.method !== 'get';
          const headers: Record<string, string> = hasBody && sent.type ? { 'content-type': sent.type } : {};
          const response = await request(`${path}?${search}`, {
            method: route.method.toUpperCase(),
            token: owner.accessToken,
            headers,
            ...(hasBody ? { body: sent.text === '' ? 'x' : sent.text } : {}),
          });
          expect(response.status, `${key} ${param} ${sent.text}`).toBeGreaterThanOrEqual(400);
          expect(response.status, `${key} ${param} ${sent.text}`).toBeLessThan(500);
          expect(response.headers.get('content-type')).toBe('application/problem+json');
          problemSchema.parse(await response.json());
        }),
        { numRuns: 30 },
      );
    });
  }

  it('names each failing field of a body', async () => {
    const response = await request('/api/v1/auth/signup', {
      method: 'POST',
      body: { organisationName: '', email: 'not-an-email', password: 'short', orgId: 'x' },
    });
    expect(response.status).toBe(422);
    const fields = problemSchema.parse(await response.json()).errors?.map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.organisationName', 'body.name', 'body.email', 'body.password', 'body']),
    );
  });

  it('names unknown query keys and bad path parameters', async () => {
    const unknown = await request('/api/v1/members?page=2', { token: owner.accessToken });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('page');
    const tooLong = await request(`/api/v1/members/${'x'.repeat(65)}`, { token: owner.accessToken });
    expect(tooLong.status).toBe(400);
    expect(problemSchema.parse(await tooLong.json()).errors?.[0]?.field).toBe('params.id');
  });

  it('refuses bodies over the size limit with 413, before reading them whole', async () => {
    const big = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(70 * 1024) });
    const response = await request('/api/v1/auth/login', { method: 'POST', body: big });
    expect(response.status).toBe(413);
    const chunked = await request('/api/v1/auth/login', {
      method: 'POST',
      body: big,
      headers: { 'content-length': '10' },
    });
    expect([400, 413]).toContain(chunked.status);
  });

  it('survives broken percent-encoding and odd headers', async () => {
    for (const path of [
      '/api/v1/members/%E0%A4%A',
      '/api/v1/audit?from=%ZZ&to=%',
      '/api/v1/members/%00',
      '/api/v1/sessions?memberId=%F0%9F',
    ]) {
      const response = await request(path, { token: owner.accessToken });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
    for (const authorization of [
      'Bearer',
      'Bearer a.b.c',
      'Basic Zm9vOmJhcg==',
      `Bearer ${'a'.repeat(5000)}`,
      'Bearer ..',
    ]) {
      const response = await request('/api/v1/me', { headers: { authorization } });
      expect(response.status, authorization.slice(0, 20)).toBe(401);
    }
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await request('/api/v1/auth/login', {
      method: 'POST',
      body: 'email=a@example.com&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
  });

  it('names each failing field in plain words, not the validator’s', async () => {
    const response = await request('/api/v1/people', {
      method: 'POST',
      token: owner.accessToken,
      body: { name: 'N'.repeat(400), email: 'not-an-address', startDate: 7 },
    });
    expect(response.status).toBe(422);
    const problem = problemSchema.parse(await response.json());
    expect(problem.errors).toEqual([
      { field: 'body.name', message: 'at most 200 characters' },
      { field: 'body.email', message: 'not an email address' },
      { field: 'body.startDate', message: 'should be text' },
    ]);
  });
});

/**
 * Text that is not text: lone surrogates, NUL, other C0 and C1 controls, DEL. Put into any string of
 * an otherwise valid request, on every route, it must be refused (4xx problem+json) before anything
 * is written: every write records an audit event, so the count of events must not move.
 */
const refusedChar = fc.constantFrom(
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
);
/** Odd but possibly legitimate characters (bidi controls, zero-width, BOM, noncharacters, breaks). */
const oddChar = fc.constantFrom(
  '\u202e',
  '\u2066',
  '\u200f',
  '\u061c',
  '\ufeff',
  '\u200b',
  '\uffff',
  '\t',
  '\n',
  '\r',
  '\u2028',
);
const around = fc.string({ maxLength: 12 });
const withChar = (char: fc.Arbitrary<string>) =>
  fc.tuple(around, char, around).map(([before, middle, after]) => `${before}${middle}${after}`);

/** Every place in a JSON value a string can go: each leaf (strings first) and, for objects, its keys. */
type Spot = { path: (string | number)[]; key: boolean };
function spotsOf(value: unknown, path: (string | number)[] = []): Spot[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => spotsOf(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([name, item]) => [
      ...spotsOf(item, [...path, name]),
      { path: [...path, name], key: true },
    ]);
  }
  return [{ path, key: false }];
}
function placed(value: unknown, spot: Spot, text: string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  const parentPath = spot.path.slice(0, -1);
  const last = spot.path.at(-1);
  if (last === undefined) return text;
  let parent = copy as Record<string | number, unknown>;
  for (const step of parentPath) parent = parent[step] as Record<string | number, unknown>;
  if (spot.key) {
    parent[text] = parent[last];
    delete parent[last];
  } else {
    parent[last] = text;
  }
  return copy;
}

/** A path segment as a client would send it; a lone surrogate as the bytes a broken encoder writes. */
function pathSegment(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.codePointAt(0) ?? 0;
      if (code >= 0xd800 && code <= 0xdfff) {
        return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
      }
      return encodeURIComponent(char);
    })
    .join('');
}

async function auditEventCount(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM audit_events').first<{ n: number }>();
  return row?.n ?? 0;
}

async function expectProblem(response: Response, what: string) {
  expect(response.status, what).toBeGreaterThanOrEqual(400);
  expect(response.status, what).toBeLessThan(500);
  expect(response.headers.get('content-type'), what).toBe('application/problem+json');
  problemSchema.parse(await response.json());
}

describe('text that is not text is refused on every route, and nothing is stored', () => {
  const owner2 = { session: null as SignedIn | null };
  beforeAll(async () => {
    owner2.session = await signUp();
  });

  for (const route of allOperations) {
    const key = `${route.method.toUpperCase()} ${route.path}`;
    const validBody = validBodies[key];
    const hasParams = /:\w+/.test(route.path);
    const queryKeys = Object.keys(
      (route.query as { shape?: Record<string, unknown> } | undefined)?.shape ?? {},
    );
    it(key, async () => {
      const session = owner2.session as SignedIn;
      const spots = validBody === undefined ? [] : spotsOf(validBody);
      // A route that takes no text at all (no body, parameters or query) has nowhere to put it.
      if (spots.length === 0 && !hasParams && queryKeys.length === 0) return;
      // Where the bad text goes: a spot of the valid body, a path parameter or a query value.
      const where = fc.oneof(
        ...(spots.length > 0 ? [fc.constantFrom(...spots).map((spot) => ({ body: spot }))] : []),
        ...(hasParams ? [fc.constant({ param: true })] : []),
        ...(queryKeys.length > 0 ? [fc.constantFrom(...queryKeys).map((name) => ({ query: name }))] : []),
      );
      await fc.assert(
        fc.asyncProperty(where, withChar(refusedChar), withChar(oddChar), async (place, bad, odd) => {
          const before = await auditEventCount();
          const param = 'param' in place ? pathSegment(bad) : 'x';
          const path = route.path.replace(/:\w+/g, () => param);
          const search = 'query' in place ? `?${encodeURIComponent(place.query)}=${pathSegment(bad)}` : '';
          const body = 'body' in place ? placed(validBody, place.body, bad) : validBody;
          const what = `${key} ${JSON.stringify(place)} ${JSON.stringify(bad)}`;
          const response = await request(`${path}${search}`, {
            method: route.method.toUpperCase(),
            token: session.accessToken,
            ...(body === undefined ? {} : { body }),
          });
          await expectProblem(response, what);
          expect(await auditEventCount(), what).toBe(before);

          // Odd characters may be accepted or refused, but never break the server.
          if ('body' in place) {
            const oddResponse = await request(`${route.path.replace(/:\w+/g, 'x')}`, {
              method: route.method.toUpperCase(),
              token: session.accessToken,
              body: placed(validBody, place.body, odd),
            });
            expect(oddResponse.status, `${key} ${JSON.stringify(odd)}`).toBeLessThan(500);
          }
        }),
        { numRuns: 12 },
      );
    });
  }

  it('leaves the trail intact after all of it', async () => {
    const verdict = await request('/api/v1/audit/verify', {
      token: (owner2.session as SignedIn).accessToken,
    });
    expect(((await verdict.json()) as { intact: boolean }).intact).toBe(true);
  });
});
