import { applyMutationToRow } from '../../../../extension/lib/sync/local-copy';
import type { Account, Person, System } from '../../../../shared/schemas/directory';
import {
  type SyncChange,
  type SyncMutation,
  type SyncResult,
  snapshotSchema,
  syncPushSchema,
} from '../../../../shared/schemas/directory-input';

/**
 * An in-memory Rollcall server with the sync contract of `GET/POST /api/v1/sync` and the auth
 * routes: versions from one counter, mutation ids applied once, stale bases answered as conflicts.
 * `down = true` makes every request fail as a refused connection does.
 */
export function fakeServer({
  routes,
}: {
  /** More signed-in routes (e.g. review-fake.ts); answer null to fall through to the 404. */
  routes?: (method: string, url: URL, body: unknown) => Response | null;
} = {}) {
  let counter = 0;
  const rows = new Map<string, SyncChange>();
  const applied = new Map<string, number>();
  let accessToken = 'access-1';
  let refreshToken = 'refresh-token-000000001';
  const state = {
    down: false,
    pushes: 0,
    refreshes: 0,
    refreshRejected: false,
    snapshots: 0,
    /** Dismissals the findings API received: finding id and reason. */
    dismissals: [] as { findingId: string; reason: string }[],
    /** The firm's rule thresholds as the owner set them, and whether this member may not. */
    ruleSettings: {} as Record<string, unknown>,
    settingsRefused: false,
  };

  const key = (entity: string, id: string) => `${entity}:${id}`;

  function write(change: SyncChange): number {
    counter += 1;
    const row = { ...change.row, version: counter };
    rows.set(key(change.entity, row.id), { entity: change.entity, row } as SyncChange);
    return counter;
  }

  function push(mutation: SyncMutation): SyncResult {
    const done = applied.get(mutation.mutationId);
    if (done !== undefined) return { mutationId: mutation.mutationId, status: 'applied', version: done };
    const current = rows.get(key(mutation.entity, mutation.rowId)) ?? null;
    if ((current?.row.version ?? null) !== mutation.baseVersion) {
      return { mutationId: mutation.mutationId, status: 'conflict', current };
    }
    const row = applyMutationToRow(current?.row, mutation) ?? {
      ...(current?.row as SyncChange['row']),
      deleted: true,
    };
    const version = write({ entity: mutation.entity, row } as SyncChange);
    applied.set(mutation.mutationId, version);
    return { mutationId: mutation.mutationId, status: 'applied', version };
  }

  /**
   * The snapshot contract in small: a login new to the system becomes an unowned account, one whose
   * status changed is changed, and one missing from the (complete) list is removed.
   */
  function reconcile(
    systemId: string,
    listed: { username: string; status?: string | null }[],
    complete: boolean,
  ) {
    const accounts = [...rows.values()]
      .map((c) => c.row as Account)
      .filter((a) => a.systemId === systemId && !a.deleted);
    const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
    const diffRows = [];
    for (const row of listed) {
      const status = row.status && /disabled|inactive/i.test(row.status) ? 'disabled' : 'active';
      const known = accounts.find((a) => a.username.toLowerCase() === row.username.toLowerCase());
      const change = !known ? 'added' : known.status === status ? 'unchanged' : 'changed';
      counts[change] += 1;
      const account: Account = known
        ? { ...known, status }
        : accountRow(`acc-${row.username}`, systemId, row.username, { status });
      if (change !== 'unchanged') write({ entity: 'account', row: account });
      diffRows.push({
        username: row.username,
        change,
        accountId: account.id,
        ownerPersonId: account.ownerPersonId,
      });
    }
    for (const account of complete ? accounts : []) {
      if (listed.some((row) => row.username.toLowerCase() === account.username.toLowerCase())) continue;
      counts.removed += 1;
      write({ entity: 'account', row: { ...account, status: 'removed' } });
      diffRows.push({
        username: account.username,
        change: 'removed',
        accountId: account.id,
        ownerPersonId: account.ownerPersonId,
      });
    }
    return { ...counts, rows: diffRows };
  }

  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const problem = (status: number, detail: string, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, detail }), {
      status,
      headers: { 'content-type': 'application/problem+json', ...headers },
    });
  const tokenPair = () => ({
    accessToken,
    expiresIn: 900,
    refreshToken,
    member: { id: 'm1', email: 'ann@firm.test', name: 'Ann Owner', role: 'owner', createdAt: 1 },
    organisation: {
      id: 'org1',
      name: 'Harbour & Vale',
      settings: { sessionIdleMinutes: 60, sessionAbsoluteHours: 12 },
    },
  });

  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (state.down) throw new TypeError('Failed to fetch');
    const url = new URL(String(input));
    const body = init.body ? JSON.parse(String(init.body)) : null;
    const auth = new Headers(init.headers).get('authorization');
    switch (`${init.method ?? 'GET'} ${url.pathname}`) {
      case 'POST /api/v1/auth/login':
        if (body.password === 'locked-out-password')
          return problem(429, 'Too many', { 'retry-after': '600' });
        return body.password === 'correct horse battery'
          ? json(tokenPair())
          : problem(401, 'The email or password is wrong.');
      case 'POST /api/v1/auth/signup':
        return json(tokenPair(), 201);
      case 'POST /api/v1/auth/refresh':
        state.refreshes += 1;
        if (state.refreshRejected || body.refreshToken !== refreshToken)
          return problem(401, 'Sign in again.');
        accessToken = `access-${state.refreshes + 1}`;
        refreshToken = `refresh-token-00000000${state.refreshes + 1}`;
        return json(tokenPair());
      case 'POST /api/v1/auth/logout':
        return new Response(null, { status: 204 });
    }
    if (auth !== `Bearer ${accessToken}`) return problem(401, 'Sign-in required');
    if (url.pathname === '/api/v1/organisation') {
      if (init.method === 'PATCH') {
        if (state.settingsRefused) return problem(403, 'Only the firm’s owner may change its settings.');
        state.ruleSettings = { ...state.ruleSettings, ...body.settings };
      }
      const settings = { sessionIdleMinutes: 60, sessionAbsoluteHours: 12, ...state.ruleSettings };
      return json({ id: 'org1', name: 'Harbour & Vale', settings });
    }
    if (url.pathname === '/api/v1/sync' && init.method === 'POST') {
      state.pushes += 1;
      // Like the worker: a body that does not fit the contract is refused whole, naming each field.
      const parsed = syncPushSchema.safeParse(body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({
          field: ['body', ...issue.path].join('.'),
          message: issue.message,
        }));
        return json({ type: 'about:blank', title: 'Invalid input', status: 422, errors }, 422);
      }
      return json({ results: parsed.data.mutations.map(push) });
    }
    const snapshotRoute = /^\/api\/v1\/systems\/([^/]+)\/snapshots$/.exec(url.pathname);
    if (snapshotRoute && init.method === 'POST') {
      const systemId = decodeURIComponent(snapshotRoute[1] as string);
      const system = rows.get(key('system', systemId));
      if (!system || system.row.deleted) return problem(404, 'No such system');
      const parsed = snapshotSchema.safeParse(body);
      if (!parsed.success) return problem(422, parsed.error.issues[0]?.message ?? 'invalid');
      state.snapshots += 1;
      return json(reconcile(systemId, parsed.data.rows, parsed.data.complete));
    }
    if (url.pathname === '/api/v1/sync') {
      const since = Number(url.searchParams.get('since') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 500);
      const newer = [...rows.values()]
        .filter((c) => c.row.version > since)
        .sort((a, b) => a.row.version - b.row.version);
      const page = newer.slice(0, limit);
      return json({ changes: page, cursor: page.at(-1)?.row.version ?? since, more: newer.length > limit });
    }
    const dismiss = /^\/api\/v1\/findings\/([^/]+)\/dismiss$/.exec(url.pathname);
    if (dismiss?.[1] && init.method === 'POST') {
      const findingId = decodeURIComponent(dismiss[1]);
      state.dismissals.push({ findingId, reason: body.reason });
      return json({ findingId, fingerprint: 'f', ...body, dismissedAt: Date.now(), dismissedBy: 'm1' });
    }
    const extra = routes?.(init.method ?? 'GET', url, body);
    if (extra) return extra;
    return problem(404, 'Not found');
  };

  return {
    fetchFn: fetchFn as typeof fetch,
    state,
    rows,
    /** A change made by another client, straight on the server. */
    write,
    /** Expire the access token, as 15 minutes passing would. */
    expireAccess() {
      accessToken = `${accessToken}-rotated`;
    },
    person(id: string): Person | undefined {
      return rows.get(key('person', id))?.row as Person | undefined;
    },
    account(id: string): Account | undefined {
      return rows.get(key('account', id))?.row as Account | undefined;
    },
  };
}

export function personRow(id: string, name: string, extra: Partial<Person> = {}): Person {
  return {
    id,
    name,
    email: null,
    jobRoleId: null,
    startDate: null,
    endDate: null,
    leaveReason: null,
    status: 'active',
    version: 0,
    deleted: false,
    ...extra,
  };
}

export function systemRow(id: string, name: string, adminUrlPatterns: string[]): System {
  return { id, name, adminUrlPatterns, signInUrlPatterns: [], permissions: [], version: 0, deleted: false };
}

export function accountRow(
  id: string,
  systemId: string,
  username: string,
  extra: Partial<Account> = {},
): Account {
  return {
    id,
    systemId,
    username,
    displayName: null,
    email: null,
    status: 'active',
    permissions: [],
    ownerPersonId: null,
    userPersonIds: [],
    lastSignInAt: null,
    systemCreatedAt: null,
    firstSeenAt: null,
    lastSeenAt: null,
    version: 0,
    deleted: false,
    ...extra,
  };
}
