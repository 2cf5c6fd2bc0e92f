import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { listNotifications, markReadStatement } from '../daily-check/notifications-queries';
import { database } from '../db/client';
import { handlers } from '../http/route';

/** What the daily check recorded: shared by the organisation's members, read by anyone of them. */
export const notificationsRoutes = handlers(contract.notifications, {
  list: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const { rows, unread } = await listNotifications(db, orgId, c.req.valid('query'));
    return c.json({
      notifications: rows.map(({ orgId: _, key: __, webhookSentAt: ___, ...row }) => row),
      unread,
    });
  },
  markRead: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const input = c.req.valid('json');
    const [rows] = await writeAudited(
      db,
      memberActor(c),
      [markReadStatement(db, orgId, 'ids' in input ? input.ids : 'all', Date.now())],
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
