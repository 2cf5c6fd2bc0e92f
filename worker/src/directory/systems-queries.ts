import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { System } from '../../../shared/schemas/directory';
import type { CreateSystem, ListQuery, UpdateSystem } from '../../../shared/schemas/directory-input';
import { accounts, jobRoles, systems } from '../db/schema';
import {
  type Db,
  reservedVersion,
  reservedVersionSql,
  reserveVersions,
  returnedRow,
  toStatement,
  type Write,
} from '../db/versions';
import { ProblemError } from '../http/problem';
import { findLiveRow } from './live-row';
import { afterCursor, toPage } from './page-cursor';
import { toSystem } from './rows';

export async function listSystems(db: Db, orgId: string, query: ListQuery) {
  const conditions: SQL[] = [eq(systems.orgId, orgId), eq(systems.deleted, false)];
  const after = afterCursor(systems.name, systems.id, query.cursor);
  if (after) conditions.push(after);
  const rows = await db
    .select()
    .from(systems)
    .where(and(...conditions))
    .orderBy(asc(systems.name), asc(systems.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => [row.name, row.id], toSystem);
}

export async function findSystem(db: Db, orgId: string, id: string): Promise<System | undefined> {
  const row = await findLiveRow(db, systems, orgId, id);
  return row ? toSystem(row) : undefined;
}

export async function getSystem(db: Db, orgId: string, id: string): Promise<System> {
  const system = await findSystem(db, orgId, id);
  if (!system) throw new ProblemError(404, 'No such system.');
  return system;
}

/** All live systems of the organisation by id: a firm has a handful, so one small read. */
export async function systemsById(db: Db, orgId: string): Promise<Map<string, System>> {
  const rows = await db
    .select()
    .from(systems)
    .where(and(eq(systems.orgId, orgId), eq(systems.deleted, false)));
  return new Map(rows.map((row) => [row.id, toSystem(row)]));
}

async function checkIdFree(db: Db, id: string | undefined) {
  if (!id) return;
  const [row] = await db.select({ id: systems.id }).from(systems).where(eq(systems.id, id));
  if (row) throw new ProblemError(409, `The id ${id} is taken.`, [{ field: 'body.id', message: 'id taken' }]);
}

export async function createSystem(
  db: Db,
  orgId: string,
  input: CreateSystem,
  now = Date.now(),
): Promise<Write<System>> {
  await checkIdFree(db, input.id);
  return {
    statements: [
      reserveVersions(db, orgId, 1),
      toStatement(
        db,
        db
          .insert(systems)
          .values({
            id: input.id ?? crypto.randomUUID(),
            orgId,
            name: input.name,
            adminUrlPatterns: input.adminUrlPatterns,
            signInUrlPatterns: input.signInUrlPatterns,
            permissions: input.permissions,
            version: reservedVersion(orgId, 1, 0),
            updatedAt: now,
          })
          .returning(),
      ),
    ],
    read: (results) => toSystem(returnedRow(systems, results, 1)),
  };
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

export async function updateSystem(
  db: Db,
  orgId: string,
  id: string,
  input: UpdateSystem,
  now = Date.now(),
): Promise<{ before: System; write: Write<System> }> {
  const before = await getSystem(db, orgId, id);
  await checkCatalogueShrink(db, orgId, before, input.permissions);
  return {
    before,
    write: {
      statements: [
        reserveVersions(db, orgId, 1),
        toStatement(
          db,
          db
            .update(systems)
            .set({ ...input, version: reservedVersion(orgId, 1, 0), updatedAt: now })
            .where(and(eq(systems.orgId, orgId), eq(systems.id, id), eq(systems.deleted, false)))
            .returning(),
        ),
      ],
      read: (results) => toSystem(returnedRow(systems, results, 1)),
    },
  };
}

/** Deletes a system and, with it, its accounts: each gets a tombstone that sync passes on. */
export async function deleteSystem(
  db: Db,
  orgId: string,
  id: string,
  now = Date.now(),
): Promise<{ before: System; write: Write<{ deletedAccounts: number }> }> {
  const before = await getSystem(db, orgId, id);
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), eq(accounts.systemId, id), eq(accounts.deleted, false)));
  const accountIds = rows.map((row) => row.id);
  const count = accountIds.length + 1;
  return {
    before,
    write: {
      statements: [
        reserveVersions(db, orgId, count),
        toStatement(
          db,
          db
            .update(systems)
            .set({ deleted: true, version: reservedVersion(orgId, count, 0), updatedAt: now })
            .where(and(eq(systems.orgId, orgId), eq(systems.id, id))),
        ),
        toStatement(
          db,
          sql`UPDATE accounts SET deleted = 1, updated_at = ${now},
          version = ${reservedVersionSql(orgId, count, sql`j.key + 1`)}
          FROM json_each(${JSON.stringify(accountIds)}) AS j
          WHERE accounts.id = j.value AND +accounts.org_id = ${orgId}`,
        ),
      ],
      read: () => ({ deletedAccounts: accountIds.length }),
    },
  };
}
