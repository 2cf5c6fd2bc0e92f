import { DEMO_DAY_MS, demoAccounts, demoFirm, demoPeople, demoRoles, demoSystems } from './demo-firm.ts';

/** The demo firm's owner: the practice manager signs in to Rollcall as herself. */
export const DEMO_OWNER = {
  name: 'Grace Mensah',
  email: 'grace.mensah@harbourvale.example',
  password: 'tidal compass ledger 58',
};

type Send = (request: Request) => Promise<Response>;

/**
 * Creates the demo firm through the worker's own API — sign-up, then systems, job roles, people,
 * a leaver and accounts — so the demo data passes the same validation and lands in the same audit
 * trail as anything an admin does. `send` is `fetch` against a running worker, or the worker's own
 * fetch handler in tests.
 */
export async function seedDemoFirm(send: Send, baseUrl: string, now = Date.now()) {
  let token = '';
  async function call<T = { id: string }>(method: string, path: string, body: unknown): Promise<T> {
    const response = await send(
      new Request(`${baseUrl}/api/v1${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      }),
    );
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  const lookup = (ids: Map<string, string>, key: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`the demo data names an unknown key: ${key}`);
    return id;
  };
  const daysAgo = (days: number) => now - days * DEMO_DAY_MS;
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  const signedUp = await call<{ accessToken: string; organisation: { id: string } }>('POST', '/auth/signup', {
    organisationName: demoFirm.name,
    ...DEMO_OWNER,
  }).catch((error) => {
    throw new Error(`could not sign up the demo firm: ${error.message}`);
  });
  token = signedUp.accessToken;

  const systemIds = new Map<string, string>();
  for (const { key, ...system } of demoSystems) {
    systemIds.set(key, (await call('POST', '/systems', system)).id);
  }
  const roleIds = new Map<string, string>();
  for (const [name, bySystem] of Object.entries(demoRoles)) {
    const permissions = Object.fromEntries(
      Object.entries(bySystem).map(([key, names]) => [lookup(systemIds, key), names]),
    );
    roleIds.set(name, (await call('POST', '/roles', { name, permissions })).id);
  }
  const personIds = new Map<string, string>();
  for (const person of demoPeople) {
    const created = await call('POST', '/people', {
      name: person.name,
      email: person.email,
      jobRoleId: lookup(roleIds, person.role),
      startDate: isoDate(daysAgo(person.startedDaysAgo)),
    });
    personIds.set(person.key, created.id);
    if (person.leftDaysAgo !== undefined) {
      await call('POST', `/people/${created.id}/leave`, {
        endDate: isoDate(daysAgo(person.leftDaysAgo)),
        reason: person.leaveReason ?? 'Left the firm',
      });
    }
  }
  for (const account of demoAccounts) {
    await call('POST', '/accounts', {
      systemId: lookup(systemIds, account.system),
      username: account.username,
      displayName: account.displayName,
      status: account.status ?? 'active',
      permissions: account.permissions,
      ownerPersonId: account.owner ? lookup(personIds, account.owner) : null,
      userPersonIds: (account.users ?? []).map((key) => lookup(personIds, key)),
      lastSignInAt: account.lastSignInDaysAgo === undefined ? null : daysAgo(account.lastSignInDaysAgo),
      systemCreatedAt: daysAgo(account.createdDaysAgo),
    });
  }
  return { organisationId: signedUp.organisation.id };
}
