import {
  localCopyItem,
  outboxItem,
  type SyncStatus,
  signedInAsItem,
  syncCursorItem,
  syncStatusItem,
} from '../storage';
import type { ApiClient } from '../sync/api-client';
import { sendQueuedSnapshots } from '../sync/page-link';
import { runSync } from '../sync/sync-engine';
import type { Shared } from './shared';

/**
 * Pushes what waits and pulls what changed, one sync at a time; then the firm's dismissals, the
 * firm's thresholds, its sign-in observations and the audit trail's signed head, and the findings
 * again when anything changed.
 */
export function createSyncLoop({
  api,
  now,
  exclusive,
  recompute,
  sendDismissals,
  pullRuleSettings,
  pullObservations,
  checkAuditHead,
}: Shared & {
  api: ApiClient;
  recompute: () => Promise<void>;
  /** Answers whether the dismissals in force here changed. */
  sendDismissals: () => Promise<boolean>;
  /** Answers whether the thresholds changed here. */
  pullRuleSettings: () => Promise<boolean>;
  /** Answers whether the firm's sign-in observations changed here. */
  pullObservations: () => Promise<boolean>;
  /** Updates this browser's witness of the audit trail's signed head. */
  checkAuditHead: () => Promise<void>;
}) {
  let running: Promise<SyncStatus> | null = null;
  let again = false;

  async function syncOnce(): Promise<SyncStatus> {
    const previous = await syncStatusItem.getValue();
    if (!(await signedInAsItem.getValue())) {
      const status: SyncStatus = { ...previous, state: 'signed-out', message: null };
      await syncStatusItem.setValue(status);
      return status;
    }
    await syncStatusItem.setValue({ ...previous, state: 'syncing' });
    // User lists read off admin pages while offline go first, so the pull below brings their effect.
    await sendQueuedSnapshots(api);
    const { status, changed } = await runSync(
      {
        api,
        now,
        readCopy: () => localCopyItem.getValue(),
        readCursor: () => syncCursorItem.getValue(),
        writeCopy: (copy) =>
          exclusive(async () => {
            await Promise.all([localCopyItem.setValue(copy), syncCursorItem.setValue(copy.cursor)]);
          }),
        readOutbox: () => outboxItem.getValue(),
        update: (change) =>
          exclusive(async () => {
            const next = change(await outboxItem.getValue(), await localCopyItem.getValue());
            await Promise.all([outboxItem.setValue(next.outbox), localCopyItem.setValue(next.copy)]);
          }),
      },
      previous,
    );
    let inputsChanged = false;
    if (status.state === 'synced') {
      const dismissalsChanged = await sendDismissals();
      const thresholdsChanged = await pullRuleSettings();
      const observationsChanged = await pullObservations();
      inputsChanged = dismissalsChanged || thresholdsChanged || observationsChanged;
      await checkAuditHead();
    }
    // Evaluating a big directory costs; a sync that brought and sent nothing changes no finding.
    if (changed || inputsChanged) await recompute();
    // Said last: once the popup reads "Synced", the findings and the page marks are the synced ones.
    await syncStatusItem.setValue(status);
    return status;
  }

  return {
    /**
     * One sync at a time. A request while one runs is answered by a second run right after it, so a
     * change queued mid-sync does not wait for the next alarm.
     */
    syncNow(): Promise<SyncStatus> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let status = await syncOnce();
        while (again && status.state === 'synced') {
          again = false;
          status = await syncOnce();
        }
        again = false;
        return status;
      })().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
