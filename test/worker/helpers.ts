import { exports } from 'cloudflare:workers';
import type { z } from 'zod';
import { enrolledSchema, enrolmentSchema, nextStepSchema, tokenPairSchema } from '../../shared/schemas/auth';
import { createdInviteSchema, type MemberRole } from '../../shared/schemas/members';
import { base32Decode, totp, totpStep } from '../../worker/src/auth/totp';

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

/**
 * A request made as a signed-in member (or with an API key, sent as X-Api-Key); reads the body back
 * as JSON when it is JSON, else as text.
 */
export async function authed<T = unknown>(
  as: { accessToken: string } | { apiKey: string },
  path: string,
  options: Omit<RequestOptions, 'token'> = {},
): Promise<{ status: number; body: T; response: Response }> {
  const response = await request(
    path,
    'apiKey' in as
      ? { ...options, headers: { ...options.headers, 'x-api-key': as.apiKey } }
      : { ...options, token: as.accessToken },
  );
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

/**
 * Signs up a new organisation; answers its owner, signed in. Its organisation does not require a
 * second factor (tests about second factors use `signUpWithSecondFactor`).
 */
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
      secondFactorRequired: false,
    },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const pair = tokenPairSchema.parse(await response.json());
  return { ...pair, email, password: GOOD_PASSWORD };
}

/** Invites `email` as `role` to the organisation of `manager`; answers the invitation and its token. */
export async function createdInvite(manager: SignedIn, email: string, role: MemberRole) {
  const invited = await authed(manager, '/api/v1/members/invites', { method: 'POST', body: { email, role } });
  if (invited.status !== 201)
    throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  return createdInviteSchema.parse(invited.body);
}

/** Adds a member of `role` to the organisation of `manager` (an owner or admin), signed in. */
export async function addMember(
  manager: SignedIn,
  role: MemberRole,
  name = `${role} member`,
): Promise<SignedIn> {
  const email = uniqueEmail(role);
  const { setupToken } = await createdInvite(manager, email, role);
  const response = await request('/api/v1/auth/accept-invite', {
    method: 'POST',
    body: { setupToken, name, password: GOOD_PASSWORD },
  });
  if (response.status !== 201) throw new Error(`accept failed: ${response.status} ${await response.text()}`);
  const pair = tokenPairSchema.parse(await response.json());
  return { ...pair, email, password: GOOD_PASSWORD };
}

/** Signs in with email and password (from a known browser, given its token); answers the raw response. */
export function logIn(
  email: string,
  password: string,
  headers: Record<string, string> = {},
  knownBrowser?: string,
): Promise<Response> {
  return request('/api/v1/auth/login', { method: 'POST', body: { email, password, knownBrowser }, headers });
}

/**
 * An authenticator app for tests: the codes of a second factor's key. Each `next()` is the code of
 * a later time step than the one before (now's, then the next one, which the server accepts as
 * drift), so a test can sign in again at once without giving a used code.
 */
export function authenticatorApp(manualKey: string) {
  const key = base32Decode(manualKey);
  if (!key) throw new Error(`not a base32 key: ${manualKey}`);
  let lastStep = totpStep(Date.now()) - 1;
  return {
    key,
    /** The code of now's step, whether or not it was used. */
    now: () => totp(key, Date.now()),
    next() {
      lastStep = Math.max(lastStep + 1, totpStep(Date.now()));
      // The server takes one step of drift: a third code in one window would need to wait.
      if (lastStep > totpStep(Date.now()) + 1) throw new Error('no unused code until the next 30 seconds');
      return totp(key, lastStep * 30_000);
    },
  };
}

export type WithSecondFactor = z.infer<typeof enrolledSchema> & {
  email: string;
  password: string;
  app: ReturnType<typeof authenticatorApp>;
};

/** Signs up an organisation that requires a second factor, and sets up the owner's: answers them signed in. */
export async function signUpWithSecondFactor(options: { name?: string } = {}): Promise<WithSecondFactor> {
  const email = uniqueEmail('owner');
  const response = await request('/api/v1/auth/signup', {
    method: 'POST',
    body: {
      organisationName: `Firm ${crypto.randomUUID().slice(0, 8)}`,
      name: options.name ?? 'Olive Owner',
      email,
      password: GOOD_PASSWORD,
    },
  });
  if (response.status !== 201) throw new Error(`signup failed: ${response.status} ${await response.text()}`);
  const step = nextStepSchema.parse(await response.json());
  if (step.next !== 'enrol') throw new Error(`signup answered ${step.next}, not enrol`);
  return enrolAtSignIn(step.challengeToken, email);
}

/** Sets up a second factor with the challenge an `enrol` step gave, as the member's app would. */
export async function enrolAtSignIn(challengeToken: string, email: string): Promise<WithSecondFactor> {
  const started = await request('/api/v1/auth/second-factor/enrolment', {
    method: 'POST',
    body: { challengeToken },
  });
  if (started.status !== 200) throw new Error(`enrolment failed: ${started.status} ${await started.text()}`);
  const { manualKey } = enrolmentSchema.parse(await started.json());
  const app = authenticatorApp(manualKey);
  const confirmed = await request('/api/v1/auth/second-factor/enrolment/confirm', {
    method: 'POST',
    body: { challengeToken, code: await app.next() },
  });
  if (confirmed.status !== 200)
    throw new Error(`confirming failed: ${confirmed.status} ${await confirmed.text()}`);
  const enrolled = enrolledSchema.parse(await confirmed.json());
  return { ...enrolled, email, password: GOOD_PASSWORD, app };
}

/** Gives the second step of a sign-in: a code, or `{ recoveryCode }`. */
export function giveCode(challengeToken: string, answer: { code: string } | { recoveryCode: string }) {
  return request('/api/v1/auth/second-factor', { method: 'POST', body: { challengeToken, ...answer } });
}
