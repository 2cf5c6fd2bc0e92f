import type { SyncChange, SyncMutation } from '../../../shared/schemas/directory-input';
import type { Tables } from '../sync/local-copy';
import type { Outbox } from '../sync/outbox';
import { useSend } from './popup-context';

const ENTITY = { person: 'person', system: 'system', jobRole: 'job role', account: 'login' } as const;

function rowLabel(
  entity: SyncMutation['entity'],
  rowId: string,
  tables: Tables,
  current: SyncChange | null,
): string {
  const row = current?.row ?? tables[entity][rowId];
  if (!row) return `a ${ENTITY[entity]}`;
  return 'username' in row ? row.username : row.name;
}

const FIELD_LABEL: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  jobRoleId: 'Job role',
  startDate: 'Start date',
  endDate: 'Last day',
  status: 'Status',
  leaveReason: 'Reason for leaving',
  ownerPersonId: 'Owner',
  username: 'Login',
  displayName: 'Display name',
  permissions: 'Permissions',
  adminUrlPatterns: 'Admin pages',
  deleted: 'Deleted',
};

/** A field's value as the admin knows it: names rather than ids. */
function showField(field: string, value: unknown, tables: Tables): string {
  if (typeof value === 'string' && field === 'jobRoleId') return tables.jobRole[value]?.name ?? value;
  if (typeof value === 'string' && field === 'ownerPersonId') return tables.person[value]?.name ?? value;
  return show(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join(', ') || '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Changes the server could not take as they were: the admin chooses, nothing is dropped silently. */
export function ConflictsView({ outbox, tables }: { outbox: Outbox; tables: Tables }) {
  const send = useSend();
  const empty = outbox.conflicts.length === 0 && outbox.rejected.length === 0;
  return (
    <section class="view" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading" tabIndex={-1}>
        Conflicts
      </h2>
      {empty && <p class="empty">No conflicts. Every change went through.</p>}
      {outbox.conflicts.map((conflict) => {
        const mine = Object.assign(
          {},
          ...conflict.mine.map((m) => (m.op === 'upsert' ? m.data : { deleted: true })),
        ) as Record<string, unknown>;
        const theirs = (conflict.current?.row ?? null) as Record<string, unknown> | null;
        const label = rowLabel(conflict.entity, conflict.rowId, tables, conflict.current);
        // Only what differs: the fields both sides agree on need no choice.
        const fields = Object.keys(mine).filter(
          (field) =>
            !theirs || showField(field, mine[field], tables) !== showField(field, theirs[field], tables),
        );
        return (
          <article key={conflict.id} class="conflict" aria-label={`Conflict on ${label}`}>
            <h3>
              {label} <span class="muted">({ENTITY[conflict.entity]})</span>
            </h3>
            <p class="muted">Someone changed this on the server after you last synced.</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Yours</th>
                  <th scope="col">Server’s</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field) => (
                  <tr key={field}>
                    <th scope="row">{FIELD_LABEL[field] ?? field}</th>
                    <td>{showField(field, mine[field], tables)}</td>
                    <td>{theirs ? showField(field, theirs[field], tables) : 'deleted'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="row">
              <button
                type="button"
                class="primary"
                onClick={() => send('resolveConflict', { conflictId: conflict.id, choice: 'mine' })}
              >
                Keep mine
              </button>
              <button
                type="button"
                onClick={() => send('resolveConflict', { conflictId: conflict.id, choice: 'theirs' })}
              >
                Keep the server’s
              </button>
            </div>
          </article>
        );
      })}
      {outbox.rejected.map((rejection) => (
        <article key={rejection.mutation.mutationId} class="conflict" aria-label="Refused change">
          <h3>
            A change to {rowLabel(rejection.mutation.entity, rejection.mutation.rowId, tables, null)} was
            refused
          </h3>
          <ul>
            {rejection.errors.map((e) => (
              <li key={e.field}>
                {e.field}: {e.message}
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => send('discardRejection', { mutationId: rejection.mutation.mutationId })}
          >
            Discard this change
          </button>
        </article>
      ))}
    </section>
  );
}
