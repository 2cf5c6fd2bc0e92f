import { and, eq, sql } from 'drizzle-orm';
import {
  type AccountState,
  planReconcile,
  type ReconcilePlan,
} from '../../../shared/directory/reconcile-snapshot';
import type { Snapshot, SnapshotDiff } from '../../../shared/schemas/directory-input';
import { accounts, people } from '../db/schema';
import {
  batchGuard,
  type Db,
  isGuardFailure,
  jsonChunks,
  reservedVersionSql,
  reserveVersions,
  toStatement,
  type Write,
} from '../db/versions';
import { toAccount } from './rows';
import { systemsQueries } from './systems-queries';

/**
 * Reads what a reconcile needs and plans it. The returned write starts with a guard that fails the
 * whole batch if the system's accounts changed after they were read (another snapshot, an edit), so
 * a plan is never applied to rows it did not see; `isStaleSnapshotError` tells the caller to re-plan.
 */
export async function planSnapshotWrite(
  db: Db,
  orgId: string,
  systemId: string,
  snapshot: Snapshot,
  now = Date.now(),
): Promise<{ plan: ReconcilePlan; write: Write<SnapshotDiff> }> {
  const system = await systemsQueries.get(db, orgId, systemId);
  const [accountRows, personRows] = await db.batch([
    db
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), eq(accounts.systemId, systemId))),
    db
      .select({ id: people.id, name: people.name, email: people.email, deleted: people.deleted })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.deleted, false))),
  ]);
  const capturedAt = snapshot.capturedAt ?? now;
  const plan = planReconcile({
    system,
    accounts: accountRows.map(toAccount),
    people: personRows,
    snapshot,
    capturedAt,
    newId: () => crypto.randomUUID(),
  });
  const fingerprint = `${accountRows.length}:${Math.max(0, ...accountRows.map((row) => row.version))}`;
  return { plan, write: reconcileStatements(db, orgId, systemId, plan, fingerprint, now) };
}

/** Whether a snapshot's write failed on its guard: the accounts changed since they were read. */
export function isStaleSnapshotError(error: unknown): boolean {
  return isGuardFailure(error);
}

const field = (name: keyof AccountState | 'deleted') => sql.raw(`json_extract(j.value, '$.${name}')`);

function reconcileStatements(
  db: Db,
  orgId: string,
  systemId: string,
  plan: ReconcilePlan,
  fingerprint: string,
  now: number,
): Write<SnapshotDiff> {
  const fresh = [...plan.inserts];
  const rewritten = [...plan.revives, ...plan.updates];
  const count = fresh.length + rewritten.length;
  const statements: Write<SnapshotDiff>['statements'] = [
    batchGuard(
      db,
      sql`(SELECT count(*) || ':' || coalesce(max(version), 0) FROM accounts
      WHERE system_id = ${systemId}) = ${fingerprint}`,
    ),
  ];
  if (count > 0) statements.push(reserveVersions(db, orgId, count));
  for (const chunk of jsonChunks(fresh)) {
    statements.push(
      toStatement(
        db,
        sql`INSERT INTO accounts (id, org_id, system_id, username, display_name, email, status, permissions,
          owner_person_id, user_person_ids, last_sign_in_at, first_seen_at, last_seen_at, version, deleted, updated_at)
        SELECT ${field('id')}, ${orgId}, ${systemId}, ${field('username')}, ${field('displayName')}, ${field('email')},
          ${field('status')}, ${field('permissions')}, ${field('ownerPersonId')}, '[]', ${field('lastSignInAt')},
          ${field('firstSeenAt')}, ${field('lastSeenAt')},
          ${reservedVersionSql(orgId, count, sql`j.key + ${chunk.offset}`)}, 0, ${now}
        FROM json_each(${chunk.json}) AS j`,
      ),
    );
  }
  for (const chunk of jsonChunks(rewritten)) {
    statements.push(
      toStatement(
        db,
        sql`UPDATE accounts SET username = ${field('username')}, display_name = ${field('displayName')},
          email = ${field('email')}, status = ${field('status')}, permissions = ${field('permissions')},
          owner_person_id = ${field('ownerPersonId')}, last_sign_in_at = ${field('lastSignInAt')},
          first_seen_at = ${field('firstSeenAt')}, last_seen_at = ${field('lastSeenAt')}, deleted = 0,
          version = ${reservedVersionSql(orgId, count, sql`j.key + ${fresh.length + chunk.offset}`)},
          updated_at = ${now}
        FROM json_each(${chunk.json}) AS j
        WHERE accounts.id = ${field('id')} AND +accounts.org_id = ${orgId}`,
      ),
    );
  }
  if (plan.seen.length > 0) {
    for (const chunk of jsonChunks(plan.seen)) {
      statements.push(
        toStatement(
          db,
          sql`UPDATE accounts SET last_seen_at = ${plan.capturedAt}
          WHERE +org_id = ${orgId} AND id IN (SELECT value FROM json_each(${chunk.json}))`,
        ),
      );
    }
  }
  return { statements, read: () => plan.diff };
}
