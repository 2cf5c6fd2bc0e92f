import {
  listNotificationsQuerySchema,
  markReadResultSchema,
  markReadSchema,
  notificationListSchema,
} from '../schemas/reviews';
import { READERS } from './access';
import { operations } from './operation';

export const notifications = operations('Notifications', {
  list: {
    method: 'get',
    path: '/api/v1/notifications',
    summary: 'Notifications of the daily check, newest first, and the unread count for the badge',
    roles: READERS,
    query: listNotificationsQuerySchema,
    responses: { 200: { description: 'Notifications', schema: notificationListSchema } },
  },
  markRead: {
    method: 'post',
    path: '/api/v1/notifications/read',
    summary: 'Mark notifications read: some by id, or all',
    roles: READERS,
    body: markReadSchema,
    responses: { 200: { description: 'How many were marked', schema: markReadResultSchema } },
  },
});
