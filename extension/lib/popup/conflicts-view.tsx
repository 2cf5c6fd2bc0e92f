import { useState } from 'preact/hooks';
import type { SyncChange, SyncMutation } from '../../../shared/schemas/directory-input';
import type { Result } from '../result';
import type { Tables } from '../sync/local-copy';
import type { Outbox, Rejection } from '../sync/outbox';
import { JobRoleOptions } from './job-role-options';
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

/** What a change did, in the admin's words: “Add person ‘Amy Fox’”. Long names are cut short. */
export function describeChange(mutation: SyncMutation, tables: Tables): string {
  const data = (mutation.op === 'upsert' ? mutation.data : {}) as Record<string, unknown>;
  const stored = tables[mutation.entity][mutation.rowId] as Record<string, unknown> | undefined;
  const verb = mutation.op === 'delete' ? 'Delete' : stored ? 'Change' : 'Add';
  const name = String(data.username ?? data.name ?? stored?.username ?? stored?.name ?? '');
  const short = name.length > 40 ? `${name.slice(0, 39)}…` : name;
  return `${verb} ${ENTITY[mutation.entity]}${short ? ` ‘${short}’` : ''}`;
}

/** A refusal's field (`data.name`, `data.permissions.2`) as the admin knows it. */
function fieldLabel(field: string): string {
  const name = field.replace(/^data\./, '').split('.')[0] ?? '';
  return FIELD_LABEL[name] ?? '';
}

/** Fields a refused change can be corrected in, here: its words, dates and a person's job role. */
const EDITABLE = [
  'name',
  'email',
  'username',
  'displayName',
  'jobRoleId',
  'startDate',
  'endDate',
  'leaveReason',
];

/**
 * A change the server refused: what it was, why in words, and the admin's way on: correct it and
 * send it again, send it again as it is, or let it go. Other changes never wait for it.
 */
function RefusedChange({ rejection, tables }: { rejection: Rejection; tables: Tables }) {
  const send = useSend();
  const { mutation } = rejection;
  const data = (mutation.op === 'upsert' ? mutation.data : {}) as Record<string, unknown>;
  const editable = EDITABLE.filter((field) => field in data);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Result | null>(null);
  const title = describeChange(mutation, tables);

  async function retry(corrected: Record<string, unknown> | null) {
    const result = await send('retryRejection', { mutationId: mutation.mutationId, data: corrected });
    setProblem(result.ok ? null : result);
  }

  /** The form starts from the change as it was; a job role that is gone starts as none. */
  function startEditing() {
    const initial = (field: string) =>
      field === 'jobRoleId' && !tables.jobRole[String(data[field])] ? '' : String(data[field] ?? '');
    setDraft(Object.fromEntries(editable.map((field) => [field, initial(field)])));
    setEditing(true);
  }

  function save(event: Event) {
    event.preventDefault();
    const corrected = Object.fromEntries(
      Object.entries(draft).map(([field, value]) => [field, value.trim() === '' ? null : value.trim()]),
    );
    void retry(corrected);
  }

  const inputProps = (id: string, field: string, error: unknown) => ({
    id,
    value: draft[field] ?? '',
    'aria-invalid': error ? ('true' as const) : undefined,
    onInput: (event: Event) =>
      setDraft({ ...draft, [field]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value }),
  });

  const fieldProblem = (field: string) =>
    problem && !problem.ok
      ? problem.fields.find((f) => fieldLabel(f.field) === FIELD_LABEL[field])
      : undefined;

  return (
    <article class="conflict" aria-label={`Refused: ${title}`}>
      <h3>{title}</h3>
      <p class="muted">
        The server refused this change, so it has not been made. Your other changes still sync.
      </p>
      <ul class="error" role="alert">
        {rejection.errors.map((e) => (
          <li key={e.field}>
            {fieldLabel(e.field) ? `${fieldLabel(e.field)}: ` : ''}
            {e.message}
          </li>
        ))}
      </ul>
      {editing ? (
        <form class="stack" onSubmit={save} noValidate>
          {editable.map((field) => {
            const id = `refused-${mutation.mutationId}-${field}`;
            const error = fieldProblem(field);
            return (
              <div class="field" key={field}>
                <label for={id}>{FIELD_LABEL[field] ?? field}</label>
                {field === 'jobRoleId' ? (
                  <select {...inputProps(id, field, error)}>
                    <JobRoleOptions tables={tables} />
                  </select>
                ) : field.endsWith('Date') ? (
                  <input type="date" {...inputProps(id, field, error)} />
                ) : (
                  <input type="text" {...inputProps(id, field, error)} />
                )}
                {error && <p class="error">{error.message}</p>}
              </div>
            );
          })}
          <div class="row">
            <button type="submit" class="primary">
              Save and send again
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div class="row">
          {editable.length > 0 && (
            <button type="button" class="primary" onClick={startEditing}>
              Edit
            </button>
          )}
          <button type="button" onClick={() => void retry(null)}>
            Retry
          </button>
          <button type="button" onClick={() => send('discardRejection', { mutationId: mutation.mutationId })}>
            Discard
          </button>
        </div>
      )}
      {problem && !problem.ok && problem.fields.length === 0 && (
        <p class="error" role="alert">
          {problem.message}
        </p>
      )}
    </article>
  );
}

/** Changes the server could not take as they were: the admin chooses, nothing is dropped silently. */
export function ConflictsView({ outbox, tables }: { outbox: Outbox; tables: Tables }) {
  const send = useSend();
  const empty = outbox.conflicts.length === 0 && outbox.rejected.length === 0;
  return (
    <section class="view" aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading" tabIndex={-1}>
        Not synced
      </h2>
      {empty && <p class="empty">Nothing waits for you: every change went through.</p>}
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
        <RefusedChange key={rejection.mutation.mutationId} rejection={rejection} tables={tables} />
      ))}
    </section>
  );
}
