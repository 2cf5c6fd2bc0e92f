import { DEMO_DAY_MS, demoAccounts, demoFirm, demoPeople, demoRoles, demoSystems } from './demo-firm.ts';

export const DEMO_ORG_ID = 'demo-harbour-vale';

function quote(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${value.replaceAll("'", "''")}'`;
}

function insert(table: string, row: Record<string, string | number | boolean | null | undefined>): string {
  const columns = Object.keys(row);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => quote(row[c])).join(', ')});`;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const json = (value: unknown) => JSON.stringify(value);

/**
 * SQL that creates the demo firm, with ids derived from the demo data so the same rows are made
 * every time. Every synced row takes the next version of the organisation's counter.
 */
export function demoSeedSql(now = Date.now()): string {
  const daysAgo = (days: number) => now - days * DEMO_DAY_MS;
  const roleIds = new Map(
    Object.keys(demoRoles).map((name) => [name, `demo-role-${name.toLowerCase().replaceAll(' ', '-')}`]),
  );
  const systemIds = new Map(demoSystems.map((system) => [system.key, `demo-system-${system.key}`]));
  const personIds = new Map(demoPeople.map((person) => [person.key, `demo-person-${person.key}`]));
  const lookup = (ids: Map<string, string>, key: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`demo data names an unknown key: ${key}`);
    return id;
  };

  let version = 0;
  const sync = () => ({ version: ++version, deleted: false, updated_at: now });
  const statements: string[] = [];

  for (const system of demoSystems) {
    statements.push(
      insert('systems', {
        id: lookup(systemIds, system.key),
        org_id: DEMO_ORG_ID,
        name: system.name,
        admin_url_patterns: json(system.adminUrlPatterns),
        sign_in_url_patterns: json(system.signInUrlPatterns),
        permissions: json(system.permissions),
        ...sync(),
      }),
    );
  }
  for (const [name, bySystemKey] of Object.entries(demoRoles)) {
    const permissions = Object.fromEntries(
      Object.entries(bySystemKey).map(([key, names]) => [lookup(systemIds, key), names]),
    );
    statements.push(
      insert('job_roles', {
        id: lookup(roleIds, name),
        org_id: DEMO_ORG_ID,
        name,
        permissions: json(permissions),
        ...sync(),
      }),
    );
  }
  for (const person of demoPeople) {
    const left = person.leftDaysAgo !== undefined;
    statements.push(
      insert('people', {
        id: lookup(personIds, person.key),
        org_id: DEMO_ORG_ID,
        name: person.name,
        email: person.email,
        job_role_id: lookup(roleIds, person.role),
        start_date: isoDate(daysAgo(person.startedDaysAgo)),
        end_date: left ? isoDate(daysAgo(person.leftDaysAgo ?? 0)) : null,
        leave_reason: person.leaveReason ?? null,
        status: left ? 'leaver' : 'active',
        ...sync(),
      }),
    );
  }
  for (const account of demoAccounts) {
    const created = daysAgo(account.createdDaysAgo);
    statements.push(
      insert('accounts', {
        id: `demo-account-${account.system}-${account.username.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        org_id: DEMO_ORG_ID,
        system_id: lookup(systemIds, account.system),
        username: account.username,
        display_name: account.displayName,
        status: account.status ?? 'active',
        permissions: json(account.permissions),
        owner_person_id: account.owner ? lookup(personIds, account.owner) : null,
        user_person_ids: json((account.users ?? []).map((key) => lookup(personIds, key))),
        last_sign_in_at: account.lastSignInDaysAgo === undefined ? null : daysAgo(account.lastSignInDaysAgo),
        system_created_at: created,
        first_seen_at: created,
        last_seen_at: now,
        ...sync(),
      }),
    );
  }
  // The organisation goes first (rows reference it) and carries the counter the rows used.
  return [
    insert('organisations', { id: DEMO_ORG_ID, name: demoFirm.name, version_counter: version }),
    ...statements,
  ].join('\n');
}
