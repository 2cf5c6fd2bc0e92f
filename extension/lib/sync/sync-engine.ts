import { contract } from '../../../shared/contract';
import {
  MAX_SYNC_MUTATIONS,
  type SyncMutation,
  type SyncResult,
} from '../../../shared/schemas/directory-input';
import type { FieldError } from '../../../shared/schemas/problem';
import type { SyncStatus } from '../storage';
import type { ApiClient, ApiError, ApiResult } from './api-client';
import { applyPulled, type LocalCopy } from './local-copy';
import { applyResults, nextBatch, type Outbox } from './outbox';

/** Where the engine reads and writes; the background binds it to extension storage. */
export interface SyncPorts {
  api: Pick<ApiClient, 'call'>;
  readCopy(): Promise<LocalCopy>;
  /** The copy's cursor, cheaply. */
  readCursor(): Promise<number>;
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
 * Pushes one batch and answers a result for each change. A batch the server refuses as a whole (a
 * change this browser let through that the server's checks do not) never holds up the rest: the
 * changes the refusal names come back refused with its reasons and the others go again; a refusal
 * naming none is narrowed down by halves until the change it is about stands alone.
 */
async function push(api: SyncPorts['api'], batch: readonly SyncMutation[]): Promise<ApiResult<SyncResult[]>> {
  const pushed = await api.call(contract.sync.push, { body: { mutations: [...batch] } });
  if (pushed.ok) return { ok: true, value: pushed.value.results };
  const { error } = pushed;
  if (error.kind !== 'invalid') return pushed;
  const named = new Map<number, FieldError[]>();
  for (const fieldError of error.fields) {
    const index = /^body\.mutations\.(\d+)\b/.exec(fieldError.field)?.[1];
    if (index === undefined || !batch[Number(index)]) continue;
    named.set(Number(index), [...(named.get(Number(index)) ?? []), fieldError]);
  }
  if (named.size === 0 && batch.length === 1) named.set(0, [{ field: '', message: error.message }]);
  if (named.size === 0) {
    const half = Math.ceil(batch.length / 2);
    const first = await push(api, batch.slice(0, half));
    if (!first.ok) return first;
    const second = await push(api, batch.slice(half));
    if (!second.ok) return second;
    return { ok: true, value: [...first.value, ...second.value] };
  }
  const refused: SyncResult[] = [...named].map(([index, errors]) => ({
    mutationId: (batch[index] as SyncMutation).mutationId,
    status: 'rejected',
    errors,
  }));
  const rest = batch.filter((_, index) => !named.has(index));
  if (rest.length === 0) return { ok: true, value: refused };
  const others = await push(api, rest);
  return others.ok ? { ok: true, value: [...refused, ...others.value] } : others;
}

/**
 * One sync: push the queued changes (in rounds, one change per row per round, so a row's changes
 * apply in order), then pull every change since the cursor, page by page. Never throws: the answer
 * says how it went, and the outbox keeps whatever did not get through.
 */
export async function runSync(
  ports: SyncPorts,
  previous: SyncStatus,
): Promise<{ status: SyncStatus; changed: boolean }> {
  // Whether anything reached the copy or left the outbox: only then can findings differ.
  let changed = false;
  const answer = (status: SyncStatus) => ({ status, changed });
  const failedWith = (error: ApiError) => {
    if (error.kind === 'unreachable')
      return answer({ ...previous, state: 'offline', message: error.message });
    if (error.kind === 'signed-out')
      return answer({ ...previous, state: 'signed-out', message: error.message });
    return answer({ ...previous, state: 'error', message: error.message });
  };
  try {
    for (let round = 0; round < MAX_PAGES; round++) {
      const batch = nextBatch(await ports.readOutbox(), MAX_SYNC_MUTATIONS);
      if (batch.length === 0) break;
      const pushed = await push(ports.api, batch);
      if (!pushed.ok) return failedWith(pushed.error);
      const results = pushed.value;
      await ports.update((outbox, copy) => applyResults(outbox, copy, results, ports.now()));
      if (results.length === 0) break;
      changed = true;
    }

    let cursor = await ports.readCursor();
    for (let page = 0; page < MAX_PAGES; page++) {
      const answered = await ports.api.call(contract.sync.pull, {
        query: { since: cursor, limit: PULL_PAGE },
      });
      if (!answered.ok) return failedWith(answered.error);
      const pulled = answered.value;
      if (pulled.changes.length > 0 || pulled.cursor !== cursor) {
        // Read now, not before: a push's answer may have written rows into the copy meanwhile.
        let copy = applyPulled(await ports.readCopy(), pulled.changes, pulled.cursor);
        cursor = copy.cursor;
        if (!pulled.more) copy = { ...copy, pulledAt: ports.now() };
        await ports.writeCopy(copy);
        changed = true;
      }
      if (!pulled.more) break;
    }
    return answer({ state: 'synced', lastSyncedAt: ports.now(), message: null });
  } catch (error) {
    return answer({
      ...previous,
      state: 'error',
      message: error instanceof Error ? error.message : 'The sync failed.',
    });
  }
}
