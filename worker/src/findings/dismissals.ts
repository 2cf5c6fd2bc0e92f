import { and, eq, gt } from 'drizzle-orm';
import type { Database } from '../db/client';
import { findingDismissals } from '../db/schema';

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
