import { and, eq, sql } from 'drizzle-orm';
import type { System } from '../../../shared/schemas/directory';
import type { CreateSystem, ListQuery, UpdateSystem } from '../../../shared/schemas/directory-input';
import { accounts, jobRoles, systems } from '../db/schema';
import { type Db, reservedVersionSql } from '../db/versions';
import { ProblemError } from '../http/problem';
import { directoryResource } from './directory-resource';
import { toSystem } from './rows';

/** All live systems of the organisation by id: a firm has a handful, so one small read. */
export async function systemsById(db: Db, orgId: string): Promise<Map<string, System>> {
  const rows = await db
    .select()
    .from(systems)
    .where(and(eq(systems.orgId, orgId), eq(systems.deleted, false)));
  return new Map(rows.map((row) => [row.id, toSystem(row)]));
}

/**
 * A permission may leave the catalogue only when no account holds it and no job role grants it:
 * otherwise those would name a permission the system no longer knows.
 */
async function checkCatalogueShrink(
  db: Db,
  orgId: string,
  system: System,
  next: UpdateSystem['permissions'],
) {
  if (!next) return;
  const keep = new Set(next.map((permission) => permission.name));
  const dropped = system.permissions.filter((permission) => !keep.has(permission.name)).map((p) => p.name);
  if (dropped.length === 0) return;
  const held = await db.all<{ name: string }>(sql`
    SELECT DISTINCT p.value AS name FROM ${accounts}, json_each(${accounts.permissions}) AS p
    WHERE ${accounts.orgId} = ${orgId} AND ${accounts.systemId} = ${system.id} AND ${accounts.deleted} = 0
      AND ${accounts.status} != 'removed' AND p.value IN (SELECT value FROM json_each(${JSON.stringify(dropped)}))
    UNION
    SELECT DISTINCT p.value AS name FROM ${jobRoles}, json_each(${jobRoles.permissions}, ${`$."${system.id}"`}) AS p
    WHERE ${jobRoles.orgId} = ${orgId} AND ${jobRoles.deleted} = 0
      AND p.value IN (SELECT value FROM json_each(${JSON.stringify(dropped)}))`);
  if (held.length > 0) {
    const names = held.map((row) => row.name).sort();
    throw new ProblemError(409, `Accounts or job roles still use ${names.join(', ')}.`, [
      { field: 'body.permissions', message: `still in use: ${names.join(', ')}` },
    ]);
  }
}

/**
 * The systems whose accounts Rollcall keeps. A system's own differences: its permission catalogue
 * may lose a permission only when nothing uses it, and deleting it deletes its accounts.
 */
export const systemsQueries = directoryResource({
  table: systems,
  label: 'system',
  sortBy: 'name',
  show: toSystem,
  filters: (_query: ListQuery) => [],
  insert: (input: CreateSystem) => ({
    name: input.name,
    adminUrlPatterns: input.adminUrlPatterns,
    signInUrlPatterns: input.signInUrlPatterns,
    userPageUrl: input.userPageUrl ?? null,
    permissions: input.permissions,
  }),
  checkUpdate: (db, orgId, before, input: UpdateSystem) =>
    checkCatalogueShrink(db, orgId, before, input.permissions),
  cascade: {
    rows: async (db, orgId, id) => {
      const rows = await db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.orgId, orgId), eq(accounts.systemId, id), eq(accounts.deleted, false)));
      return rows.map((row) => row.id);
    },
    statement: (orgId, _id, accountIds, count, now) =>
      sql`UPDATE accounts SET deleted = 1, updated_at = ${now},
          version = ${reservedVersionSql(orgId, count, sql`j.key + 1`)}
          FROM json_each(${JSON.stringify(accountIds)}) AS j
          WHERE accounts.id = j.value AND +accounts.org_id = ${orgId}`,
  },
});
