import { describe, expect, it } from 'vitest';
import { applyPulled, emptyCopy, overlay } from '../../../../extension/lib/sync/local-copy';
import {
  applyResults,
  ConflictPendingError,
  emptyOutbox,
  enqueue,
  nextBatch,
  pendingMutations,
  resolveConflict,
} from '../../../../extension/lib/sync/outbox';
import { personRow } from './fake-server';

const copyWith = (...people: ReturnType<typeof personRow>[]) =>
  applyPulled(
    emptyCopy('org1'),
    people.map((row) => ({ entity: 'person' as const, row })),
    Math.max(0, ...people.map((p) => p.version)),
  );

describe('the local copy', () => {
  it('takes pulled rows, drops deleted ones and ignores a late older version', () => {
    let copy = copyWith(
      personRow('p1', 'Rose Baker', { version: 3 }),
      personRow('p2', 'Sam Lee', { version: 4 }),
    );
    copy = applyPulled(
      copy,
      [
        { entity: 'person', row: personRow('p1', 'Rose B (old)', { version: 2 }) },
        { entity: 'person', row: personRow('p2', 'Sam Lee', { version: 5, deleted: true }) },
      ],
      5,
    );
    expect(copy.tables.person.p1?.name).toBe('Rose Baker');
    expect(copy.tables.person.p2).toBeUndefined();
    expect(copy.cursor).toBe(5);
  });

  it('shows queued changes on top of the server rows, including rows made here', () => {
    const copy = copyWith(personRow('p1', 'Rose Baker', { version: 3 }));
    let outbox = enqueue(
      emptyOutbox(),
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { status: 'leaver', endDate: '2026-11-20' } },
      'mutation-1',
      1,
    );
    outbox = enqueue(
      outbox,
      copy,
      { op: 'upsert', entity: 'person', rowId: 'new-1', data: { name: 'Amy Fox' } },
      'mutation-2',
      2,
    );
    const view = overlay(copy.tables, pendingMutations(outbox));
    expect(view.person.p1).toMatchObject({ name: 'Rose Baker', status: 'leaver', endDate: '2026-11-20' });
    expect(view.person['new-1']).toMatchObject({ name: 'Amy Fox', status: 'active', email: null });
    // The copy itself is untouched: the server's word stays apart from the local edits.
    expect(copy.tables.person.p1?.status).toBe('active');
  });
});

describe('the outbox', () => {
  it('bases a change on the version the admin saw', () => {
    const copy = copyWith(personRow('p1', 'Rose Baker', { version: 7 }));
    const outbox = enqueue(
      emptyOutbox(),
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'Rose Hill' } },
      'mutation-1',
      1,
    );
    expect(outbox.queue[0]?.mutation).toMatchObject({
      mutationId: 'mutation-1',
      baseVersion: 7,
      op: 'upsert',
    });
  });

  it('bases a form’s change on the version it opened on, though a newer one synced in meanwhile', () => {
    // The form opened on version 7; a colleague's edit (version 8) reached this browser as the admin typed.
    const copy = copyWith(personRow('p1', 'Rose Baker-Hill', { version: 8 }));
    const outbox = enqueue(
      emptyOutbox(),
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'Rose Hill' }, seenVersion: 7 },
      'mutation-1',
      1,
    );
    const [sent] = nextBatch(outbox, 10);
    expect(sent).toMatchObject({ baseVersion: 7, data: { name: 'Rose Hill' } });
    // What the admin saw is the outbox's business, not the server's.
    expect(sent).not.toHaveProperty('seenVersion');
  });

  it('sends one change per row per push, and moves the next onto the version the first produced', () => {
    const copy = copyWith(personRow('p1', 'Rose Baker', { version: 7 }));
    let outbox = enqueue(
      emptyOutbox(),
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'Rose Hill' } },
      'mutation-1',
      1,
    );
    outbox = enqueue(
      outbox,
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { email: 'rose@firm.test' } },
      'mutation-2',
      2,
    );
    expect(nextBatch(outbox, 500).map((m) => m.mutationId)).toEqual(['mutation-1']);

    const after = applyResults(
      outbox,
      copy,
      [{ mutationId: 'mutation-1', status: 'applied', version: 9 }],
      3,
    );
    expect(after.outbox.queue.map((q) => [q.mutation.mutationId, q.mutation.baseVersion])).toEqual([
      ['mutation-2', 9],
    ]);
    expect(after.copy.tables.person.p1).toMatchObject({ name: 'Rose Hill', version: 9 });
  });

  it('sets a conflicting row aside with the server row, and keeps refusals with their reasons', () => {
    const copy = copyWith(
      personRow('p1', 'Rose Baker', { version: 7 }),
      personRow('p2', 'Sam Lee', { version: 8 }),
    );
    let outbox = enqueue(
      emptyOutbox(),
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'Rose Hill' } },
      'mutation-1',
      1,
    );
    outbox = enqueue(
      outbox,
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { email: 'rose@firm.test' } },
      'mutation-2',
      2,
    );
    outbox = enqueue(
      outbox,
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p2', data: { jobRoleId: 'nope' } },
      'mutation-3',
      3,
    );
    const theirs = { entity: 'person' as const, row: personRow('p1', 'Rose Baker-Hill', { version: 10 }) };
    const after = applyResults(
      outbox,
      copy,
      [
        { mutationId: 'mutation-1', status: 'conflict', current: theirs },
        {
          mutationId: 'mutation-3',
          status: 'rejected',
          errors: [{ field: 'jobRoleId', message: 'no such role' }],
        },
      ],
      4,
    );
    expect(after.outbox.queue).toEqual([]);
    expect(after.outbox.conflicts).toHaveLength(1);
    expect(after.outbox.conflicts[0]?.mine.map((m) => m.mutationId)).toEqual(['mutation-1', 'mutation-2']);
    expect(after.outbox.rejected[0]?.errors[0]?.message).toBe('no such role');
    expect(after.copy.tables.person.p1?.name).toBe('Rose Baker-Hill');
    expect(() =>
      enqueue(
        after.outbox,
        after.copy,
        { op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'x' } },
        'mutation-4',
        5,
      ),
    ).toThrow(ConflictPendingError);
  });

  it('resolves a conflict: mine goes again on the current version, theirs drops mine', () => {
    const copy = copyWith(personRow('p1', 'Rose Baker', { version: 7 }));
    let outbox = enqueue(
      emptyOutbox(),
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'Rose Hill' } },
      'mutation-1',
      1,
    );
    outbox = enqueue(
      outbox,
      copy,
      { op: 'upsert', entity: 'person', rowId: 'p1', data: { email: 'rose@firm.test' } },
      'mutation-2',
      2,
    );
    const theirs = { entity: 'person' as const, row: personRow('p1', 'Rose Baker-Hill', { version: 10 }) };
    const conflicted = applyResults(
      outbox,
      copy,
      [{ mutationId: 'mutation-1', status: 'conflict', current: theirs }],
      3,
    ).outbox;

    const mine = resolveConflict(conflicted, 'mutation-1', 'mine', 'mutation-5', 4);
    expect(mine.conflicts).toEqual([]);
    expect(mine.queue.map((q) => q.mutation)).toEqual([
      {
        op: 'upsert',
        entity: 'person',
        rowId: 'p1',
        mutationId: 'mutation-5',
        baseVersion: 10,
        data: { name: 'Rose Hill', email: 'rose@firm.test' },
      },
    ]);
    const kept = resolveConflict(conflicted, 'mutation-1', 'theirs', 'mutation-6', 4);
    expect(kept).toEqual({ queue: [], conflicts: [], rejected: [] });
  });
});
