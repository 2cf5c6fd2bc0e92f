import type { FieldError } from '../../../shared/schemas/problem';
import { done, type Result, refused } from '../result';
import { localCopyItem, outboxItem } from '../storage';
import { checkChange } from '../sync/check-change';
import {
  type ChangeInput,
  createsRow,
  discardRejection,
  enqueue,
  resolveConflict,
  retriedChange,
} from '../sync/outbox';
import { failed, type Shared } from './shared';

/**
 * Changes to the staff directory made in the popup and the options page: queued in the outbox,
 * then synced when the server answers; and what becomes of the ones it refused or found in conflict.
 */
export function createChanges({
  now,
  makeId,
  exclusive,
  recompute,
  syncSoon,
}: Shared & { recompute: () => Promise<void>; syncSoon: () => void }) {
  /**
   * Queues a change once it passes the server's own checks here (so nothing queued can block the
   * queue), and syncs. A refused retry goes back among the refusals untouched.
   */
  async function queueChecked(change: ChangeInput, retrying: string | null): Promise<Result> {
    let problems: FieldError[] = [];
    try {
      await exclusive(async () => {
        const [outbox, copy] = [await outboxItem.getValue(), await localCopyItem.getValue()];
        const rest = retrying ? discardRejection(outbox, retrying) : outbox;
        problems = checkChange(change, { creating: createsRow(rest, copy, change) });
        if (problems.length > 0) return;
        await outboxItem.setValue(enqueue(rest, copy, change, makeId(), now()));
      });
    } catch (error) {
      return failed(error);
    }
    if (problems.length > 0) return refused('invalid', problems.map((p) => p.message).join(' '), problems);
    await recompute();
    syncSoon();
    return done();
  }

  return {
    /** Changes the staff directory; queued, then synced when the server answers. */
    queueChange: (change: ChangeInput) => queueChecked(change, null),

    async resolveConflict(data: { conflictId: string; choice: 'mine' | 'theirs' }): Promise<Result> {
      await exclusive(async () => {
        await outboxItem.setValue(
          resolveConflict(await outboxItem.getValue(), data.conflictId, data.choice, makeId(), now()),
        );
      });
      await recompute();
      syncSoon();
      return done();
    },

    /**
     * A refused change sent again, as it was (`data: null`) or with these fields corrected: checked
     * and queued like a new one.
     */
    async retryRejection(data: {
      mutationId: string;
      data: Record<string, unknown> | null;
    }): Promise<Result> {
      const change = retriedChange(await outboxItem.getValue(), data.mutationId, data.data);
      if (!change) return done();
      return queueChecked(change, data.mutationId);
    },

    async discardRejection(data: { mutationId: string }): Promise<Result> {
      await exclusive(async () => {
        await outboxItem.setValue(discardRejection(await outboxItem.getValue(), data.mutationId));
      });
      await recompute();
      return done();
    },
  };
}
