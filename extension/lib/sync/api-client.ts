import type { z } from 'zod';
import { type TokenPair, tokenPairSchema } from '../../../shared/schemas/auth';
import { type FieldError, problemSchema } from '../../../shared/schemas/problem';

/**
 * The background's client of the Rollcall API. It alone holds the tokens: the access token in
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

/** Renew the access token this long before it runs out, so a request never races its expiry. */
const EXPIRY_MARGIN_MS = 30_000;
const TIMEOUT_MS = 15_000;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function createApiClient({ serverUrl, tokens, fetchFn = fetch, now = Date.now }: ApiClientOptions) {
  let refreshing: Promise<StoredAccess> | null = null;

  async function send(method: Method, path: string, body: unknown, token: string | null): Promise<Response> {
    const base = await serverUrl();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetchFn(new URL(path, base), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new ApiError('unreachable', `Can’t reach the Rollcall server at ${base}.`);
    }
  }

  async function failure(response: Response, fallbackKind: ApiErrorKind): Promise<ApiError> {
    const parsed = problemSchema.safeParse(await response.json().catch(() => null));
    const problem = parsed.success ? parsed.data : null;
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

  async function signIn(path: string, body: unknown): Promise<TokenPair> {
    const response = await send('POST', path, body, null);
    if (!response.ok) throw await failure(response, 'wrong-credentials');
    const pair = tokenPairSchema.parse(await response.json());
    await tokens.save(pair, await serverUrl());
    return pair;
  }

  async function refresh(): Promise<StoredAccess> {
    // One refresh at a time: the refresh token rotates, and a second use of a spent one would make
    // the server end the whole session as a stolen token (reuse detection).
    refreshing ??= (async () => {
      const refreshToken = await tokens.getRefresh();
      if (!refreshToken) throw new ApiError('signed-out', 'Sign in to Rollcall.');
      const response = await send('POST', '/api/v1/auth/refresh', { refreshToken }, null);
      if (response.status === 401 || response.status === 400 || response.status === 422) {
        await tokens.expire();
        throw new ApiError('signed-out', 'Your Rollcall session has ended. Sign in again.', 401);
      }
      if (!response.ok) throw await failure(response, 'server');
      const pair = tokenPairSchema.parse(await response.json());
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
  async function request<T extends z.ZodType>(
    method: Method,
    path: string,
    schema: T,
    body?: unknown,
  ): Promise<z.infer<T>> {
    let response = await send(method, path, body, await accessToken());
    if (response.status === 401) response = await send(method, path, body, (await refresh()).token);
    if (response.status === 401) {
      await tokens.expire();
      throw new ApiError('signed-out', 'Your Rollcall session has ended. Sign in again.', 401);
    }
    if (!response.ok) throw await failure(response, 'invalid');
    const parsed = schema.safeParse(response.status === 204 ? null : await response.json());
    if (!parsed.success)
      throw new ApiError('server', 'The server sent an answer this extension cannot read.');
    return parsed.data;
  }

  return {
    signUp: (input: { organisationName: string; name: string; email: string; password: string }) =>
      signIn('/api/v1/auth/signup', input),
    logIn: (input: { email: string; password: string }) => signIn('/api/v1/auth/login', input),
    async logOut(): Promise<void> {
      // Ending the session on the server is best effort: signing out here must work offline too.
      const access = await tokens.getAccess();
      await tokens.clear();
      if (access) await send('POST', '/api/v1/auth/logout', undefined, access.token).catch(() => undefined);
    },
    request,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
