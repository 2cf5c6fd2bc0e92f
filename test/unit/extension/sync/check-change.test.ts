import { describe, expect, it } from 'vitest';
import { checkChange } from '../../../../extension/lib/sync/check-change';
import { syncMutationSchema } from '../../../../shared/schemas/directory-input';

describe('checking a change before it is queued', () => {
  it('passes a change the server takes', () => {
    expect(
      checkChange(
        {
          op: 'upsert',
          entity: 'person',
          rowId: 'p1',
          data: { name: 'Rose Baker', email: 'rose@firm.test' },
        },
        { creating: true },
      ),
    ).toEqual([]);
    expect(checkChange({ op: 'delete', entity: 'account', rowId: 'a1' })).toEqual([]);
    // The version a form opened on is the outbox's, not a field of the row.
    expect(
      checkChange({
        op: 'upsert',
        entity: 'person',
        rowId: 'p1',
        data: { name: 'Rose Hill' },
        seenVersion: 3,
      }),
    ).toEqual([]);
  });

  it('refuses a 400-character name in plain words, as the server would', () => {
    const change = { op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'R'.repeat(400) } } as const;
    // The server's own schema refuses it too: the check is the same one.
    expect(
      syncMutationSchema.safeParse({ ...change, mutationId: 'mutation-1', baseVersion: null }).success,
    ).toBe(false);
    expect(checkChange(change)).toEqual([{ field: 'name', message: 'Name: at most 200 characters.' }]);
  });

  it('refuses a broken character the server would refuse, naming the field', () => {
    const errors = checkChange({
      op: 'upsert',
      entity: 'person',
      rowId: 'p1',
      data: { name: 'Dana \ud800 Reyes' },
    });
    expect(errors).toEqual([
      { field: 'name', message: 'Name: contains a broken character (half of an emoji or a damaged letter).' },
    ]);
  });

  it('names each field once, in words, never in zod’s', () => {
    const errors = checkChange({
      op: 'upsert',
      entity: 'person',
      rowId: 'p1',
      data: { name: '', email: 'not-an-address', startDate: '20/11/2026', leaveReason: 'x'.repeat(501) },
    });
    expect(errors).toEqual([
      { field: 'name', message: 'Name: required.' },
      { field: 'email', message: 'Email: not an email address.' },
      { field: 'startDate', message: 'Start date: not a date.' },
      { field: 'leaveReason', message: 'Reason: at most 500 characters.' },
    ]);
  });

  it('keeps the shared schemas’ own words, such as what a permission name may hold', () => {
    expect(
      checkChange({
        op: 'upsert',
        entity: 'account',
        rowId: 'a1',
        data: { permissions: ['refunds.process', 'pay all', 'also bad!'] },
      }),
    ).toEqual([{ field: 'permissions', message: 'Permissions: letters, digits and . _ : - only.' }]);
  });

  it('asks for what a new row needs, only when the row is new', () => {
    const change = { op: 'upsert', entity: 'account', rowId: 'a1', data: { username: 'rbaker' } } as const;
    expect(checkChange(change)).toEqual([]);
    expect(checkChange(change, { creating: true })).toEqual([
      { field: 'systemId', message: 'System: required.' },
    ]);
    expect(
      checkChange({ op: 'upsert', entity: 'person', rowId: 'p9', data: { email: null } }, { creating: true }),
    ).toEqual([{ field: 'name', message: 'Name: required.' }]);
  });

  it('says a field Rollcall does not keep is one, without the schema’s jargon', () => {
    const errors = checkChange({
      op: 'upsert',
      entity: 'person',
      rowId: 'p1',
      data: { name: 'Rose', nickname: 'Ro' } as never,
    });
    expect(errors).toEqual([{ field: 'nickname', message: 'This change: not something Rollcall keeps.' }]);
  });
});
