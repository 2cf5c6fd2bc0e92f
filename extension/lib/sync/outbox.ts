import type {
  SyncChange,
  SyncEntity,
  SyncMutation,
  SyncResult,
} from '../../../shared/schemas/directory-input';
import type { FieldError } from '../../../shared/schemas/problem';
import { applyMutationToRow, applyRows, asChange, type LocalCopy } from './local-copy';

/**
 * Changes made in the extension wait here until the server takes them (`contract.sync.push`): in
 * order, with a client-made id (so a push retried after a lost answer applies once) and the version the admin
 * saw. A stale base comes back as a conflict, kept for the admin to choose; a refused change is
 * kept with its reasons. Nothing leaves the outbox without an answer from the server or the admin.
 */

export interface QueuedChange {
  mutation: SyncMutation;
  queuedAt: number;
}

export interface Conflict {
  /** The first conflicting mutation's id, which names the conflict. */
  id: string;
  entity: SyncEntity;
  rowId: string;
  /** This device's changes to the row, oldest first. */
  mine: SyncMutation[];
  /** The row on the server now; null when it was deleted there. */
  current: SyncChange | null;
  at: number;
}

export interface Rejection {
  mutation: SyncMutation;
  errors: FieldError[];
  at: number;
}

export interface Outbox {
  queue: QueuedChange[];
  conflicts: Conflict[];
  rejected: Rejection[];
}

export const emptyOutbox = (): Outbox => ({ queue: [], conflicts: [], rejected: [] });

/**
 * What the UI asks for: create or edit a row (only the fields that change), or delete it. A form
 * open on a row says which version of it the admin saw (`seenVersion`), so a change that reaches
 * this browser while they type comes back as a conflict, not overwritten unseen; without it, the
 * base is the row as this browser holds it when the change is queued (a quick action's click).
 */
export type ChangeInput = (
  | {
      op: 'upsert';
      entity: 'person';
      rowId: string;
      data: Extract<SyncMutation, { entity: 'person'; op: 'upsert' }>['data'];
    }
  | {
      op: 'upsert';
      entity: 'system';
      rowId: string;
      data: Extract<SyncMutation, { entity: 'system'; op: 'upsert' }>['data'];
    }
  | {
      op: 'upsert';
      entity: 'jobRole';
      rowId: string;
      data: Extract<SyncMutation, { entity: 'jobRole'; op: 'upsert' }>['data'];
    }
  | {
      op: 'upsert';
      entity: 'account';
      rowId: string;
      data: Extract<SyncMutation, { entity: 'account'; op: 'upsert' }>['data'];
    }
  | { op: 'delete'; entity: SyncEntity; rowId: string }
) & { seenVersion?: number };

const sameRow = (a: { entity: SyncEntity; rowId: string }, b: { entity: SyncEntity; rowId: string }) =>
  a.entity === b.entity && a.rowId === b.rowId;

export class ConflictPendingError extends Error {
  constructor() {
    super('This row has a conflict to resolve first: open Conflicts.');
    this.name = 'ConflictPendingError';
  }
}

/**
 * Queues a change. Its base is the version of the row the admin saw; a second change to a row
 * whose first change is still queued shares that base, and is moved onto the version the first
 * one produces once the server applies it (see applyResults).
 */
export function enqueue(
  outbox: Outbox,
  copy: LocalCopy,
  change: ChangeInput,
  mutationId: string,
  now: number,
): Outbox {
  if (outbox.conflicts.some((c) => sameRow(c, change))) throw new ConflictPendingError();
  const { seenVersion, ...asked } = change;
  const pending = outbox.queue.find((q) => sameRow(q.mutation, asked));
  const baseVersion = pending
    ? pending.mutation.baseVersion
    : (seenVersion ??
      (copy.tables[asked.entity] as Record<string, SyncChange['row']>)[asked.rowId]?.version ??
      null);
  const mutation = { ...asked, mutationId, baseVersion } as SyncMutation;
  return { ...outbox, queue: [...outbox.queue, { mutation, queuedAt: now }] };
}

/** The next push: the oldest queued change of each row, so changes to one row apply in order. */
export function nextBatch(outbox: Outbox, max: number): SyncMutation[] {
  const batch: SyncMutation[] = [];
  for (const { mutation } of outbox.queue) {
    if (batch.length >= max) break;
    if (!batch.some((m) => sameRow(m, mutation))) batch.push(mutation);
  }
  return batch;
}

/**
 * Takes the server's answers to a push. Applied changes leave the queue and their rows go into the
 * copy at the new version (a pull follows, but the admin's edit never blinks away meanwhile);
 * conflicts take the row's whole queue aside for the admin; refusals are kept with their reasons.
 * A change with no answer stays queued.
 */
export function applyResults(
  outbox: Outbox,
  copy: LocalCopy,
  results: readonly SyncResult[],
  now: number,
): { outbox: Outbox; copy: LocalCopy } {
  let queue = outbox.queue;
  const conflicts = [...outbox.conflicts];
  const rejected = [...outbox.rejected];
  let nextCopy = copy;

  for (const result of results) {
    const index = queue.findIndex((q) => q.mutation.mutationId === result.mutationId);
    const queued = queue[index];
    if (!queued) continue;
    const { mutation } = queued;
    if (result.status === 'applied') {
      queue = queue.filter((_, i) => i !== index);
      // Later changes made on top of this one move onto the version it produced.
      queue = queue.map((q) =>
        sameRow(q.mutation, mutation) && q.mutation.baseVersion === mutation.baseVersion
          ? { ...q, mutation: { ...q.mutation, baseVersion: result.version } }
          : q,
      );
      const table = nextCopy.tables[mutation.entity] as Record<string, SyncChange['row']>;
      const row = applyMutationToRow(table[mutation.rowId], mutation);
      nextCopy = applyRows(nextCopy, [
        asChange(
          mutation.entity,
          row ? { ...row, version: result.version } : deletedRow(table, mutation, result.version),
        ),
      ]);
    } else if (result.status === 'conflict') {
      const mine = queue.filter((q) => sameRow(q.mutation, mutation)).map((q) => q.mutation);
      queue = queue.filter((q) => !sameRow(q.mutation, mutation));
      conflicts.push({
        id: mutation.mutationId,
        entity: mutation.entity,
        rowId: mutation.rowId,
        mine,
        current: result.current,
        at: now,
      });
      if (result.current) nextCopy = applyRows(nextCopy, [result.current]);
    } else {
      queue = queue.filter((_, i) => i !== index);
      rejected.push({ mutation, errors: result.errors.map(relativeToMutation), at: now });
    }
  }
  return { outbox: { queue, conflicts, rejected }, copy: nextCopy };
}

function deletedRow(
  table: Record<string, SyncChange['row']>,
  mutation: SyncMutation,
  version: number,
): SyncChange['row'] {
  const row =
    table[mutation.rowId] ??
    applyMutationToRow(undefined, { ...mutation, op: 'upsert', data: {} } as SyncMutation);
  return { ...(row as SyncChange['row']), version, deleted: true };
}

/** All of this device's changes to a row, merged into one, oldest first. */
function mergeMine(mine: readonly SyncMutation[]): SyncMutation | null {
  const last = mine.at(-1);
  if (!last) return null;
  if (last.op === 'delete') return last;
  const data = Object.assign({}, ...mine.filter((m) => m.op === 'upsert').map((m) => m.data));
  return { ...last, data } as SyncMutation;
}

/**
 * The admin's answer to a conflict. `theirs` keeps the server's row and drops this device's
 * changes; `mine` queues this device's changes again on top of the server's current version.
 */
export function resolveConflict(
  outbox: Outbox,
  conflictId: string,
  choice: 'mine' | 'theirs',
  mutationId: string,
  now: number,
): Outbox {
  const conflict = outbox.conflicts.find((c) => c.id === conflictId);
  if (!conflict) return outbox;
  const conflicts = outbox.conflicts.filter((c) => c.id !== conflictId);
  const merged = choice === 'mine' ? mergeMine(conflict.mine) : null;
  if (!merged) return { ...outbox, conflicts };
  const mutation = {
    ...merged,
    mutationId,
    baseVersion: conflict.current?.row.version ?? null,
  } as SyncMutation;
  return { ...outbox, conflicts, queue: [...outbox.queue, { mutation, queuedAt: now }] };
}

/** A refusal names fields by their place in the push (`mutations.3.data.name`); keep `data.name`. */
function relativeToMutation(error: FieldError): FieldError {
  return { ...error, field: error.field.replace(/^(?:body\.)?mutations\.\d+\.?/, '') };
}

/**
 * A refused change as the admin sends it again: as it was (what it refers to may exist by now), or
 * with their corrections to its fields. Null when there is no such refusal.
 */
export function retriedChange(
  outbox: Outbox,
  rejectedId: string,
  corrected: Record<string, unknown> | null,
): ChangeInput | null {
  const rejection = outbox.rejected.find((r) => r.mutation.mutationId === rejectedId);
  if (!rejection) return null;
  const { mutationId: _id, baseVersion: _base, ...change } = rejection.mutation;
  return (
    corrected && change.op === 'upsert' ? { ...change, data: { ...change.data, ...corrected } } : change
  ) as ChangeInput;
}

/** Whether a change makes a row this browser has never seen, synced or queued. */
export function createsRow(outbox: Outbox, copy: LocalCopy, change: ChangeInput): boolean {
  const table = copy.tables[change.entity] as Record<string, unknown>;
  return !table[change.rowId] && !outbox.queue.some((q) => sameRow(q.mutation, change));
}

/** The admin read why the server refused a change and let it go. */
export function discardRejection(outbox: Outbox, mutationId: string): Outbox {
  return { ...outbox, rejected: outbox.rejected.filter((r) => r.mutation.mutationId !== mutationId) };
}

/** The mutations the admin should see on top of the copy: queued ones. */
export function pendingMutations(outbox: Outbox): SyncMutation[] {
  return outbox.queue.map((q) => q.mutation);
}
