import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { notifications } from '../db/schema';
import { inJson } from '../db/versions';

/** The newest notifications (all, read or unread) and how many are unread, in one round trip. */
export async function listNotifications(
  db: Database,
  orgId: string,
  { unread, limit }: { unread?: boolean; limit: number },
) {
  const conditions: SQL[] = [eq(notifications.orgId, orgId)];
  if (unread === true) conditions.push(isNull(notifications.readAt));
  if (unread === false) conditions.push(sql`${notifications.readAt} IS NOT NULL`);
  const [rows, [count]] = await db.batch([
    db
      .select()
      .from(notifications)
      .where(and(...conditions))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
    db
      .select({ unread: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.orgId, orgId), isNull(notifications.readAt))),
  ]);
  return { rows, unread: Number(count?.unread ?? 0) };
}

/** Marks the named notifications (or all) read, returning the ids it marked. */
export function markReadStatement(db: Database, orgId: string, ids: readonly string[] | 'all', now: number) {
  const which = ids === 'all' ? sql`1` : inJson(notifications.id, ids);
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.orgId, orgId), isNull(notifications.readAt), which))
    .returning({ id: notifications.id });
}
