import { type Result, refused } from '../result';
import type { serialise } from '../serialise';
import { ApiError } from '../sync/api-client';
import { ConflictPendingError } from '../sync/outbox';

/** What every concern of the background shares: the clock, new ids, and the one storage lock. */
export interface Shared {
  now: () => number;
  makeId: () => string;
  /**
   * Runs read-modify-write updates of the directory, the outbox and the dismissals one after
   * another, so two messages never lose each other's change.
   */
  exclusive: ReturnType<typeof serialise>;
}

/** An error met on the way, as the answer the popup shows. */
export function failed(error: unknown): Result<never> {
  if (error instanceof ApiError) return refused(error.kind, error.message, error.fields);
  if (error instanceof ConflictPendingError) return refused('conflict', error.message);
  return refused('error', error instanceof Error ? error.message : String(error));
}
