import { defineExtensionMessaging } from '@webext-core/messaging';
import type { z } from 'zod';
import type { PageSnapshot } from '../../shared/schemas/page-row';
import type { FieldError } from '../../shared/schemas/problem';
import type {
  Campaign,
  checklistSchema,
  DecideItem,
  Notification,
  ReviewItem,
  Todo,
} from '../../shared/schemas/reviews';
import type { OrganisationSettingsInput } from '../../shared/settings';
import type { SyncStatus } from './storage';
import type { ChangeInput } from './sync/outbox';

export type ServerStatus =
  | { state: 'online'; url: string; version: string }
  | { state: 'unreachable'; url: string; reason: string };

/** The answer to a popup's request: the data, or why not in plain words. */
export type Answer<T> = { ok: true; data: T } | { ok: false; kind: string; message: string };

/** A leaver's checklist: their open and done to-dos. */
export type Checklist = z.infer<typeof checklistSchema>;

/** The answer to an action from the popup or options: done, or why not in words (and which field). */
export type ActionResult = { ok: true } | { ok: false; kind: string; message: string; fields: FieldError[] };
/** What became of a user list the admin asked to sync from an admin page. */
export type SnapshotSyncResult =
  /** Nobody is signed in to Rollcall in this browser: nothing was sent. */
  | { state: 'signed-out' }
  /** The server could not be reached: the snapshot waits in the outbox. */
  | { state: 'queued' }
  /** The server reconciled it with the accounts it knows. */
  | { state: 'synced'; added: number; changed: number; removed: number }
  | { state: 'failed'; reason: string };

/**
 * Every message of the extension (the in-page warnings' batches of logins go through their own port:
 * page/judge-port.ts). Only the background talks to the worker.
 */
export interface ProtocolMap {
  getServerStatus(): ServerStatus;
  /** Popup: sign in to the server in serverUrlItem; the tokens stay in the background. */
  signIn(data: { email: string; password: string }): ActionResult;
  /** Popup: make a new organisation with its first member, and sign in as them. */
  signUp(data: { organisationName: string; name: string; email: string; password: string }): ActionResult;
  signOut(): ActionResult;
  /** Popup and options: push queued changes, pull the server's; answers how it went. */
  syncNow(): SyncStatus;
  /** Popup and options: change the staff directory; queued, then synced when the server answers. */
  queueChange(change: ChangeInput): ActionResult;
  resolveConflict(data: { conflictId: string; choice: 'mine' | 'theirs' }): ActionResult;
  /** Popup: send a refused change again, as it was (`data: null`) or with these fields corrected. */
  retryRejection(data: { mutationId: string; data: Record<string, unknown> | null }): ActionResult;
  discardRejection(data: { mutationId: string }): ActionResult;
  dismissFinding(data: {
    findingId: string;
    fingerprint: string;
    reason: string;
    expiresAt: number;
  }): ActionResult;
  /** Options: new rule thresholds, the firm's when signed in (owners only); findings follow. */
  saveRuleSettings(settings: OrganisationSettingsInput): ActionResult;
  /** From the in-page warnings: send the user list read off an admin page to Rollcall. */
  syncPageSnapshot(snapshot: PageSnapshot): SnapshotSyncResult;
  /** From the popup's "Check this page": run the in-page warnings once on this tab. */
  checkPage(tabId: number): CheckPageResult;

  // Access reviews, follow-up to-dos and notifications (reviews-service.ts): straight to the
  // server, never queued.
  /** Popup: the firm's review campaigns, open and closed. */
  listReviews(): Answer<Campaign[]>;
  /** Popup: every item of one campaign, to walk one at a time. */
  listReviewItems(data: { campaignId: string }): Answer<ReviewItem[]>;
  /** Popup: keep, revoke or change one account; answers the item as decided, or the refusal. */
  decideReviewItem(data: { campaignId: string; itemId: string; decision: DecideItem }): Answer<ReviewItem>;
  /** Popup: open leavers' checklists and the open to-dos closed reviews left. */
  listFollowUps(): Answer<{ checklists: Checklist[]; reviewTodos: Todo[] }>;
  /** Popup: an owner or admin confirms a to-do done by hand, saying how. */
  confirmTodo(data: { todoId: string; comment: string }): Answer<Todo>;
  /** Popup: the latest notifications and how many are unread (also updates the badge). */
  listNotifications(): Answer<{ notifications: Notification[]; unread: number }>;
  /** Popup: mark these notifications (or, without ids, all) read; answers the list as it now is. */
  markNotificationsRead(data: { ids?: string[] }): Answer<{ notifications: Notification[]; unread: number }>;
}

export type CheckPageResult = { state: 'checking' } | { state: 'failed'; reason: string };

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
