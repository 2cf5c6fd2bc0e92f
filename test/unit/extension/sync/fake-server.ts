import type { z } from 'zod';
import { findingsItem } from '../../../../extension/lib/storage';
import { applyMutationToRow } from '../../../../extension/lib/sync/local-copy';
import { allOperations, contract } from '../../../../shared/contract';
import { type Operation, type SuccessBody, successOf } from '../../../../shared/contract/operation';
import { removalsNeedConfirmation } from '../../../../shared/directory/reconcile-snapshot';
import type { Account, Person, System } from '../../../../shared/schemas/directory';
import type { SyncChange, SyncMutation, SyncResult } from '../../../../shared/schemas/directory-input';
import type { DismissedFinding } from '../../../../shared/schemas/findings-api';
import { plainReason } from '../../../../shared/schemas/plain-words';
import type { FieldError } from '../../../../shared/schemas/problem';
import { fieldErrors } from '../../../../worker/src/http/problem';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a fake route is handed: the request's parts, parsed with its operation's schemas. */
export type FakeRequest<O extends Operation> = {
  params: Parsed<O['params']>;
  query: Parsed<O['query']>;
  body: Parsed<O['body']>;
};

/** One operation of the contract served in memory: it answers the value, or a problem response. */
export type FakeRoute = { operation: Operation; answer: (request: FakeRequest<Operation>) => unknown };

export function fakeRoute<O extends Operation>(
  operation: O,
  answer: (request: FakeRequest<O>) => SuccessBody<O> | Response | Promise<SuccessBody<O> | Response>,
): FakeRoute {
  return { operation, answer: answer as FakeRoute['answer'] };
}

/** A problem+json answer, as the worker gives. */
export function problem(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
  errors?: FieldError[],
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, detail, errors }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The operation a request names, and its path parameters, found in the contract as the worker finds it. */
function operationOf(method: string, pathname: string) {
  for (const operation of allOperations) {
    if (operation.method.toUpperCase() !== method) continue;
    const pattern = new RegExp(`^${operation.path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`);
    const match = pattern.exec(pathname);
    if (!match) continue;
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]),
    );
    return { operation, params };
  }
  return null;
}

/** Parses one part of a request as the worker does: 400 for path and query, 422 for the body. */
function parsePart(target: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown) {
  if (!schema) return { ok: true as const, data: undefined };
  const result = schema.safeParse(value, { error: plainReason });
  if (result.success) return { ok: true as const, data: result.data };
  const status = target === 'body' ? 422 : 400;
  const errors = fieldErrors(target, result.error.issues);
  const detail = `The request ${target === 'params' ? 'path' : target} is not valid.`;
  return {
    ok: false as const,
    response: json({ type: 'about:blank', title: 'Invalid input', status, detail, errors }, status),
  };
}

/**
 * An in-memory Rollcall server that serves operations of the contract (shared/contract): each
 * request is routed by operation, its parameters, query and body are parsed with the operation's
 * schemas (refused as the worker refuses them), and each answer must fit the operation's success
 * schema. It has the sync contract of `contract.sync` (versions from one counter, mutation ids
 * applied once, stale bases answered as conflicts), sign-in, the organisation's settings, user-list
 * snapshots, finding dismissals and the firm's sign-in observations. `down = true` makes every request fail as a refused connection
 * does.
 */
export function fakeServer({
  routes = [],
}: {
  /** More operations served (e.g. review-fake.ts). */
  routes?: readonly FakeRoute[];
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
    /** How the last user list sent said its page writes dates. */
    snapshotDateOrder: undefined as string | undefined,
    /** Dismissals the findings API holds, for the whole firm (made in any browser). */
    dismissals: [] as DismissedFinding[],
    /** The firm's rule thresholds as the owner set them, and whether this member may not. */
    ruleSettings: {} as Record<string, unknown>,
    settingsRefused: false,
    /** Whether the member signs in with a second factor (its code is 123456). */
    secondFactor: false,
    /** The known-browser token each sign-in came with. */
    knownBrowsersSent: [] as (string | undefined)[],
    /** Sign-ins the firm's staff browsers reported: each person's latest per login. */
    observations: [] as { accountId: string; personId: string; lastObservedAt: number }[],
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
    listed: { username: string; status?: string | null; lastSignIn?: string | null }[],
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
      const change: 'added' | 'changed' | 'unchanged' = !known
        ? 'added'
        : known.status === status
          ? 'unchanged'
          : 'changed';
      counts[change] += 1;
      const account: Account = known
        ? { ...known, status }
        : accountRow(`acc-${row.username}`, systemId, row.username, { status });
      if (change !== 'unchanged') write({ entity: 'account', row: account });
      // Only ISO times are understood here; the rest come back as the server's warnings do.
      const unread = row.lastSignIn && Number.isNaN(Date.parse(row.lastSignIn));
      diffRows.push({
        username: row.username,
        change,
        accountId: account.id,
        ownerPersonId: account.ownerPersonId,
        ...(unread ? { warnings: [`last sign-in "${row.lastSignIn}" not understood`] } : {}),
      });
    }
    for (const account of complete ? accounts : []) {
      if (listed.some((row) => row.username.toLowerCase() === account.username.toLowerCase())) continue;
      counts.removed += 1;
      write({ entity: 'account', row: { ...account, status: 'removed' } });
      diffRows.push({
        username: account.username,
        change: 'removed' as const,
        accountId: account.id,
        ownerPersonId: account.ownerPersonId,
      });
    }
    return { ...counts, rows: diffRows };
  }

  const tokenPair = () => ({
    accessToken,
    expiresIn: 900,
    refreshToken,
    member: {
      id: 'm1',
      email: 'ann@firm.test',
      name: 'Ann Owner',
      role: 'owner' as const,
      createdAt: 1,
      secondFactor: false,
    },
    organisation: {
      id: 'org1',
      name: 'Harbour & Vale',
      settings: { sessionIdleMinutes: 60, sessionAbsoluteHours: 12, secondFactorRequired: false },
    },
  });
  const organisation = () => ({
    id: 'org1',
    name: 'Harbour & Vale',
    settings: {
      sessionIdleMinutes: 60,
      sessionAbsoluteHours: 12,
      secondFactorRequired: false,
      ...state.ruleSettings,
    },
  });

  const served: FakeRoute[] = [
    fakeRoute(contract.auth.login, ({ body }) => {
      state.knownBrowsersSent.push(body.knownBrowser);
      if (body.password === 'locked-out-password') return problem(429, 'Too many', { 'retry-after': '600' });
      if (body.password !== 'correct horse battery') return problem(401, 'The email or password is wrong.');
      if (state.secondFactor) {
        return { next: 'code' as const, challengeToken: 'challenge-token-0000000001', expiresIn: 600 };
      }
      return { ...tokenPair(), knownBrowser: 'known-browser-token-000001' };
    }),
    fakeRoute(contract.me.startSecondFactor, () => ({
      otpauthUri: 'otpauth://totp/Rollcall:ann%40firm.test?secret=JBSWY3DPEHPK3PXP&issuer=Rollcall',
      manualKey: 'JBSWY3DPEHPK3PXP',
    })),
    fakeRoute(contract.me.confirmSecondFactor, ({ body }) => {
      if (body.code !== '123456') return problem(403, 'That code is wrong.');
      state.secondFactor = true;
      return { recoveryCodes: Array.from({ length: 10 }, (_, i) => `code-${i}-aaaa-bbbb-cccc`) };
    }),
    fakeRoute(contract.auth.secondFactor, ({ body }) => {
      if (body.challengeToken !== 'challenge-token-0000000001')
        return problem(401, 'This sign-in has expired.');
      return body.code === '123456' ? tokenPair() : problem(401, 'That code is wrong or was already used.');
    }),
    fakeRoute(contract.auth.signup, () => tokenPair()),
    fakeRoute(contract.auth.refresh, ({ body }) => {
      state.refreshes += 1;
      if (state.refreshRejected || body.refreshToken !== refreshToken) return problem(401, 'Sign in again.');
      accessToken = `access-${state.refreshes + 1}`;
      refreshToken = `refresh-token-00000000${state.refreshes + 1}`;
      return tokenPair();
    }),
    fakeRoute(contract.meta.health, () => ({ status: 'ok' as const, version: '0.1.0' })),
    fakeRoute(contract.auth.logout, () => null),
    fakeRoute(contract.organisation.get, () => organisation()),
    fakeRoute(contract.organisation.update, ({ body }) => {
      if (state.settingsRefused) return problem(403, 'Only the firm’s owner may change its settings.');
      state.ruleSettings = { ...state.ruleSettings, ...body.settings };
      return organisation();
    }),
    fakeRoute(contract.observations.list, () => ({ observations: state.observations })),
    fakeRoute(contract.sync.push, ({ body }) => {
      state.pushes += 1;
      return { results: body.mutations.map(push) };
    }),
    fakeRoute(contract.sync.pull, ({ query }) => {
      const newer = [...rows.values()]
        .filter((c) => c.row.version > query.since)
        .sort((a, b) => a.row.version - b.row.version);
      const page = newer.slice(0, query.limit);
      return {
        changes: page,
        cursor: page.at(-1)?.row.version ?? query.since,
        more: newer.length > query.limit,
      };
    }),
    fakeRoute(contract.systems.sendSnapshot, ({ params, body }) => {
      const system = rows.get(key('system', params.id));
      if (!system || system.row.deleted) return problem(404, 'No such system');
      state.snapshots += 1;
      state.snapshotDateOrder = body.dateOrder;
      if (body.complete && !body.confirmRemovals) {
        const live = [...rows.values()]
          .map((c) => c.row as Account)
          .filter((a) => a.systemId === params.id && !a.deleted && a.status !== 'removed');
        const listed = new Set(body.rows.map((row) => row.username.toLowerCase()));
        const removed = live.filter((a) => !listed.has(a.username.toLowerCase())).length;
        if (removalsNeedConfirmation(removed, live.length)) {
          return problem(409, `This list would mark ${removed} logins removed.`, {}, [
            { field: 'body.confirmRemovals', message: `confirm that ${removed} logins are removed` },
          ]);
        }
      }
      return reconcile(params.id, body.rows, body.complete);
    }),
    fakeRoute(contract.findings.dismiss, async ({ params, body }) => {
      // The server works the findings out from the same data with the same rules: the same
      // finding has the same fingerprint there as here.
      const finding = (await findingsItem.getValue()).findings.find((f) => f.id === params.id);
      const dismissal = {
        findingId: params.id,
        fingerprint: finding?.fingerprint ?? 'unknown',
        ...body,
        dismissedAt: Date.now(),
        dismissedBy: 'm1',
      };
      state.dismissals = [
        ...state.dismissals.filter((d) => d.findingId !== params.id),
        { ...dismissal, dismissedByName: 'Ann Owner', title: finding?.title ?? null },
      ];
      return dismissal;
    }),
    fakeRoute(contract.findings.dismissed, () => ({ dismissals: state.dismissals })),
    fakeRoute(contract.findings.undismiss, ({ params }) => {
      const before = state.dismissals.length;
      state.dismissals = state.dismissals.filter((d) => d.findingId !== params.id);
      if (state.dismissals.length === before) return problem(404, 'No dismissal in force for this finding');
      return null;
    }),
    ...routes,
  ];

  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (state.down) throw new TypeError('Failed to fetch');
    const url = new URL(String(input));
    const found = operationOf(init.method ?? 'GET', url.pathname);
    const route = found && served.find((r) => r.operation === found.operation);
    if (!found || !route) return problem(404, `No route for ${init.method ?? 'GET'} ${url.pathname}.`);
    const { operation } = found;
    const auth = new Headers(init.headers).get('authorization');
    if (operation.roles !== 'public' && auth !== `Bearer ${accessToken}`)
      return problem(401, 'Sign-in required');
    const params = parsePart('params', operation.params, found.params);
    if (!params.ok) return params.response;
    const query = parsePart('query', operation.query, Object.fromEntries(url.searchParams));
    if (!query.ok) return query.response;
    const body = parsePart('body', operation.body, init.body ? JSON.parse(String(init.body)) : undefined);
    if (!body.ok) return body.response;
    const answer = await route.answer({ params: params.data, query: query.data, body: body.data });
    if (answer instanceof Response) return answer;
    // The fake is held to the contract too: an answer that does not fit it is a broken fake, and
    // says so (a thrown error would reach the client as "unreachable").
    const { status, spec } = successOf(operation);
    if (status === 204) return new Response(null, { status });
    const checked = spec.schema?.safeParse(answer);
    if (checked && !checked.success)
      return problem(
        500,
        `The fake's answer to ${operation.path} does not fit the contract: ${checked.error.message}`,
      );
    return json(answer, status);
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
