import { contract } from '../../../shared/contract';
import {
  type RequestArgs,
  readProblem,
  readSuccess,
  type Sent,
  sendOperation,
} from '../../../shared/contract/http-call';
import type { BodyOf, Operation, Success } from '../../../shared/contract/operation';
import type { TokenPair } from '../../../shared/schemas/auth';
import type { FieldError } from '../../../shared/schemas/problem';

/**
 * The background's client of the Rollcall API, built from the contract (shared/contract): it builds
 * each URL from the operation and its parameters, parses the answer with the operation's schema and
 * answers one typed result, the value or the problem. It alone holds the tokens: the access token in
 * memory and session storage, the refresh token in local storage (see session-store.ts). The popup
 * and content scripts ask the background by message and never see either.
 */

export type ApiErrorKind =
  /** Nothing answered: offline, wrong address, server down. Queued changes wait. */
  | 'unreachable'
  /** The session ended and could not be renewed: sign in again (queued changes are kept). */
  | 'signed-out'
  | 'wrong-credentials'
  | 'locked'
  /** The server refused the input; `fields` names what is wrong. */
  | 'invalid'
  | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * What every call answers: the value, or why not. The background's own form of `Result<T>`
 * (result.ts): the problem is the ApiError itself, whose status decides what waits and what is
 * dropped; operations answer the pages with its words.
 */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface StoredAccess {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** Where the tokens live; session-store.ts keeps them in extension storage. */
export interface TokenStore {
  getAccess(): Promise<StoredAccess | null>;
  getRefresh(): Promise<string | null>;
  save(pair: TokenPair, serverUrl: string): Promise<void>;
  /** The server no longer accepts the refresh token: forget the tokens, say "sign in again". */
  expire(): Promise<void>;
  /** The member signed out. */
  clear(): Promise<void>;
}

export interface ApiClientOptions {
  serverUrl: () => Promise<string>;
  tokens: TokenStore;
  fetchFn?: typeof fetch;
  now?: () => number;
}

/** The operations that sign in, or take a step of it, and may answer a token pair. */
type SignInOperation =
  | typeof contract.auth.login
  | typeof contract.auth.signup
  | typeof contract.auth.acceptInvite
  | typeof contract.auth.secondFactor
  | typeof contract.auth.confirmEnrolment;

/** Renew the access token this long before it runs out, so a request never races its expiry. */
const EXPIRY_MARGIN_MS = 30_000;
const TIMEOUT_MS = 15_000;

/** Runs a step that throws ApiError (and only that) as a result. */
async function settle<T>(run: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error };
    throw error;
  }
}

export function createApiClient({ serverUrl, tokens, fetchFn = fetch, now = Date.now }: ApiClientOptions) {
  let refreshing: Promise<StoredAccess> | null = null;

  async function send(
    op: Operation,
    request: Sent,
    token: string | null,
    server?: string,
  ): Promise<Response> {
    const base = server ?? (await serverUrl());
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    try {
      return await sendOperation(op, request, { base, headers, fetchFn, timeoutMs: TIMEOUT_MS });
    } catch {
      throw new ApiError('unreachable', `Can’t reach the Rollcall server at ${base}.`);
    }
  }

  async function failure(response: Response, fallbackKind: ApiErrorKind): Promise<ApiError> {
    const problem = await readProblem(response);
    const message = problem?.detail ?? problem?.title ?? `The server answered ${response.status}.`;
    const fields = problem?.errors ?? [];
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after'));
      const wait =
        Number.isFinite(seconds) && seconds > 0
          ? ` Try again in ${Math.max(1, Math.ceil(seconds / 60))} minute${seconds > 60 ? 's' : ''}.`
          : '';
      return new ApiError('locked', `Too many failed sign-ins: this account is locked for now.${wait}`, 429);
    }
    if (response.status >= 500) return new ApiError('server', message, response.status);
    if (response.status === 400 || response.status === 409 || response.status === 422)
      return new ApiError('invalid', message, response.status, fields);
    return new ApiError(fallbackKind, message, response.status, fields);
  }

  /** The operation's success answer, read with its schema: JSON parsed, text as text, 204 as null. */
  async function answerOf<O extends Operation>(op: O, response: Response): Promise<Success<O>> {
    const answer = await readSuccess(op, response);
    if (answer === undefined)
      throw new ApiError('server', 'The server sent an answer this extension cannot read.');
    return answer;
  }

  /** A step of signing in: answers the next step, or the token pair, which it keeps. */
  async function signIn<O extends SignInOperation>(op: O, body: BodyOf<O>): Promise<Success<O>> {
    const response = await send(op, { body }, null);
    if (!response.ok) throw await failure(response, 'wrong-credentials');
    const answer = await answerOf(op, response);
    const pair = answer as Partial<TokenPair>;
    if (pair.accessToken !== undefined) await tokens.save(answer as TokenPair, await serverUrl());
    return answer;
  }

  async function refresh(): Promise<StoredAccess> {
    // One refresh at a time: the refresh token rotates, and a second use of a spent one would make
    // the server end the whole session as a stolen token (reuse detection).
    refreshing ??= (async () => {
      const refreshToken = await tokens.getRefresh();
      if (!refreshToken) throw new ApiError('signed-out', 'Sign in to Rollcall.');
      const op = contract.auth.refresh;
      const response = await send(op, { body: { refreshToken } }, null);
      if (response.status === 401 || response.status === 400 || response.status === 422) {
        await tokens.expire();
        throw new ApiError('signed-out', 'Your Rollcall session has ended. Sign in again.', 401);
      }
      if (!response.ok) throw await failure(response, 'server');
      const pair = await answerOf(op, response);
      await tokens.save(pair, await serverUrl());
      return { token: pair.accessToken, expiresAt: now() + pair.expiresIn * 1000 };
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function accessToken(): Promise<string> {
    const access = await tokens.getAccess();
    if (access && access.expiresAt - EXPIRY_MARGIN_MS > now()) return access.token;
    return (await refresh()).token;
  }

  /** A signed-in request; renews the access token once on a 401, then gives up as signed out. */
  async function signedIn<O extends Operation>(op: O, request: Sent): Promise<Success<O>> {
    let response = await send(op, request, await accessToken());
    if (response.status === 401) response = await send(op, request, (await refresh()).token);
    if (response.status === 401) {
      await tokens.expire();
      throw new ApiError('signed-out', 'Your Rollcall session has ended. Sign in again.', 401);
    }
    if (!response.ok) throw await failure(response, 'invalid');
    return answerOf(op, response);
  }

  /** A staff browser's request: its device credential (none to join), never a member's token. */
  async function asDevice<O extends Operation>(
    op: O,
    device: { serverUrl: string; credential: string | null },
    request: Sent,
  ): Promise<Success<O>> {
    const response = await send(op, request, device.credential, device.serverUrl);
    if (response.status === 401) throw await failure(response, 'signed-out');
    if (!response.ok) throw await failure(response, 'invalid');
    return answerOf(op, response);
  }

  return {
    /**
     * Signs up, signs in, or takes the next step of a sign-in (`contract.auth.secondFactor`,
     * `confirmEnrolment`): a token pair in the answer is kept, as signed in.
     */
    signIn: <O extends SignInOperation>(op: O, body: BodyOf<O>) => settle(() => signIn(op, body)),
    /** An operation needing no sign-in (setting up a second factor during sign-in). */
    callPublic<O extends Operation>(op: O, body: BodyOf<O>): Promise<ApiResult<Success<O>>> {
      return settle(async () => {
        const response = await send(op, { body }, null);
        if (!response.ok) throw await failure(response, 'wrong-credentials');
        return answerOf(op, response);
      });
    },
    async logOut(): Promise<void> {
      // Ending the session on the server is best effort: signing out here must work offline too.
      const access = await tokens.getAccess();
      await tokens.clear();
      if (access) await send(contract.auth.logout, {}, access.token).catch(() => undefined);
    },
    /**
     * Calls one operation of the contract as the signed-in member:
     * `api.call(contract.reviews.listItems, { params: { id }, query: { limit: 200 } })`.
     */
    call<O extends Operation>(op: O, ...[request]: RequestArgs<O>): Promise<ApiResult<Success<O>>> {
      return settle(() => signedIn(op, (request ?? {}) as Sent));
    },
    /** Calls a 'device' (or public) operation as the enrolled staff browser of `device`. */
    asDevice<O extends Operation>(
      op: O,
      device: { serverUrl: string; credential: string | null },
      ...[request]: RequestArgs<O>
    ): Promise<ApiResult<Success<O>>> {
      return settle(() => asDevice(op, device, (request ?? {}) as Sent));
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
