import { and, asc, eq, gt } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import type { SyncChange, SyncPull } from '../../../shared/schemas/directory-input';
import { accounts, jobRoles, people, systems } from '../db/schema';
import type { Db } from '../db/versions';
import { toAccount, toJobRole, toPerson, toSystem } from '../directory/rows';

/**
 * The changes since a cursor, oldest first, one page at a time. Each synced table is read from its
 * (org_id, version) index starting after the cursor, at most `limit + 1` rows each, in one batch:
 * the rows read follow the number of changes, never the size of the organisation. Versions are
 * unique within an organisation, so the cursor is simply the last version handed out. The reads are
 * the route's first read; `pullOf` answers from their rows.
 */
export function pullReads(db: Db, orgId: string, since: number, limit: number) {
  const take = limit + 1;
  return [
    db
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), gt(people.version, since)))
      .orderBy(asc(people.version))
      .limit(take),
    db
      .select()
      .from(systems)
      .where(and(eq(systems.orgId, orgId), gt(systems.version, since)))
      .orderBy(asc(systems.version))
      .limit(take),
    db
      .select()
      .from(jobRoles)
      .where(and(eq(jobRoles.orgId, orgId), gt(jobRoles.version, since)))
      .orderBy(asc(jobRoles.version))
      .limit(take),
    db
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), gt(accounts.version, since)))
      .orderBy(asc(accounts.version))
      .limit(take),
  ] as const;
}

/** The page of changes since `since` from the rows of `pullReads`. */
export function pullOf(
  [personRows, systemRows, roleRows, accountRows]: BatchResponse<ReturnType<typeof pullReads>>,
  since: number,
  limit: number,
): SyncPull {
  const all: SyncChange[] = [
    ...personRows.map((row) => ({ entity: 'person' as const, row: toPerson(row) })),
    ...systemRows.map((row) => ({ entity: 'system' as const, row: toSystem(row) })),
    ...roleRows.map((row) => ({ entity: 'jobRole' as const, row: toJobRole(row) })),
    ...accountRows.map((row) => ({ entity: 'account' as const, row: toAccount(row) })),
  ].sort((a, b) => a.row.version - b.row.version);
  const changes = all.slice(0, limit);
  return { changes, cursor: changes.at(-1)?.row.version ?? since, more: all.length > limit };
}

/** The page of changes since `since` (`pullReads`, read on their own). */
export async function pullChanges(db: Db, orgId: string, since: number, limit: number): Promise<SyncPull> {
  return pullOf(await db.batch(pullReads(db, orgId, since, limit)), since, limit);
}
