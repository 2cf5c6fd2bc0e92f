import type { z } from 'zod';
import {
  type Campaign,
  campaignListSchema,
  checklistListSchema,
  type DecideItem,
  markReadResultSchema,
  type Notification,
  notificationListSchema,
  type ReviewItem,
  reviewItemPageSchema,
  reviewItemSchema,
  type Todo,
  todoPageSchema,
  todoSchema,
} from '../../shared/schemas/reviews';
import type { onMessage } from './messaging';
import { type ApiClient, ApiError } from './sync/api-client';
import { unreadNotificationsItem } from './sync/sync-store';

/**
 * Access reviews, follow-up to-dos and notifications for the popup. Unlike the staff directory these
 * are never queued: a decision or a confirmation counts only once the server has it, so each call
 * goes straight to the API and answers what the server said, in words.
 */

export type Checklist = z.infer<typeof checklistListSchema>['checklists'][number];

/** The answer to a popup's request: the data, or why not in plain words. */
export type Answer<T> = { ok: true; data: T } | { ok: false; kind: string; message: string };

/** Items fetched per page; a campaign of a small firm fits in one or two. */
const PAGE = 200;
/** Guards against a server that keeps answering a cursor. */
const MAX_PAGES = 25;

function refused(error: unknown, offline: string): Answer<never> {
  if (error instanceof ApiError) {
    if (error.kind === 'unreachable') return { ok: false, kind: 'offline', message: offline };
    return { ok: false, kind: error.kind, message: error.message };
  }
  return { ok: false, kind: 'error', message: error instanceof Error ? error.message : String(error) };
}

async function answer<T>(run: () => Promise<T>, offline: string): Promise<Answer<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    return refused(error, offline);
  }
}

const OFFLINE_READ = 'You’re offline: this needs the Rollcall server. Try again when you’re connected.';
const OFFLINE_WRITE =
  'You’re offline: nothing was saved. Decisions need the Rollcall server; try again when you’re connected.';

export function createReviewsService({
  api,
  onUnreadChanged = async () => undefined,
}: {
  api: ApiClient;
  /** The unread count changed: redraw the toolbar badge. */
  onUnreadChanged?: () => Promise<void>;
}) {
  async function remember(unread: number): Promise<void> {
    if ((await unreadNotificationsItem.getValue()) === unread) return;
    await unreadNotificationsItem.setValue(unread);
    await onUnreadChanged();
  }

  async function listNotifications(): Promise<{ notifications: Notification[]; unread: number }> {
    const list = await api.request('GET', '/api/v1/notifications?limit=50', notificationListSchema);
    await remember(list.unread);
    return list;
  }

  return {
    listReviews: (): Promise<Answer<Campaign[]>> =>
      answer(
        async () => (await api.request('GET', '/api/v1/reviews', campaignListSchema)).campaigns,
        OFFLINE_READ,
      ),

    /** Every item of a campaign, in the server's order, all pages. */
    listReviewItems: ({ campaignId }: { campaignId: string }): Promise<Answer<ReviewItem[]>> =>
      answer(async () => {
        const items: ReviewItem[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < MAX_PAGES; page++) {
          const query = new URLSearchParams({ limit: String(PAGE) });
          if (cursor) query.set('cursor', cursor);
          const next = await api.request(
            'GET',
            `/api/v1/reviews/${encodeURIComponent(campaignId)}/items?${query}`,
            reviewItemPageSchema,
          );
          items.push(...next.items);
          cursor = next.nextCursor;
          if (!cursor) break;
        }
        return items;
      }, OFFLINE_READ),

    decideReviewItem: ({
      campaignId,
      itemId,
      decision,
    }: {
      campaignId: string;
      itemId: string;
      decision: DecideItem;
    }): Promise<Answer<ReviewItem>> =>
      answer(
        () =>
          api.request(
            'POST',
            `/api/v1/reviews/${encodeURIComponent(campaignId)}/items/${encodeURIComponent(itemId)}/decision`,
            reviewItemSchema,
            decision,
          ),
        OFFLINE_WRITE,
      ),

    /** Open leavers' checklists, and the open to-dos that closed reviews left. */
    listFollowUps: (): Promise<Answer<{ checklists: Checklist[]; reviewTodos: Todo[] }>> =>
      answer(async () => {
        const [lists, todos] = await Promise.all([
          api.request('GET', '/api/v1/todos/checklists', checklistListSchema),
          api.request('GET', '/api/v1/todos?status=open&source=review&limit=200', todoPageSchema),
        ]);
        return { checklists: lists.checklists, reviewTodos: todos.items };
      }, OFFLINE_READ),

    confirmTodo: ({ todoId, comment }: { todoId: string; comment: string }): Promise<Answer<Todo>> =>
      answer(
        () =>
          api.request('POST', `/api/v1/todos/${encodeURIComponent(todoId)}/confirm`, todoSchema, { comment }),
        OFFLINE_WRITE,
      ),

    listNotifications: () => answer(listNotifications, OFFLINE_READ),

    /** Marks some (or, without ids, all) notifications read, and answers the list as it now is. */
    markNotificationsRead: ({ ids }: { ids?: string[] }) =>
      answer(async () => {
        await api.request(
          'POST',
          '/api/v1/notifications/read',
          markReadResultSchema,
          ids && ids.length > 0 ? { ids } : { all: true },
        );
        return listNotifications();
      }, OFFLINE_WRITE),

    /** Quietly refreshes the badge's unread count (after a sync); offline keeps the last one. */
    async refreshUnread(): Promise<void> {
      await listNotifications().catch(() => undefined);
    },
  };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;

/** The messages reviews-service answers, for the background to register in one line. */
export function wireReviewMessages(service: ReviewsService, on: typeof onMessage): void {
  on('listReviews', () => service.listReviews());
  on('listReviewItems', ({ data }) => service.listReviewItems(data));
  on('decideReviewItem', ({ data }) => service.decideReviewItem(data));
  on('listFollowUps', () => service.listFollowUps());
  on('confirmTodo', ({ data }) => service.confirmTodo(data));
  on('listNotifications', () => service.listNotifications());
  on('markNotificationsRead', ({ data }) => service.markNotificationsRead(data));
}
