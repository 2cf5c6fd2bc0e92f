import { syncRowDefaults } from '../../../shared/directory/sync-row-defaults';
import type { Account, JobRole, Person, System } from '../../../shared/schemas/directory';
import type { SyncChange, SyncEntity, SyncMutation } from '../../../shared/schemas/directory-input';

/**
 * The extension's copy of the staff directory, pulled with `contract.sync.pull`: every row
 * as the server last sent it, by entity and id, and the cursor to pull from next. Pure functions
 * only; storage.ts declares the item that keeps it.
 */

export interface RowOf {
  person: Person;
  system: System;
  jobRole: JobRole;
  account: Account;
}
export type Tables = { [E in SyncEntity]: Record<string, RowOf[E]> };

export interface LocalCopy {
  /** The organisation the rows belong to: signing in to another firm starts a fresh copy. */
  organisationId: string | null;
  tables: Tables;
  cursor: number;
  /** When the last complete pull ended. */
  pulledAt: number | null;
}

export const ENTITIES: readonly SyncEntity[] = ['person', 'system', 'jobRole', 'account'];

export function emptyTables(): Tables {
  return { person: {}, system: {}, jobRole: {}, account: {} };
}

export function emptyCopy(organisationId: string | null = null): LocalCopy {
  return { organisationId, tables: emptyTables(), cursor: 0, pulledAt: null };
}

/** Puts one server row in place, unless an older version arrives late; a deleted row goes. */
function putRow(tables: Tables, change: SyncChange): void {
  const table = tables[change.entity] as Record<string, SyncChange['row']>;
  const existing = table[change.row.id];
  if (existing && existing.version > change.row.version) return;
  if (change.row.deleted) delete table[change.row.id];
  else table[change.row.id] = change.row;
}

function cloneTables(tables: Tables, entities: Iterable<SyncEntity>): Tables {
  const next = { ...tables };
  for (const entity of new Set(entities))
    (next as Record<SyncEntity, object>)[entity] = { ...tables[entity] };
  return next;
}

/** Merges one page of pulled changes and moves the cursor on. */
export function applyPulled(copy: LocalCopy, changes: readonly SyncChange[], cursor: number): LocalCopy {
  const tables = cloneTables(
    copy.tables,
    changes.map((c) => c.entity),
  );
  for (const change of changes) putRow(tables, change);
  return { ...copy, tables, cursor: Math.max(copy.cursor, cursor) };
}

/** Puts rows the server answered with (a conflict's current row, or a row a push just wrote). */
export function applyRows(copy: LocalCopy, changes: readonly SyncChange[]): LocalCopy {
  return applyPulled(copy, changes, copy.cursor);
}

/** A row made on this device that the server has not seen yet: the fields the API would default. */
function newRow(entity: SyncEntity, id: string): SyncChange['row'] {
  const common = { id, version: 0, deleted: false };
  const defaults = syncRowDefaults();
  switch (entity) {
    case 'person':
      return { ...common, name: '', ...defaults.person };
    case 'system':
      return { ...common, name: '', ...defaults.system };
    case 'jobRole':
      return { ...common, name: '', ...defaults.jobRole };
    case 'account':
      return { ...common, systemId: '', username: '', ...defaults.account };
  }
}

/** The row as it is once the mutation applies (null: deleted). */
export function applyMutationToRow(
  row: SyncChange['row'] | undefined,
  mutation: SyncMutation,
): SyncChange['row'] | null {
  if (mutation.op === 'delete') return null;
  const base = row ?? newRow(mutation.entity, mutation.rowId);
  return { ...base, ...mutation.data } as SyncChange['row'];
}

/** The directory as the admin should see it: the server's rows with the changes still queued on top. */
export function overlay(tables: Tables, mutations: readonly SyncMutation[]): Tables {
  if (mutations.length === 0) return tables;
  const next = cloneTables(
    tables,
    mutations.map((m) => m.entity),
  );
  for (const mutation of mutations) {
    const table = next[mutation.entity] as Record<string, SyncChange['row']>;
    const row = applyMutationToRow(table[mutation.rowId], mutation);
    if (row) table[mutation.rowId] = row;
    else delete table[mutation.rowId];
  }
  return next;
}

/** A row as a sync change, for the version check and for writing back into the copy. */
export function asChange(entity: SyncEntity, row: SyncChange['row']): SyncChange {
  return { entity, row } as SyncChange;
}
