import {
  MAX_SYNC_MUTATIONS,
  syncPullSchema,
  syncPushResultSchema,
} from '../../../shared/schemas/directory-input';
import { type ApiClient, ApiError } from './api-client';
import { applyPulled, type LocalCopy } from './local-copy';
import { applyResults, nextBatch, type Outbox } from './outbox';
import type { SyncStatus } from './sync-store';

/** Where the engine reads and writes; the background binds it to extension storage. */
export interface SyncPorts {
  api: Pick<ApiClient, 'request'>;
  readCopy(): Promise<LocalCopy>;
  writeCopy(copy: LocalCopy): Promise<void>;
  /** Reads, changes and writes the outbox and the copy as one step (no change in between is lost). */
  update(change: (outbox: Outbox, copy: LocalCopy) => { outbox: Outbox; copy: LocalCopy }): Promise<void>;
  readOutbox(): Promise<Outbox>;
  now(): number;
}

const PULL_PAGE = 500;
/** A guard against a server that keeps saying "more": far past any real directory. */
const MAX_PAGES = 1000;

/**
 * One sync: push the queued changes (in rounds, one change per row per round, so a row's changes
 * apply in order), then pull every change since the cursor, page by page. Never throws: the answer
 * says how it went, and the outbox keeps whatever did not get through.
 */
export async function runSync(ports: SyncPorts, previous: SyncStatus): Promise<SyncStatus> {
  try {
    for (let round = 0; round < MAX_PAGES; round++) {
      const batch = nextBatch(await ports.readOutbox(), MAX_SYNC_MUTATIONS);
      if (batch.length === 0) break;
      const { results } = await ports.api.request('POST', '/api/v1/sync', syncPushResultSchema, {
        mutations: batch,
      });
      await ports.update((outbox, copy) => applyResults(outbox, copy, results, ports.now()));
      if (results.length === 0) break;
    }

    let copy = await ports.readCopy();
    for (let page = 0; page < MAX_PAGES; page++) {
      const pulled = await ports.api.request(
        'GET',
        `/api/v1/sync?since=${copy.cursor}&limit=${PULL_PAGE}`,
        syncPullSchema,
      );
      copy = applyPulled(await ports.readCopy(), pulled.changes, pulled.cursor);
      if (!pulled.more) copy = { ...copy, pulledAt: ports.now() };
      await ports.writeCopy(copy);
      if (!pulled.more) break;
    }
    return { state: 'synced', lastSyncedAt: ports.now(), message: null };
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.kind === 'unreachable') return { ...previous, state: 'offline', message: error.message };
      if (error.kind === 'signed-out') return { ...previous, state: 'signed-out', message: error.message };
      return { ...previous, state: 'error', message: error.message };
    }
    return {
      ...previous,
      state: 'error',
      message: error instanceof Error ? error.message : 'The sync failed.',
    };
  }
}
