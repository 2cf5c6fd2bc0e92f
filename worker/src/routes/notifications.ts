import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { notifications } from '../db/schema';
import { inJson } from '../db/versions';
import { handlers } from '../http/route';

/** What the daily check recorded: shared by the organisation's members, read by anyone of them. */
export const notificationsRoutes = handlers(contract.notifications, {
  list: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const { unread, limit } = c.req.valid('query');
    const conditions = [eq(notifications.orgId, orgId)];
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
    return c.json({
      notifications: rows.map(({ orgId: _, key: __, webhookSentAt: ___, ...row }) => row),
      unread: Number(count?.unread ?? 0),
    });
  },
  markRead: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const input = c.req.valid('json');
    const which = 'ids' in input ? inJson(notifications.id, input.ids) : sql`1`;
    const [rows] = await writeAudited(
      db,
      memberActor(c),
      [
        db
          .update(notifications)
          .set({ readAt: Date.now() })
          .where(and(eq(notifications.orgId, orgId), isNull(notifications.readAt), which))
          .returning({ id: notifications.id }),
      ],
      [
        {
          action: 'notification.read',
          targetType: 'notification',
          targetId: 'ids' in input ? null : 'all',
          after: 'ids' in input ? { ids: input.ids } : { all: true },
        },
      ],
    );
    return c.json({ marked: rows.length });
  },
});
