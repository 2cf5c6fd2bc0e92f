import { describe, expect, it } from 'vitest';
import {
  createApiClient,
  type StoredAccess,
  type TokenStore,
} from '../../../../extension/lib/sync/api-client';
import { contract } from '../../../../shared/contract';

/** Tokens in memory: a valid access token unless told otherwise. */
function memoryTokens(access: StoredAccess | null = { token: 'access-1', expiresAt: Date.now() + 600_000 }) {
  const state = { access, refresh: 'refresh-1' as string | null, expired: false };
  const store: TokenStore = {
    getAccess: async () => state.access,
    getRefresh: async () => state.refresh,
    save: async (pair) => {
      state.access = { token: pair.accessToken, expiresAt: Date.now() + pair.expiresIn * 1000 };
      state.refresh = pair.refreshToken;
    },
    expire: async () => {
      state.expired = true;
      state.access = null;
      state.refresh = null;
    },
    clear: async () => {
      state.access = null;
      state.refresh = null;
    },
  };
  return { store, state };
}

type Answer = { status: number; body?: unknown };

/** A fetch that records each request and answers from the list given. */
function scripted(...answers: Answer[]) {
  const sent: { method: string; url: string; body: unknown; auth: string | null }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({
      method: init.method ?? 'GET',
      url: String(input),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      auth: new Headers(init.headers).get('authorization'),
    });
    const answer = answers.shift();
    if (!answer) throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  }) as typeof fetch;
  return { fetchFn, sent };
}

function client(fetchFn: typeof fetch, tokens = memoryTokens().store) {
  return createApiClient({ serverUrl: async () => 'https://rollcall.example', tokens, fetchFn });
}

const todo = {
  id: 't 1/2',
  source: 'review',
  sourceId: 'c1',
  accountId: 'a1',
  systemId: 's1',
  label: 'sam in Ledger',
  action: 'remove',
  targetPermissions: null,
  reason: 'Revoked in the review',
  status: 'done',
  createdAt: 1,
  closedAt: 2,
  closedVia: 'confirmation',
  closedBy: 'Ann Owner',
  closedComment: 'Removed',
};

describe('the typed API client', () => {
  it('builds the URL from the operation, its path parameters and its query', async () => {
    const { fetchFn, sent } = scripted(
      { status: 200, body: { items: [], nextCursor: null } },
      { status: 200, body: todo },
    );
    const api = client(fetchFn);
    await api.call(contract.todos.list, { query: { status: 'open', source: 'review', limit: 200 } });
    await api.call(contract.todos.confirm, { params: { id: 't 1/2' }, body: { comment: 'Removed' } });
    expect(sent).toEqual([
      {
        method: 'GET',
        url: 'https://rollcall.example/api/v1/todos?status=open&source=review&limit=200',
        body: undefined,
        auth: 'Bearer access-1',
      },
      {
        method: 'POST',
        url: 'https://rollcall.example/api/v1/todos/t%201%2F2/confirm',
        body: { comment: 'Removed' },
        auth: 'Bearer access-1',
      },
    ]);
  });

  it('answers the value parsed with the operation’s schema', async () => {
    const { fetchFn } = scripted({ status: 200, body: todo });
    const answer = await client(fetchFn).call(contract.todos.confirm, {
      params: { id: 't1' },
      body: { comment: 'Removed' },
    });
    expect(answer).toEqual({ ok: true, value: todo });
  });

  it('answers a server problem when the answer does not fit the schema', async () => {
    const { fetchFn } = scripted({ status: 200, body: { ...todo, status: 'maybe' } });
    const answer = await client(fetchFn).call(contract.todos.confirm, {
      params: { id: 't1' },
      body: { comment: 'Removed' },
    });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'server', status: null } });
  });

  it('answers a refusal as invalid, naming each field', async () => {
    const errors = [{ field: 'body.comment', message: 'required' }];
    const { fetchFn } = scripted({
      status: 422,
      body: { type: 'about:blank', title: 'Invalid input', status: 422, detail: 'Say how.', errors },
    });
    const answer = await client(fetchFn).call(contract.todos.confirm, {
      params: { id: 't1' },
      body: { comment: '' },
    });
    expect(answer).toMatchObject({
      ok: false,
      error: { kind: 'invalid', status: 422, message: 'Say how.', fields: errors },
    });
  });

  it('answers unreachable when nothing answers, and signed out when the session cannot be renewed', async () => {
    const offline = await client(scripted().fetchFn).call(contract.organisation.get);
    expect(offline).toMatchObject({ ok: false, error: { kind: 'unreachable', status: null } });

    const tokens = memoryTokens();
    const { fetchFn, sent } = scripted(
      { status: 401, body: { type: 'about:blank', title: 'Sign-in required', status: 401 } },
      { status: 401, body: { type: 'about:blank', title: 'Sign-in required', status: 401 } },
    );
    const ended = await client(fetchFn, tokens.store).call(contract.organisation.get);
    expect(ended).toMatchObject({ ok: false, error: { kind: 'signed-out', status: 401 } });
    expect(sent.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'GET /api/v1/organisation',
      'POST /api/v1/auth/refresh',
    ]);
    expect(tokens.state.expired).toBe(true);
  });
});
