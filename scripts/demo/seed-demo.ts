import { type Send, seedFirm } from '../lib/seed-firm.ts';
import {
  DEFAULT_DEMO_PAGE_ORIGIN,
  demoAccounts,
  demoAdminPattern,
  demoFirm,
  demoPeople,
  demoRoles,
  demoSystems,
} from './demo-firm.ts';

/** The demo firm's owner: the practice manager signs in to Rollcall as herself. */
export const DEMO_OWNER = {
  name: 'Grace Mensah',
  email: 'grace.mensah@harbourvale.example',
  password: 'tidal compass ledger 58',
};

/**
 * Creates the demo firm through the worker's own API (see seedFirm). `pageOrigin` is where the demo
 * CaseLedger staff list is served, so the demo system's admin-page pattern covers it.
 */
export function seedDemoFirm(
  send: Send,
  baseUrl: string,
  { pageOrigin = DEFAULT_DEMO_PAGE_ORIGIN, now = Date.now() }: { pageOrigin?: string; now?: number } = {},
) {
  return seedFirm(
    send,
    baseUrl,
    {
      name: demoFirm.name,
      owner: DEMO_OWNER,
      systems: demoSystems(pageOrigin),
      roles: demoRoles,
      people: demoPeople,
      accounts: demoAccounts,
    },
    now,
  );
}

/**
 * A database seeded on an earlier run may have served the demo page on another port: points the
 * demo CaseLedger's admin pages at `pageOrigin`, signed in as the demo owner. Answers what it did;
 * a database without the demo firm (or whose owner changed the password) is left alone.
 */
export async function pointDemoSystemAt(
  send: Send,
  baseUrl: string,
  pageOrigin: string,
): Promise<'pointed' | 'already' | 'no-demo-firm'> {
  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    send(
      new Request(`${baseUrl}/api/v1${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  const login = await call('POST', '/auth/login', null, {
    email: DEMO_OWNER.email,
    password: DEMO_OWNER.password,
  });
  if (!login.ok) return 'no-demo-firm';
  const { accessToken } = (await login.json()) as { accessToken: string };
  const listed = await call('GET', '/systems?limit=100', accessToken);
  if (!listed.ok) throw new Error(`GET /systems answered ${listed.status}: ${await listed.text()}`);
  const { items } = (await listed.json()) as {
    items: { id: string; name: string; adminUrlPatterns: string[] }[];
  };
  const caseLedger = items.find((system) => system.name === 'CaseLedger');
  if (!caseLedger) return 'no-demo-firm';
  const pattern = demoAdminPattern(pageOrigin);
  if (caseLedger.adminUrlPatterns.includes(pattern)) return 'already';
  // The demo page's earlier addresses go; any pattern an admin added elsewhere stays.
  const others = caseLedger.adminUrlPatterns.filter((p) => !p.endsWith('/caseledger/admin/*'));
  const changed = await call('PATCH', `/systems/${caseLedger.id}`, accessToken, {
    adminUrlPatterns: [pattern, ...others],
  });
  if (!changed.ok) throw new Error(`PATCH /systems answered ${changed.status}: ${await changed.text()}`);
  return 'pointed';
}
