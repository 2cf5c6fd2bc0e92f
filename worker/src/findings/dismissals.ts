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
