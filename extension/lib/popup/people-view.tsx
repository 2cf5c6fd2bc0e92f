import { useMemo, useState } from 'preact/hooks';
import type { Account, Person } from '../../../shared/schemas/directory';
import type { Finding } from '../../../shared/schemas/findings';
import type { Tables } from '../sync/local-copy';
import type { ChangeInput } from '../sync/outbox';
import { FindingItem } from './findings-view';
import { newRowId, todayIso, useSend } from './popup-context';
import { Field } from './sign-in';

/** How many people the list draws at once: a search narrows a big directory, no scrolling through 2,000. */
const PAGE = 50;

export function accountsByOwner(tables: Tables): Map<string, Account[]> {
  const byOwner = new Map<string, Account[]>();
  for (const account of Object.values(tables.account)) {
    if (!account.ownerPersonId) continue;
    const list = byOwner.get(account.ownerPersonId);
    if (list) list.push(account);
    else byOwner.set(account.ownerPersonId, [account]);
  }
  return byOwner;
}

/** The staff directory: search, add, open a person. */
export function PeopleView({
  tables,
  findings,
  selectedId,
  onSelect,
}: {
  tables: Tables;
  findings: readonly Finding[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const owned = useMemo(() => accountsByOwner(tables), [tables]);
  const findingCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of findings) for (const id of f.personIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  }, [findings]);
  const people = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = Object.values(tables.person);
    const matches = q
      ? all.filter(
          (p) =>
            p.name.toLowerCase().includes(q) ||
            p.email?.toLowerCase().includes(q) ||
            owned.get(p.id)?.some((a) => a.username.toLowerCase().includes(q)),
        )
      : all;
    return matches.sort((a, b) => a.name.localeCompare(b.name));
  }, [tables, owned, query]);

  const selected = selectedId ? tables.person[selectedId] : undefined;
  if (selected) {
    return (
      <PersonDetail
        person={selected}
        tables={tables}
        accounts={owned.get(selected.id) ?? []}
        findings={findings.filter((f) => f.personIds.includes(selected.id))}
        onBack={() => onSelect(null)}
      />
    );
  }
  if (adding) {
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

  const total = Object.keys(tables.person).length;
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
        placeholder="Search by name, email or login"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {total === 0 ? (
        <p class="empty">No staff yet. Add the people who work at the firm, starting with yourself.</p>
      ) : people.length === 0 ? (
        <p class="empty">Nobody matches “{query}”.</p>
      ) : (
        <>
          <ul class="people" aria-label="Staff">
            {people.slice(0, PAGE).map((person) => {
              const count = findingCount.get(person.id) ?? 0;
              return (
                <li key={person.id}>
                  <button type="button" class="person-row" onClick={() => onSelect(person.id)}>
                    <span class="person-name">{person.name}</span>
                    <span class="muted">
                      {person.jobRoleId ? (tables.jobRole[person.jobRoleId]?.name ?? '') : ''}
                      {person.status === 'leaver' ? ' · Leaver' : ''}
                    </span>
                    {count > 0 && (
                      <span class="pill" title={`${count} finding${count === 1 ? '' : 's'}`}>
                        {count}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
          {people.length > PAGE && (
            <p class="muted">
              Showing {PAGE} of {people.length}. Search to narrow the list.
            </p>
          )}
        </>
      )}
    </section>
  );
}

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
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [jobRoleId, setJobRoleId] = useState(person?.jobRoleId ?? '');
  const [startDate, setStartDate] = useState(person?.startDate ?? '');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const roles = Object.values(tables.jobRole).sort((a, b) => a.name.localeCompare(b.name));

  async function submit(event: Event) {
    event.preventDefault();
    if (!name.trim()) return setError({ field: 'name', message: 'required' });
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      return setError({ field: 'email', message: 'not an email address' });
    const rowId = person?.id ?? newRowId();
    const values = {
      name: name.trim(),
      email: email.trim() || null,
      jobRoleId: jobRoleId || null,
      startDate: startDate || null,
    };
    // An edit sends only what changed, so keeping it in a conflict never overwrites the rest.
    const data = person
      ? Object.fromEntries(
          Object.entries(values).filter(([key, value]) => person[key as keyof typeof values] !== value),
        )
      : values;
    if (person && Object.keys(data).length === 0) return onDone(rowId);
    const result = await send('queueChange', { op: 'upsert', entity: 'person', rowId, data });
    if (result.ok) onDone(rowId);
    else setError({ message: result.message });
  }

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <Field id="person-name" label="Name" error={error?.field === 'name' ? error.message : undefined}>
        <input id="person-name" value={name} required onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field id="person-email" label="Email" error={error?.field === 'email' ? error.message : undefined}>
        <input
          id="person-email"
          type="email"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </Field>
      <Field id="person-role" label="Job role">
        <select id="person-role" value={jobRoleId} onChange={(e) => setJobRoleId(e.currentTarget.value)}>
          <option value="">No job role</option>
          {roles.map((role) => (
            <option key={role.id} value={role.id}>
              {role.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="person-start" label="Start date">
        <input
          id="person-start"
          type="date"
          value={startDate}
          onInput={(e) => setStartDate(e.currentTarget.value)}
        />
      </Field>
      {error && !error.field && (
        <p class="error" role="alert">
          {error.message}
        </p>
      )}
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

function PersonDetail({
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
  const [panel, setPanel] = useState<Panel>('none');
  const [error, setError] = useState<string | null>(null);
  const role = person.jobRoleId ? tables.jobRole[person.jobRoleId] : undefined;

  async function change(data: ChangeInput) {
    const result = await send('queueChange', data);
    setError(result.ok ? null : result.message);
    return result.ok;
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
            ? `Leaver${person.endDate ? `, left ${person.endDate}` : ''}`
            : 'Active'}
        </dd>
        <dt>Email</dt>
        <dd>{person.email ?? '—'}</dd>
        <dt>Job role</dt>
        <dd>{role?.name ?? '—'}</dd>
        <dt>Started</dt>
        <dd>{person.startDate ?? '—'}</dd>
      </dl>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {panel === 'edit' ? (
        <PersonForm person={person} tables={tables} onDone={() => setPanel('none')} />
      ) : panel === 'leave' ? (
        <LeaverForm person={person} onDone={() => setPanel('none')} change={change} />
      ) : panel === 'link' ? (
        <LinkAccountForm person={person} tables={tables} onDone={() => setPanel('none')} change={change} />
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
        <ul class="accounts">
          {accounts.map((account) => (
            <li key={account.id} class="row spread">
              <span>
                <strong>{account.username}</strong> in{' '}
                {tables.system[account.systemId]?.name ?? 'an unknown system'}
                <span class={`muted status-${account.status}`}> · {account.status}</span>
              </span>
              <button
                type="button"
                class="link"
                aria-label={`Unlink ${account.username}`}
                onClick={() =>
                  change({
                    op: 'upsert',
                    entity: 'account',
                    rowId: account.id,
                    data: { ownerPersonId: null },
                  })
                }
              >
                Unlink
              </button>
            </li>
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

type Change = (data: ChangeInput) => Promise<boolean>;

function LeaverForm({ person, onDone, change }: { person: Person; onDone: () => void; change: Change }) {
  const [endDate, setEndDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    if (!endDate) return setError('Pick the last day of work.');
    const done = await change({
      op: 'upsert',
      entity: 'person',
      rowId: person.id,
      data: { status: 'leaver', endDate, leaveReason: reason.trim() || null },
    });
    if (done) onDone();
  }
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <Field id="leaver-end" label="Last day" error={error ?? undefined}>
        <input
          id="leaver-end"
          type="date"
          value={endDate}
          required
          onInput={(e) => setEndDate(e.currentTarget.value)}
        />
      </Field>
      <Field id="leaver-reason" label="Reason (optional)">
        <input id="leaver-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
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
  onDone,
  change,
}: {
  person: Person;
  tables: Tables;
  onDone: () => void;
  change: Change;
}) {
  const [query, setQuery] = useState('');
  const candidates = useMemo(() => {
    const q = query.trim().toLowerCase();
    return Object.values(tables.account)
      .filter((a) => a.ownerPersonId !== person.id)
      .filter((a) => !q || a.username.toLowerCase().includes(q) || a.displayName?.toLowerCase().includes(q))
      .sort(
        (a, b) =>
          Number(!!a.ownerPersonId) - Number(!!b.ownerPersonId) || a.username.localeCompare(b.username),
      )
      .slice(0, 30);
  }, [tables, person.id, query]);

  return (
    <div class="stack">
      <label for="link-search">Find the login</label>
      <input id="link-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      {candidates.length === 0 ? (
        <p class="empty">No logins to link. Logins appear once a system’s user list is synced.</p>
      ) : (
        <ul class="accounts">
          {candidates.map((account) => (
            <li key={account.id} class="row spread">
              <span>
                <strong>{account.username}</strong> in {tables.system[account.systemId]?.name ?? '?'}
                {account.ownerPersonId && (
                  <span class="muted">
                    {' '}
                    · now {tables.person[account.ownerPersonId]?.name ?? 'someone'}’s
                  </span>
                )}
              </span>
              <button
                type="button"
                aria-label={`Link ${account.username} to ${person.name}`}
                onClick={async () => {
                  const done = await change({
                    op: 'upsert',
                    entity: 'account',
                    rowId: account.id,
                    data: { ownerPersonId: person.id },
                  });
                  if (done) onDone();
                }}
              >
                Link
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
