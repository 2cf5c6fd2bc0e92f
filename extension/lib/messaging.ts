import { defineExtensionMessaging } from '@webext-core/messaging';
import type { FieldError } from '../../shared/schemas/problem';
import type { ChangeInput } from './sync/outbox';
import type { SyncStatus } from './sync/sync-store';

export type ServerStatus =
  | { state: 'online'; url: string; version: string }
  | { state: 'unreachable'; url: string; reason: string };

/** The answer to an action from the popup or options: done, or why not in words (and which field). */
export type ActionResult = { ok: true } | { ok: false; kind: string; message: string; fields: FieldError[] };

/** Every message of the extension. Only the background talks to the worker. */
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
  discardRejection(data: { mutationId: string }): ActionResult;
  dismissFinding(data: {
    findingId: string;
    fingerprint: string;
    reason: string;
    expiresAt: number;
  }): ActionResult;
  /** Options: rule thresholds changed; recompute findings and the badge. */
  recomputeFindings(): ActionResult;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
