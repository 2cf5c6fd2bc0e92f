import { storage } from 'wxt/utils/storage';
import type { Finding, FindingsSummary } from '../../../shared/schemas/findings';
import { emptyCopy, type LocalCopy } from './local-copy';
import { emptyOutbox, type Outbox } from './outbox';

/**
 * The local copy, the outbox and what the background derived from them, in extension storage:
 * they survive a browser restart, and the popup draws from them with no network. The background
 * is the only writer; pages read and watch.
 */

/**
 * Defines a big item when first used. WXT's defineItem reads the item's value as soon as it is
 * defined, so a page that imports this module would otherwise read megabytes it may never show
 * (the popup's home view needs none of it).
 */
function definedOnFirstUse<T>(define: () => T): () => T {
  let item: T | undefined;
  return () => {
    item ??= define();
    return item;
  };
}

export const localCopyItem = definedOnFirstUse(() =>
  storage.defineItem<LocalCopy>('local:directoryCopy', {
    fallback: emptyCopy(),
    version: 1,
  }),
);

/**
 * The copy's pull cursor on its own: a sync that finds nothing new then reads a number, not the
 * whole directory (big reads hold up every other storage read of the extension).
 */
export const syncCursorItem = storage.defineItem<number>('local:syncCursor', {
  fallback: 0,
  version: 1,
});

export const outboxItem = storage.defineItem<Outbox>('local:outbox', {
  fallback: emptyOutbox(),
  version: 1,
});

export type SyncState =
  /** Nothing has been tried yet in this session. */
  | 'idle'
  | 'syncing'
  | 'synced'
  /** The server did not answer: changes wait in the outbox. */
  | 'offline'
  /** The session ended: changes wait until the admin signs in again. */
  | 'signed-out'
  | 'error';

export interface SyncStatus {
  state: SyncState;
  /** When the last sync that reached the server ended. */
  lastSyncedAt: number | null;
  /** For `error` (and `offline`): what went wrong, in words. */
  message: string | null;
}

export const syncStatusItem = storage.defineItem<SyncStatus>('local:syncStatus', {
  fallback: { state: 'idle', lastSyncedAt: null, message: null },
  version: 1,
});

/**
 * The findings of the directory as it stands here (server rows plus queued changes), computed by
 * the background with the shared rules after every change, so the popup's home view needs no work.
 */
export interface ComputedFindings {
  computedAt: number;
  /** The open findings (dismissed ones left out), worst first. */
  findings: Finding[];
}

export const findingsItem = definedOnFirstUse(() =>
  storage.defineItem<ComputedFindings>('local:findings', {
    fallback: { computedAt: 0, findings: [] },
    version: 1,
  }),
);

/**
 * What the popup's home view draws, kept small and apart from the findings and the directory, so
 * the popup shows it within a frame or two whatever the size of the firm.
 */
export interface HomeSummary {
  computedAt: number;
  /** Counts by severity and the health score of the open findings. */
  summary: FindingsSummary;
  /** The first three open findings: what to fix first. */
  top: Finding[];
  /** No people and no logins yet: the home view invites the admin to start. */
  directoryEmpty: boolean;
}

const NOTHING_CHECKED: HomeSummary = {
  computedAt: 0,
  summary: {
    counts: { critical: 0, high: 0, medium: 0, low: 0 },
    total: 0,
    healthScore: null,
    notChecked: 'no-people',
    checked: { people: 0, systems: 0, logins: 0 },
  },
  top: [],
  directoryEmpty: true,
};

export const homeSummaryItem = storage.defineItem<HomeSummary>('local:homeSummary', {
  fallback: NOTHING_CHECKED,
  // Version 1 scored without knowing what was checked; its summary waits for the next computation.
  version: 2,
  migrations: { 2: () => NOTHING_CHECKED },
});

/**
 * A dismissal the admin made here: it applies locally at once and waits with `sent: false` until
 * the findings API (`contract.findings.dismiss`) has it.
 */
export interface LocalDismissal {
  findingId: string;
  fingerprint: string;
  reason: string;
  expiresAt: number;
  dismissedAt: number;
  dismissedBy: string;
  sent: boolean;
}

export const dismissalsItem = storage.defineItem<LocalDismissal[]>('local:findingDismissals', {
  fallback: [],
  version: 1,
});

/** Runs read-modify-write updates one after another, so two messages never lose each other's change. */
export function serialise() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Unread notifications the server last counted, added to the toolbar badge. */
export const unreadNotificationsItem = storage.defineItem<number>('local:unreadNotifications', {
  fallback: 0,
  version: 1,
});
