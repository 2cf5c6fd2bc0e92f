const DAY = 86_400_000;

/** A member of staff; `key` is how the firm's accounts name them. */
export type SeedPerson = {
  key: string;
  name: string;
  email: string;
  role: string;
  startedDaysAgo: number;
  leftDaysAgo?: number;
  leaveReason?: string;
};

/** A back-office system; `key` is how job roles and accounts name it. */
export type SeedSystem = {
  key: string;
  name: string;
  adminUrlPatterns: string[];
  signInUrlPatterns: string[];
  permissions: { name: string; label: string; privileged?: boolean }[];
};

/** A login in one system: its owner and other users by person key, dates as days ago. */
export type SeedAccount = {
  system: string;
  username: string;
  displayName: string;
  owner?: string;
  users?: string[];
  permissions: string[];
  status?: 'active' | 'disabled';
  lastSignInDaysAgo?: number;
  createdDaysAgo: number;
};

/** A whole firm to create: its owner (who signs up), systems, job roles, people and logins. */
export type FirmSeed = {
  name: string;
  owner: { name: string; email: string; password: string };
  /**
   * Whether owners and admins must sign in with a second factor. Off unless said: a seeded firm's
   * owner signs in with the password printed for them, and can turn it on afterwards.
   */
  secondFactorRequired?: boolean;
  systems: SeedSystem[];
  /** Least-privilege templates: for each role, by system key, what the role needs. */
  roles: Record<string, Record<string, string[]>>;
  people: SeedPerson[];
  accounts: SeedAccount[];
};

export type Send = (request: Request) => Promise<Response>;

/**
 * Creates a firm through the worker's own API — sign-up, then systems, job roles, people, leavers
 * and accounts — so the data passes the same validation and lands in the same audit trail as
 * anything an admin does. `send` is `fetch` against a running worker, or the worker's own fetch
 * handler in tests. Dates are days before `now`, so the firm shows the same warnings whenever it is made.
 */
export async function seedFirm(send: Send, baseUrl: string, firm: FirmSeed, now = Date.now()) {
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
    if (!id) throw new Error(`the firm's data names an unknown key: ${key}`);
    return id;
  };
  const daysAgo = (days: number) => now - days * DAY;
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  const signedUp = await call<{ accessToken: string; organisation: { id: string } }>('POST', '/auth/signup', {
    organisationName: firm.name,
    ...firm.owner,
    secondFactorRequired: firm.secondFactorRequired ?? false,
  }).catch((error) => {
    throw new Error(`could not sign up ${firm.name}: ${error.message}`);
  });
  token = signedUp.accessToken;

  const systemIds = new Map<string, string>();
  for (const { key, ...system } of firm.systems) {
    systemIds.set(key, (await call('POST', '/systems', system)).id);
  }
  const roleIds = new Map<string, string>();
  for (const [name, bySystem] of Object.entries(firm.roles)) {
    const permissions = Object.fromEntries(
      Object.entries(bySystem).map(([key, names]) => [lookup(systemIds, key), names]),
    );
    roleIds.set(name, (await call('POST', '/roles', { name, permissions })).id);
  }
  const personIds = new Map<string, string>();
  for (const person of firm.people) {
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
  for (const account of firm.accounts) {
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
