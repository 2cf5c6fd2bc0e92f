import { contract } from '../../../shared/contract';
import type { BodyOf } from '../../../shared/contract/operation';
import type { PageSnapshot } from '../../../shared/schemas/page-row';
import { snapshotRows } from '../page/snapshot-rows';
import { serialise } from '../serialise';
import { type QueuedSnapshot, queuedSnapshotsItem, signedInAsItem } from '../storage';
import type { ApiClient, ApiError } from './api-client';
import { currentTables, systemForPage } from './system-directory';

/**
 * What the background sends for the in-page warnings: the user lists read off admin pages (what it
 * tells them of the directory is system-directory.ts). A list the server cannot take now waits in
 * storage and goes out with the next sync.
 */

/** What became of a user list the admin asked to sync from an admin page. */
export type SnapshotSyncResult =
  /** Nobody is signed in to Rollcall in this browser: nothing was sent. */
  | { state: 'signed-out' }
  /** The server could not be reached: the snapshot waits in the outbox. */
  | { state: 'queued' }
  /**
   * The server reconciled it with the accounts it knows. `notes`: what it could not read or decide,
   * login by login ("jdoe: last sign-in "Mañana" not understood").
   */
  | { state: 'synced'; added: number; changed: number; removed: number; notes: string[] }
  /**
   * The complete list would remove every login of the system or most of them: nothing was written,
   * and the server asks the admin to confirm (`question` says how many would go).
   */
  | { state: 'confirm-removals'; question: string }
  | { state: 'failed'; reason: string };

/** The body of a user list sent to the system's snapshots, as sent. */
type SnapshotBody = BodyOf<typeof contract.systems.sendSnapshot>;

function sendSnapshot(api: ApiClient, systemId: string, body: SnapshotBody) {
  return api.call(contract.systems.sendSnapshot, { params: { id: systemId }, body });
}

/** Whether the server waits for the admin to confirm the removals a complete list makes. */
function asksToConfirmRemovals(error: ApiError): boolean {
  return error.status === 409 && error.fields.some((field) => field.field === 'body.confirmRemovals');
}

/**
 * Whether the server refused the list for good (no such system, rows it cannot take): resending
 * cannot help. A list waiting for a confirmation only the admin can give on the page counts too.
 */
function refusedForGood(error: ApiError): boolean {
  return error.kind === 'invalid' && (error.status !== 409 || asksToConfirmRemovals(error));
}

const inTurn = serialise();

/**
 * Sends the lists that waited for the server, oldest first. Stops at the first that cannot go now
 * (offline, session ended, server error), so they keep their order; a list the server refuses for
 * good is dropped, as the same list would be refused again.
 */
export async function sendQueuedSnapshots(api: ApiClient): Promise<number> {
  let sent = 0;
  for (const queued of await queuedSnapshotsItem.getValue()) {
    const answer = await sendSnapshot(api, queued.systemId, queued.body);
    if (answer.ok) sent += 1;
    else if (!refusedForGood(answer.error)) break;
    await inTurn(async () => {
      const queue = await queuedSnapshotsItem.getValue();
      await queuedSnapshotsItem.setValue(queue.filter((q) => !sameEntry(q, queued)));
    });
  }
  return sent;
}

function sameEntry(a: QueuedSnapshot, b: QueuedSnapshot): boolean {
  return a.systemId === b.systemId && a.pageUrl === b.pageUrl && a.queuedAt === b.queuedAt;
}

export interface PageLinkDeps {
  api: ApiClient;
  /** Pushes and pulls, so the local copy and its findings follow a list the server took. */
  syncNow: () => Promise<unknown>;
  now?: () => number;
}

export function createPageLink({ api, syncNow, now = Date.now }: PageLinkDeps) {
  return {
    async syncPageSnapshot(snapshot: PageSnapshot): Promise<SnapshotSyncResult> {
      const who = await signedInAsItem.getValue();
      if (who?.state !== 'signed-in') return { state: 'signed-out' };
      let system = systemForPage(await currentTables(), snapshot.pageUrl, snapshot.systemId);
      if (!system) {
        // The system may have been added since the last pull (from another browser, say): pull first.
        await syncNow();
        system = systemForPage(await currentTables(), snapshot.pageUrl, snapshot.systemId);
      }
      if (!system)
        return {
          state: 'failed',
          reason:
            'No system in Rollcall has this page among its admin pages. Add its address to the system first.',
        };
      const body: SnapshotBody = {
        rows: snapshotRows(snapshot.rows),
        capturedAt: snapshot.capturedAt,
        ...(snapshot.dateOrder ? { dateOrder: snapshot.dateOrder } : {}),
        complete: snapshot.complete,
        ...(snapshot.confirmRemovals ? { confirmRemovals: true } : {}),
      };
      const answer = await sendSnapshot(api, system.id, body);
      if (answer.ok) {
        await syncNow();
        const diff = answer.value;
        const notes = diff.rows.flatMap((row) =>
          (row.warnings ?? []).map((warning) => `${row.username}: ${warning}`),
        );
        return { state: 'synced', added: diff.added, changed: diff.changed, removed: diff.removed, notes };
      }
      const { error } = answer;
      if (error.kind === 'signed-out') return { state: 'signed-out' };
      if (asksToConfirmRemovals(error)) return { state: 'confirm-removals', question: error.message };
      if (refusedForGood(error)) return { state: 'failed', reason: error.message };
      // Offline or a server error: the list waits, and a newer one of the same page replaces it.
      await inTurn(async () => {
        const queue = await queuedSnapshotsItem.getValue();
        await queuedSnapshotsItem.setValue([
          ...queue.filter((q) => !(q.systemId === system.id && q.pageUrl === snapshot.pageUrl)),
          { systemId: system.id, pageUrl: snapshot.pageUrl, body, queuedAt: now() },
        ]);
      });
      return { state: 'queued' };
    },
  };
}
