import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  listNotificationsQuerySchema,
  markReadResultSchema,
  markReadSchema,
  notificationListSchema,
} from '../../../shared/schemas/reviews';
import type { AppEnv } from '../app-env';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { notifications } from '../db/schema';
import { inJson } from '../db/versions';
import { routeGroup } from '../http/route';
import { READERS } from './directory-access';

const api = routeGroup('/api/v1/notifications', 'Notifications');

/** What the daily check recorded: shared by the organisation's members, read by anyone of them. */
export const notificationsApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'Notifications of the daily check, newest first, and the unread count for the badge',
      roles: READERS,
      query: listNotificationsQuerySchema,
      responses: { 200: { description: 'Notifications', schema: notificationListSchema } },
    }),
    async (c) => {
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
  )
  .post(
    '/read',
    api.route({
      method: 'post',
      path: '/read',
      summary: 'Mark notifications read: some by id, or all',
      roles: READERS,
      body: markReadSchema,
      responses: { 200: { description: 'How many were marked', schema: markReadResultSchema } },
    }),
    async (c) => {
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
  );
