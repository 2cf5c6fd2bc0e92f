import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { DismissedFinding } from '../../../shared/schemas/findings-api';
import type { Database } from '../db/client';
import { findingDismissals, findings, members } from '../db/schema';

type Dismissal = Omit<typeof findingDismissals.$inferInsert, 'orgId'>;

/** Accepts a finding's risk until the dismissal expires; a new dismissal replaces the last. */
export function dismissFindingStatement(db: Database, orgId: string, dismissal: Dismissal) {
  return db
    .insert(findingDismissals)
    .values({ orgId, ...dismissal })
    .onConflictDoUpdate({ target: [findingDismissals.orgId, findingDismissals.findingId], set: dismissal });
}

/** The dismissal of a finding still in force at `now` (not expired), if any. */
export async function activeDismissal(db: Database, orgId: string, findingId: string, now: number) {
  const [row] = await db
    .select()
    .from(findingDismissals)
    .where(
      and(
        eq(findingDismissals.orgId, orgId),
        eq(findingDismissals.findingId, findingId),
        gt(findingDismissals.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row) return null;
  const { orgId: _, ...dismissal } = row;
  return dismissal;
}

/**
 * Takes back this very dismissal: one replaced meanwhile by a newer one (same finding, another
 * `dismissedAt`) stays.
 */
export function undismissFindingStatement(
  db: Database,
  orgId: string,
  findingId: string,
  dismissedAt: number,
) {
  return db
    .delete(findingDismissals)
    .where(
      and(
        eq(findingDismissals.orgId, orgId),
        eq(findingDismissals.findingId, findingId),
        eq(findingDismissals.dismissedAt, dismissedAt),
      ),
    );
}

/**
 * The firm's dismissals in force at `now`, latest first, with who made each and the title of the
 * finding each hides (null once the finding is gone or its evidence changed). Call
 * `refreshFindings` first.
 */
export async function dismissalsInForce(
  db: Database,
  orgId: string,
  now: number,
): Promise<DismissedFinding[]> {
  const rows = await db
    .select({
      dismissal: findingDismissals,
      dismissedByName: members.name,
      title: sql<string | null>`(SELECT ${findings.body} ->> '$.title' FROM ${findings}
        WHERE ${findings.orgId} = ${orgId} AND ${findings.id} = ${findingDismissals.findingId}
          AND ${findings.fingerprint} = ${findingDismissals.fingerprint} LIMIT 1)`,
    })
    .from(findingDismissals)
    .leftJoin(members, eq(members.id, findingDismissals.dismissedBy))
    .where(and(eq(findingDismissals.orgId, orgId), gt(findingDismissals.expiresAt, now)))
    .orderBy(desc(findingDismissals.dismissedAt));
  return rows.map(({ dismissal: { orgId: _, ...dismissal }, dismissedByName, title }) => ({
    ...dismissal,
    dismissedByName: dismissedByName ?? 'A former member',
    title,
  }));
}
