import type { z } from 'zod';
import { contract } from '../../../shared/contract';
import type {
  Campaign,
  checklistSchema,
  DecideItem,
  Notification,
  ReviewItem,
  reviewItemPageSchema,
  Todo,
} from '../../../shared/schemas/reviews';
import { done, type Result, refused as refusal } from '../result';
import { unreadNotificationsItem } from '../storage';
import type { ApiClient, ApiError, ApiResult } from '../sync/api-client';

/**
 * Access reviews, follow-up to-dos and notifications for the popup. Unlike the staff directory these
 * are never queued: a decision or a confirmation counts only once the server has it, so each call
 * goes straight to the API and answers what the server said, in words.
 */

type ReviewItemPage = z.infer<typeof reviewItemPageSchema>;

/** Items fetched per page; a campaign of a small firm fits in one or two. */
const PAGE = 200;
/** Guards against a server that keeps answering a cursor. */
const MAX_PAGES = 25;

/** A leaver's checklist: their open and done to-dos. */
export type Checklist = z.infer<typeof checklistSchema>;

function refused(error: ApiError, offline: string): Result<never> {
  if (error.kind === 'unreachable') return refusal('offline', offline);
  return refusal(error.kind, error.message, error.fields);
}

/** The popup's answer: the value, or why not in words ("offline" in the words given). */
export async function answer<T>(run: () => Promise<ApiResult<T>>, offline: string): Promise<Result<T>> {
  try {
    const result = await run();
    return result.ok ? done(result.value) : refused(result.error, offline);
  } catch (error) {
    return refusal('error', error instanceof Error ? error.message : String(error));
  }
}

/** A result's value changed, a problem passed on. */
function mapped<T, U>(result: ApiResult<T>, change: (value: T) => U): ApiResult<U> {
  return result.ok ? { ok: true, value: change(result.value) } : result;
}

export const OFFLINE_READ =
  'You’re offline: this needs the Rollcall server. Try again when you’re connected.';
export const OFFLINE_WRITE =
  'You’re offline: nothing was saved. Decisions need the Rollcall server; try again when you’re connected.';

export function createReviews({
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

  async function listNotifications(): Promise<ApiResult<{ notifications: Notification[]; unread: number }>> {
    const list = await api.call(contract.notifications.list, { query: { limit: 50 } });
    if (list.ok) await remember(list.value.unread);
    return list;
  }

  return {
    listReviews: (): Promise<Result<Campaign[]>> =>
      answer(
        async () => mapped(await api.call(contract.reviews.list), (list) => list.campaigns),
        OFFLINE_READ,
      ),

    /** Every item of a campaign, in the server's order, all pages. */
    listReviewItems: ({ campaignId }: { campaignId: string }): Promise<Result<ReviewItem[]>> =>
      answer(async (): Promise<ApiResult<ReviewItem[]>> => {
        const items: ReviewItem[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < MAX_PAGES; page++) {
          const next: ApiResult<ReviewItemPage> = await api.call(contract.reviews.listItems, {
            params: { id: campaignId },
            query: { limit: PAGE, ...(cursor ? { cursor } : {}) },
          });
          if (!next.ok) return next;
          items.push(...next.value.items);
          cursor = next.value.nextCursor;
          if (!cursor) break;
        }
        return { ok: true, value: items };
      }, OFFLINE_READ),

    decideReviewItem: ({
      campaignId,
      itemId,
      decision,
    }: {
      campaignId: string;
      itemId: string;
      decision: DecideItem;
    }): Promise<Result<ReviewItem>> =>
      answer(
        () => api.call(contract.reviews.decide, { params: { id: campaignId, itemId }, body: decision }),
        OFFLINE_WRITE,
      ),

    /** Open leavers' checklists, and the open to-dos that closed reviews left. */
    listFollowUps: (): Promise<Result<{ checklists: Checklist[]; reviewTodos: Todo[] }>> =>
      answer(async () => {
        const [lists, todos] = await Promise.all([
          api.call(contract.todos.checklists),
          api.call(contract.todos.list, { query: { status: 'open', source: 'review', limit: 200 } }),
        ]);
        if (!lists.ok) return lists;
        if (!todos.ok) return todos;
        return { ok: true, value: { checklists: lists.value.checklists, reviewTodos: todos.value.items } };
      }, OFFLINE_READ),

    confirmTodo: ({ todoId, comment }: { todoId: string; comment: string }): Promise<Result<Todo>> =>
      answer(
        () => api.call(contract.todos.confirm, { params: { id: todoId }, body: { comment } }),
        OFFLINE_WRITE,
      ),

    listNotifications: () => answer(listNotifications, OFFLINE_READ),

    /** Marks some (or, without ids, all) notifications read, and answers the list as it now is. */
    markNotificationsRead: ({ ids }: { ids?: string[] }) =>
      answer(async () => {
        const marked = await api.call(contract.notifications.markRead, {
          body: ids && ids.length > 0 ? { ids } : { all: true },
        });
        return marked.ok ? listNotifications() : marked;
      }, OFFLINE_WRITE),

    /** Quietly refreshes the badge's unread count (after a sync); offline keeps the last one. */
    async refreshUnread(): Promise<void> {
      await listNotifications();
    },
  };
}

export type Reviews = ReturnType<typeof createReviews>;
