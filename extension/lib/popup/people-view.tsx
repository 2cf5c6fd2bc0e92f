import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Account, Person } from '../../../shared/schemas/directory';
import type { Finding } from '../../../shared/schemas/findings';
import type { FieldError } from '../../../shared/schemas/problem';
import type { Send } from '../messaging';
import { accountsByPerson, type StaffIndex, searchStaff } from '../staff-index';
import type { Tables } from '../sync/local-copy';
import type { ChangeInput } from '../sync/outbox';
import { formatDate } from '../ui/format-date';
import { FindingItem } from './findings-view';
import { JobRoleOptions } from './job-role-options';
import { newRowId, todayIso, useSend } from './popup-context';
import { Field } from './sign-in';
import { StaffList } from './staff-list';

// Each person's logins is declared with the staff index; the console's staff screen takes it from here.
export { accountsByPerson } from '../staff-index';

/**
 * Checks a change with the server's own schema, then queues it. Answers what is wrong, one error
 * per field (none when the change is queued), so a form shows the problem before anything is sent.
 */
export async function queueChecked(send: Send, change: ChangeInput, creating = false): Promise<FieldError[]> {
  // The server's schemas (zod) load with the first change checked, not with the popup.
  const { checkChange } = await import('../sync/check-change');
  const problems = checkChange(change, { creating });
  if (problems.length > 0) return problems;
  const result = await send('queueChange', change);
  if (result.ok) return [];
  return result.fields.length > 0 ? result.fields : [{ field: '', message: result.message }];
}

/** The message for one field, or for the form as a whole (`''`): messages no field shows go there. */
export function messageFor(
  errors: readonly FieldError[],
  field: string,
  fields: readonly string[],
): string | undefined {
  if (field !== '') return errors.find((e) => e.field === field)?.message;
  const rest = errors.filter((e) => !fields.includes(e.field)).map((e) => e.message);
  return rest.length > 0 ? [...new Set(rest)].join(' ') : undefined;
}

export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

const STATUS_WORDS: Record<Account['status'], string> = {
  active: 'Active',
  disabled: 'Disabled',
  removed: 'Removed',
};

const systemName = (tables: Tables, systemId: string) => tables.system[systemId]?.name ?? 'an unknown system';
const personName = (tables: Tables, personId: string) =>
  tables.person[personId]?.name ?? 'someone not on the staff list';

/**
 * The staff directory: search, add, open a person. The list draws from the staff index alone (the
 * directory may still be loading); a person's page and the add form wait for the directory.
 */
export function PeopleView({
  staff,
  tables,
  findings,
  selectedId,
  onSelect,
  onNeedDirectory,
}: {
  staff: StaffIndex;
  /** The directory, null until it is asked for and read. */
  tables: Tables | null;
  findings: readonly Finding[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** A person's page or the add form is to be shown: read the directory. */
  onNeedDirectory?: () => void;
}) {
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const needsDirectory = (selectedId !== null || adding) && !tables;
  useEffect(() => {
    if (needsDirectory) onNeedDirectory?.();
  }, [needsDirectory, onNeedDirectory]);
  const people = useMemo(() => searchStaff(staff, query), [staff, query]);
  const logins = useMemo(
    () => (tables && selectedId ? accountsByPerson(tables) : null),
    [tables, selectedId],
  );

  if (selectedId || adding) {
    if (!tables) {
      return (
        <p role="status" aria-busy="true">
          Loading…
        </p>
      );
    }
    const selected = selectedId ? tables.person[selectedId] : undefined;
    if (selected) {
      return (
        <PersonDetail
          // A fresh detail per person: no message about one person lingers on the next.
          key={selected.id}
          person={selected}
          tables={tables}
          accounts={logins?.get(selected.id) ?? []}
          findings={findings.filter((f) => f.personIds.includes(selected.id))}
          onBack={() => onSelect(null)}
        />
      );
    }
  }
  if (adding && tables) {
    return (
      <section class="view" aria-labelledby="add-person-heading">
        <h2 id="add-person-heading" tabIndex={-1}>
          Add a person
        </h2>
        <PersonForm
          tables={tables}
          onDone={(id) => {
            setAdding(false);
            if (id) onSelect(id);
          }}
        />
      </section>
    );
  }

  const total = staff.rows.length;
  return (
    <section class="view" aria-labelledby="people-heading">
      <div class="row spread">
        <h2 id="people-heading" tabIndex={-1}>
          Staff
        </h2>
        <button type="button" class="primary" onClick={() => setAdding(true)}>
          Add person
        </button>
      </div>
      <label class="visually-hidden" for="people-search">
        Search staff
      </label>
      <input
        id="people-search"
        type="search"
        placeholder="Search by name, email, job role or login"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {total === 0 ? (
        <p class="empty">No staff yet. Add the people who work at the firm, starting with yourself.</p>
      ) : people.length === 0 ? (
        <p class="empty">Nobody matches “{query}”.</p>
      ) : (
        <>
          <p class="muted count" role="status">
            {people.length === total
              ? `${total.toLocaleString()} ${total === 1 ? 'person' : 'people'}`
              : `${people.length.toLocaleString()} of ${total.toLocaleString()} match`}
          </p>
          <StaffList rows={people} label="Staff" onSelect={onSelect} />
        </>
      )}
    </section>
  );
}

const PERSON_FIELDS = ['name', 'email', 'jobRoleId', 'startDate'];

/** Add or edit a person: name, email, job role, start date. */
export function PersonForm({
  person,
  tables,
  onDone,
}: {
  person?: Person;
  tables: Tables;
  onDone: (id: string | null) => void;
}) {
  const send = useSend();
  // The person as the form opened on them: what the admin saw, whatever syncs in meanwhile.
  const [opened] = useState(person);
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [jobRoleId, setJobRoleId] = useState(person?.jobRoleId ?? '');
  const [startDate, setStartDate] = useState(person?.startDate ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  // Editing a field clears what was said about it.
  const edited = (field: string) =>
    setErrors((now) => now.filter((e) => e.field !== field && e.field !== ''));

  async function submit(event: Event) {
    event.preventDefault();
    const rowId = opened?.id ?? newRowId();
    const values = {
      name: name.trim(),
      email: email.trim() || null,
      jobRoleId: jobRoleId || null,
      startDate: startDate || null,
    };
    // An edit sends only what changed, so keeping it in a conflict never overwrites the rest.
    const data = opened
      ? Object.fromEntries(
          Object.entries(values).filter(([key, value]) => opened[key as keyof typeof values] !== value),
        )
      : values;
    if (opened && Object.keys(data).length === 0) return onDone(rowId);
    const problems = await queueChecked(
      send,
      { op: 'upsert', entity: 'person', rowId, data, seenVersion: opened?.version },
      !opened,
    );
    setErrors(problems);
    if (problems.length === 0) onDone(rowId);
  }

  const error = (field: string) => messageFor(errors, field, PERSON_FIELDS);
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <Field id="person-name" label="Name" error={error('name')}>
        <input
          id="person-name"
          value={name}
          required
          onInput={(e) => {
            setName(e.currentTarget.value);
            edited('name');
          }}
        />
      </Field>
      <Field id="person-email" label="Email" error={error('email')}>
        <input
          id="person-email"
          type="email"
          value={email}
          onInput={(e) => {
            setEmail(e.currentTarget.value);
            edited('email');
          }}
        />
      </Field>
      <Field id="person-role" label="Job role" error={error('jobRoleId')}>
        <select
          id="person-role"
          value={jobRoleId}
          onChange={(e) => {
            setJobRoleId(e.currentTarget.value);
            edited('jobRoleId');
          }}
        >
          <JobRoleOptions tables={tables} />
        </select>
      </Field>
      <Field id="person-start" label="Start date" error={error('startDate')}>
        <input
          id="person-start"
          type="date"
          value={startDate}
          onInput={(e) => {
            setStartDate(e.currentTarget.value);
            edited('startDate');
          }}
        />
      </Field>
      <FormError message={error('')} />
      <div class="row">
        <button type="submit" class="primary">
          Save
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type Panel = 'none' | 'edit' | 'leave' | 'link';

/** Something just done that can be taken back, said once, until the next thing happens. */
type Done = { text: string; undo: ChangeInput | null };

export function PersonDetail({
  person,
  tables,
  accounts,
  findings,
  onBack,
}: {
  person: Person;
  tables: Tables;
  accounts: Account[];
  findings: Finding[];
  onBack: () => void;
}) {
  const send = useSend();
  const [panel, setPanelState] = useState<Panel>('none');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const role = person.jobRoleId ? tables.jobRole[person.jobRoleId] : undefined;

  function setPanel(next: Panel) {
    setPanelState(next);
    setError(null);
    setDone(null);
  }

  /** Queues a change made by a button (no form to show a field's error): any problem shows here. */
  async function change(data: ChangeInput, after: Done | null = null): Promise<boolean> {
    const problems = await queueChecked(send, data);
    setError(problems.length > 0 ? [...new Set(problems.map((p) => p.message))].join(' ') : null);
    setDone(problems.length > 0 ? null : after);
    return problems.length === 0;
  }

  function unlink(account: Account) {
    const where = `${account.username} in ${systemName(tables, account.systemId)}`;
    if (account.ownerPersonId === person.id) {
      return change(
        { op: 'upsert', entity: 'account', rowId: account.id, data: { ownerPersonId: null } },
        {
          text: `Unlinked ${where} from ${person.name}.`,
          undo: { op: 'upsert', entity: 'account', rowId: account.id, data: { ownerPersonId: person.id } },
        },
      );
    }
    return change(
      {
        op: 'upsert',
        entity: 'account',
        rowId: account.id,
        data: { userPersonIds: account.userPersonIds.filter((id) => id !== person.id) },
      },
      {
        text: `${person.name} no longer uses ${where}.`,
        undo: {
          op: 'upsert',
          entity: 'account',
          rowId: account.id,
          data: { userPersonIds: account.userPersonIds },
        },
      },
    );
  }

  return (
    <section class="view" aria-labelledby="person-heading">
      <button type="button" class="link back" onClick={onBack}>
        ← All staff
      </button>
      <h2 id="person-heading" tabIndex={-1}>
        {person.name}
      </h2>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          {person.status === 'leaver'
            ? `Leaver${person.endDate ? `, left ${formatDate(person.endDate)}` : ''}`
            : 'Active'}
        </dd>
        <dt>Email</dt>
        <dd>{person.email ?? '—'}</dd>
        <dt>Job role</dt>
        <dd>{role?.name ?? '—'}</dd>
        <dt>Started</dt>
        <dd>{person.startDate ? formatDate(person.startDate) : '—'}</dd>
      </dl>
      <FormError message={error ?? undefined} />
      {done && (
        <p class="notice row spread" role="status">
          <span>{done.text}</span>
          {done.undo && (
            <button
              type="button"
              class="link"
              onClick={() => {
                const undo = done.undo;
                setDone(null);
                if (undo) void change(undo);
              }}
            >
              Undo
            </button>
          )}
        </p>
      )}
      {panel === 'edit' ? (
        <PersonForm person={person} tables={tables} onDone={() => setPanel('none')} />
      ) : panel === 'leave' ? (
        <LeaverForm person={person} tables={tables} accounts={accounts} onDone={() => setPanel('none')} />
      ) : panel === 'link' ? (
        <LinkAccountForm
          person={person}
          tables={tables}
          onClose={() => setPanel('none')}
          onLinked={(linked) => {
            setPanelState('none');
            setError(null);
            setDone(linked);
          }}
        />
      ) : (
        <div class="row wrap">
          <button type="button" onClick={() => setPanel('edit')}>
            Edit
          </button>
          {person.status === 'leaver' ? (
            <button
              type="button"
              onClick={() =>
                change({
                  op: 'upsert',
                  entity: 'person',
                  rowId: person.id,
                  data: { status: 'active', endDate: null, leaveReason: null },
                })
              }
            >
              Undo leaver
            </button>
          ) : (
            <button type="button" onClick={() => setPanel('leave')}>
              Mark as leaver…
            </button>
          )}
          <button type="button" onClick={() => setPanel('link')}>
            Link an account…
          </button>
        </div>
      )}
      <h3>Accounts</h3>
      {accounts.length === 0 ? (
        <p class="empty">No accounts linked.</p>
      ) : (
        <ul class="accounts" aria-label={`${person.name}’s accounts`}>
          {accounts.map((account) => (
            <AccountItem
              key={account.id}
              account={account}
              person={person}
              tables={tables}
              onUnlink={() => unlink(account)}
            />
          ))}
        </ul>
      )}
      <h3>Findings</h3>
      {findings.length === 0 ? (
        <p class="empty">No findings for {person.name}.</p>
      ) : (
        <ul class="findings">
          {findings.map((finding) => (
            <FindingItem key={finding.id} finding={finding} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Who else is behind a login besides this person: its owner, and the others who use it. */
function sharedWith(account: Account, person: Person, tables: Tables): string | null {
  const owner = account.ownerPersonId && account.ownerPersonId !== person.id ? account.ownerPersonId : null;
  const others = account.userPersonIds.filter((id) => id !== person.id && id !== account.ownerPersonId);
  if (!owner && others.length === 0) return null;
  const names = others.map((id) => personName(tables, id));
  if (owner)
    return `Shared login, owned by ${personName(tables, owner)}${names.length ? `, also used by ${names.join(', ')}` : ''}`;
  return `Shared with ${names.join(', ')}`;
}

function AccountItem({
  account,
  person,
  tables,
  onUnlink,
}: {
  account: Account;
  person: Person;
  tables: Tables;
  onUnlink: () => void;
}) {
  const system = tables.system[account.systemId];
  const permissions = account.permissions.map(
    (name) => system?.permissions.find((p) => p.name === name)?.label || name,
  );
  const shared = sharedWith(account, person, tables);
  const owns = account.ownerPersonId === person.id;
  return (
    <li class="account">
      <div class="row spread">
        <span>
          <strong>{account.username}</strong> in {systemName(tables, account.systemId)}
          <span class={`muted status-${account.status}`}> · {STATUS_WORDS[account.status]}</span>
        </span>
        <button
          type="button"
          class="link"
          aria-label={`Unlink ${account.username}`}
          title={owns ? undefined : `${person.name} no longer uses it`}
          onClick={onUnlink}
        >
          Unlink
        </button>
      </div>
      {shared && <span class="muted">{shared}</span>}
      <span class="muted">
        Permissions: {permissions.length > 0 ? permissions.join(', ') : 'none recorded'}
      </span>
      <span class="muted">
        Last sign-in: {account.lastSignInAt !== null ? formatDate(account.lastSignInAt) : 'none recorded'}
      </span>
    </li>
  );
}

/** The logins a leaver has, by system: what the admin disables (or, if shared, changes the password of). */
function LoginsToDisable({
  person,
  tables,
  accounts,
}: {
  person: Person;
  tables: Tables;
  accounts: Account[];
}) {
  const bySystem = new Map<string, Account[]>();
  for (const account of accounts) {
    const name = systemName(tables, account.systemId);
    bySystem.set(name, [...(bySystem.get(name) ?? []), account]);
  }
  const systems = [...bySystem.entries()].sort(([a], [b]) => a.localeCompare(b));
  if (systems.length === 0) {
    return (
      <p class="notice">
        {person.name} has no logins in Rollcall yet. Link them first, so none is left open after the last day.
      </p>
    );
  }
  return (
    <div class="to-disable">
      <p id="to-disable-heading" class="to-disable-heading">
        <strong>Logins to disable after the last day</strong>
      </p>
      <ul class="logins-to-disable" aria-labelledby="to-disable-heading">
        {systems.map(([name, logins]) => (
          <li key={name}>
            {name}:{' '}
            {logins.map((account, index) => (
              <span key={account.id}>
                {index > 0 && ', '}
                <strong>{account.username}</strong>
                {account.status !== 'active'
                  ? ` (already ${STATUS_WORDS[account.status].toLowerCase()})`
                  : sharedWith(account, person, tables)
                    ? ' (shared: change its password too)'
                    : ''}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

const LEAVER_FIELDS = ['endDate', 'leaveReason'];

function LeaverForm({
  person,
  tables,
  accounts,
  onDone,
}: {
  person: Person;
  tables: Tables;
  accounts: Account[];
  onDone: () => void;
}) {
  const send = useSend();
  const [endDate, setEndDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const edited = (field: string) =>
    setErrors((now) => now.filter((e) => e.field !== field && e.field !== ''));

  async function submit(event: Event) {
    event.preventDefault();
    if (!endDate) return setErrors([{ field: 'endDate', message: 'Last day: required.' }]);
    const problems = await queueChecked(send, {
      op: 'upsert',
      entity: 'person',
      rowId: person.id,
      data: { status: 'leaver', endDate, leaveReason: reason.trim() || null },
    });
    setErrors(problems);
    if (problems.length === 0) onDone();
  }

  const error = (field: string) => messageFor(errors, field, LEAVER_FIELDS);
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <LoginsToDisable person={person} tables={tables} accounts={accounts} />
      <Field id="leaver-end" label="Last day" error={error('endDate')}>
        <input
          id="leaver-end"
          type="date"
          value={endDate}
          required
          onInput={(e) => {
            setEndDate(e.currentTarget.value);
            edited('endDate');
          }}
        />
      </Field>
      <Field id="leaver-reason" label="Reason (optional)" error={error('leaveReason')}>
        <input
          id="leaver-reason"
          value={reason}
          onInput={(e) => {
            setReason(e.currentTarget.value);
            edited('leaveReason');
          }}
        />
      </Field>
      <FormError message={error('')} />
      <div class="row">
        <button type="submit" class="primary">
          Mark as leaver
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function LinkAccountForm({
  person,
  tables,
  onClose,
  onLinked,
}: {
  person: Person;
  tables: Tables;
  onClose: () => void;
  onLinked: (done: Done) => void;
}) {
  const send = useSend();
  const [query, setQuery] = useState('');
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const candidates = useMemo(() => {
    const q = query.trim().toLowerCase();
    return Object.values(tables.account)
      .filter((a) => a.ownerPersonId !== person.id)
      .filter(
        (a) =>
          !q ||
          a.username.toLowerCase().includes(q) ||
          a.displayName?.toLowerCase().includes(q) ||
          tables.system[a.systemId]?.name.toLowerCase().includes(q),
      )
      .sort(
        (a, b) =>
          Number(!!a.ownerPersonId) - Number(!!b.ownerPersonId) || a.username.localeCompare(b.username),
      )
      .slice(0, 30);
  }, [tables, person.id, query]);

  async function link(account: Account) {
    const previous = account.ownerPersonId;
    const data: Extract<ChangeInput, { entity: 'account'; op: 'upsert' }>['data'] = {
      ownerPersonId: person.id,
    };
    // An owner is not also one of the login's other users.
    if (account.userPersonIds.includes(person.id))
      data.userPersonIds = account.userPersonIds.filter((id) => id !== person.id);
    const problems = await queueChecked(send, { op: 'upsert', entity: 'account', rowId: account.id, data });
    if (problems.length > 0) {
      setError([...new Set(problems.map((p) => p.message))].join(' '));
      return;
    }
    const where = `${account.username} in ${systemName(tables, account.systemId)}`;
    onLinked({
      text: previous
        ? `Linked ${where} to ${person.name}, in place of ${personName(tables, previous)}.`
        : `Linked ${where} to ${person.name}.`,
      undo: {
        op: 'upsert',
        entity: 'account',
        rowId: account.id,
        data: { ownerPersonId: previous, userPersonIds: account.userPersonIds },
      },
    });
  }

  return (
    <div class="stack">
      <label for="link-search">Find the login</label>
      <input
        id="link-search"
        type="search"
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setAsking(null);
          setError(null);
        }}
      />
      <FormError message={error ?? undefined} />
      {candidates.length === 0 ? (
        <p class="empty">No logins to link. Logins appear once a system’s user list is synced.</p>
      ) : (
        <ul class="accounts">
          {candidates.map((account) => {
            const owner = account.ownerPersonId ? personName(tables, account.ownerPersonId) : null;
            return (
              <li key={account.id} class="account">
                <div class="row spread">
                  <span>
                    <strong>{account.username}</strong> in {systemName(tables, account.systemId)}
                    {owner && <span class="muted"> · {owner}’s</span>}
                  </span>
                  {asking !== account.id && (
                    <button
                      type="button"
                      aria-label={`Link ${account.username} to ${person.name}`}
                      onClick={() => {
                        setError(null);
                        if (owner) setAsking(account.id);
                        else void link(account);
                      }}
                    >
                      Link
                    </button>
                  )}
                </div>
                {asking === account.id && owner && (
                  <fieldset class="confirm">
                    <legend>
                      {account.username} is {owner}’s login now. Link it to {person.name} instead?
                    </legend>
                    <div class="row">
                      <button type="button" class="primary" onClick={() => void link(account)}>
                        Take it from {owner}
                      </button>
                      <button type="button" onClick={() => setAsking(null)}>
                        Cancel
                      </button>
                    </div>
                  </fieldset>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" onClick={onClose}>
        Done
      </button>
    </div>
  );
}
