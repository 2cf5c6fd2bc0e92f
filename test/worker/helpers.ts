import { exports } from 'cloudflare:workers';
import { tokenPairSchema } from '../../shared/schemas/auth';
import { createdInviteSchema, type MemberRole } from '../../shared/schemas/members';

/**
 * Helpers for worker tests: every request goes through the real worker (`exports.default.fetch`)
 * into the real local D1 of the test file.
 */

export const BASE = 'http://rollcall.test';
/** A password that passes the policy (long, not common, not built from context words). */
export const GOOD_PASSWORD = 'correct horse battery staple 42';

let counter = 0;
/** An email no other test of this file has used. */
export function uniqueEmail(label = 'member'): string {
  counter += 1;
  return `${label}.${counter}.${crypto.randomUUID().slice(0, 8)}@example.com`;
}

export type RequestOptions = {
  method?: string;
  token?: string;
  /** Sent as JSON unless a string (sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
};

/** One request to the worker. */
export function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return exports.default.fetch(
    new Request(`${BASE}${path}`, { method: options.method ?? 'GET', headers, body }),
  );
}

/** A request made as a signed-in member; reads the body back as JSON when it is JSON, else as text. */
export async function authed<T = unknown>(
  session: { accessToken: string },
  path: string,
  options: Omit<RequestOptions, 'token'> = {},
): Promise<{ status: number; body: T; response: Response }> {
  const response = await request(path, { ...options, token: session.accessToken });
  // Read as bytes: workerd warns when .text() meets a body not labelled as text (NDJSON exports).
  const text = new TextDecoder().decode(await response.arrayBuffer());
  const json =
    /^application\/(problem\+)?json/.test(response.headers.get('content-type') ?? '') && text !== '';
  return { status: response.status, body: (json ? JSON.parse(text) : text || undefined) as T, response };
}

export type SignedIn = {
  accessToken: string;
  refreshToken: string;
  email: string;
  password: string;
  member: { id: string; name: string; role: MemberRole; email: string };
  organisation: { id: string; name: string };
};

/** Signs up a new organisation; answers its owner, signed in. */
export async function signUp(
  options: { organisationName?: string; name?: string; email?: string } = {},
): Promise<SignedIn> {
  const email = options.email ?? uniqueEmail('owner');
  const response = await request('/api/v1/auth/signup', {
    method: 'POST',
    body: {
      organisationName: options.organisationName ?? `Firm ${crypto.randomUUID().slice(0, 8)}`,
      name: options.name ?? 'Olive Owner',
      email,
      password: GOOD_PASSWORD,
    },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const pair = tokenPairSchema.parse(await response.json());
  return { ...pair, email, password: GOOD_PASSWORD };
}

/** Adds a member of `role` to the organisation of `manager` (an owner or admin), signed in. */
export async function addMember(
  manager: SignedIn,
  role: MemberRole,
  name = `${role} member`,
): Promise<SignedIn> {
  const email = uniqueEmail(role);
  const invited = await authed(manager, '/api/v1/members/invites', { method: 'POST', body: { email, role } });
  if (invited.status !== 201)
    throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const { setupToken } = createdInviteSchema.parse(invited.body);
  const response = await request('/api/v1/auth/accept-invite', {
    method: 'POST',
    body: { setupToken, name, password: GOOD_PASSWORD },
  });
  if (response.status !== 201) throw new Error(`accept failed: ${response.status} ${await response.text()}`);
  const pair = tokenPairSchema.parse(await response.json());
  return { ...pair, email, password: GOOD_PASSWORD };
}

/** Signs in with email and password; answers the raw response. */
export function logIn(
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return request('/api/v1/auth/login', { method: 'POST', body: { email, password }, headers });
}
