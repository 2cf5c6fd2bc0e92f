import { useMemo, useState } from 'preact/hooks';
import type { Account, Person } from '../../../shared/schemas/directory';
import type { ImportResult } from '../../../shared/schemas/directory-input';
import type { Finding } from '../../../shared/schemas/findings';
import type { FieldError } from '../../../shared/schemas/problem';
import { accountsByPerson, PersonDetail, PersonForm, queueChecked } from '../popup/people-view';
import { useSend } from '../popup/popup-context';
import type { Tables } from '../sync/local-copy';
import { formatDate } from '../ui/format-date';
import { callApi } from './api';
import { useConsole, useDirectory } from './console-context';
import { contract } from './contract';
import { PermissionList } from './permission-list';
import { href } from './routes';
import { filterStaff, type StaffFilter, type StaffSort, staffRows } from './staff-table';
import {
  ConfirmButton,
  download,
  fileDate,
  LoadedView,
  Loading,
  Message,
  type Said,
  ScreenHeading,
  useLoaded,
} from './ui';

/** How many rows the table draws before "Show more": a filter narrows 2,000 people faster than a scroll. */
const SHOWN = 100;

export function StaffScreen({ id }: { id: string | null }) {
  const { tables, findings } = useDirectory();
  if (!tables || !findings) return <Loading what="staff" />;
  if (id === 'import') return <ImportPeople />;
  if (id === 'new')
    return (
      <section>
        <a class="back" href={href('staff')}>
          ← All staff
        </a>
        <ScreenHeading>Add a person</ScreenHeading>
        <div class="form-wide">
          <PersonForm tables={tables} onDone={(added) => location.assign(href('staff', added))} />
        </div>
      </section>
    );
  const person = id ? tables.person[id] : undefined;
  if (person) return <PersonPage person={person} tables={tables} findings={findings} />;
  return <StaffTable tables={tables} findings={findings} missing={id} />;
}

const COLUMNS: { sort: StaffSort; label: string; numeric?: boolean }[] = [
  { sort: 'name', label: 'Name' },
  { sort: 'role', label: 'Job role' },
  { sort: 'status', label: 'Status' },
  { sort: 'accounts', label: 'Logins', numeric: true },
  { sort: 'findings', label: 'Findings', numeric: true },
];

export function StaffTable({
  tables,
  findings,
  missing = null,
}: {
  tables: Tables;
  findings: readonly Finding[];
  missing?: string | null;
}) {
  const send = useSend();
  const { can } = useConsole();
  const [filter, setFilter] = useState<StaffFilter>({ text: '', status: '', roleId: '' });
  const [sort, setSort] = useState<{ by: StaffSort; descending: boolean }>({ by: 'name', descending: false });
  const [limit, setLimit] = useState(SHOWN);
  const [said, setSaid] = useState<Said>(null);
  const rows = useMemo(() => staffRows(tables, findings), [tables, findings]);
  const shown = useMemo(() => filterStaff(rows, filter, sort.by, sort.descending), [rows, filter, sort]);
  const roles = Object.values(tables.jobRole).sort((a, b) => a.name.localeCompare(b.name));

  async function exportCsv() {
    const result = await callApi(send, contract.people.export);
    if (result.ok) download(result.value, `rollcall-staff-${fileDate()}.csv`, 'text/csv');
    else setSaid({ kind: 'error', text: result.message });
  }

  return (
    <section>
      <ScreenHeading
        actions={
          <>
            {can(contract.people.create) && (
              <a class="button primary" href={href('staff', 'new')}>
                Add a person
              </a>
            )}
            {can(contract.people.import) && (
              <a class="button" href={href('staff', 'import')}>
                Import CSV
              </a>
            )}
            {can(contract.people.export) && (
              <button type="button" onClick={exportCsv}>
                Export CSV
              </button>
            )}
          </>
        }
      >
        Staff
      </ScreenHeading>
      {missing && (
        <p class="error" role="alert">
          That person is not in Rollcall any more.
        </p>
      )}
      <Message said={said} />
      <div class="filter-bar row wrap">
        <label for="staff-filter" class="visually-hidden">
          Filter staff
        </label>
        <input
          id="staff-filter"
          type="search"
          data-filter
          placeholder="Filter by name, email, role or login (press /)"
          value={filter.text}
          onInput={(e) => {
            setFilter({ ...filter, text: e.currentTarget.value });
            setLimit(SHOWN);
          }}
        />
        <label for="staff-status" class="visually-hidden">
          Status
        </label>
        <select
          id="staff-status"
          value={filter.status}
          onChange={(e) => setFilter({ ...filter, status: e.currentTarget.value as StaffFilter['status'] })}
        >
          <option value="">Everyone</option>
          <option value="active">Active</option>
          <option value="leaver">Leavers</option>
        </select>
        <label for="staff-role" class="visually-hidden">
          Job role
        </label>
        <select
          id="staff-role"
          value={filter.roleId}
          onChange={(e) => setFilter({ ...filter, roleId: e.currentTarget.value })}
        >
          <option value="">Any job role</option>
          <option value="-">No job role</option>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <span class="muted" role="status" data-testid="staff-count">
          {shown.length} of {rows.length}
        </span>
      </div>
      {rows.length === 0 ? (
        <p class="empty">No staff yet. Add people one by one, or import them from a CSV file.</p>
      ) : shown.length === 0 ? (
        <p class="empty">No one matches.</p>
      ) : (
        <div class="table-wrap">
          <table class="data" aria-label="Staff">
            <thead>
              <tr>
                {COLUMNS.map((col) => (
                  <th
                    scope="col"
                    key={col.sort}
                    class={col.numeric ? 'num' : undefined}
                    aria-sort={
                      sort.by === col.sort ? (sort.descending ? 'descending' : 'ascending') : undefined
                    }
                  >
                    <button
                      type="button"
                      class="sort"
                      onClick={() =>
                        setSort({
                          by: col.sort,
                          descending: sort.by === col.sort ? !sort.descending : !!col.numeric,
                        })
                      }
                    >
                      {col.label}
                      <span aria-hidden="true">
                        {sort.by === col.sort ? (sort.descending ? ' ▾' : ' ▴') : ''}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, limit).map((row) => (
                <tr key={row.person.id}>
                  <th scope="row">
                    <a href={href('staff', row.person.id)}>{row.person.name}</a>
                    {row.person.email && <span class="muted block">{row.person.email}</span>}
                  </th>
                  <td>{row.role || '—'}</td>
                  <td>{row.person.status === 'leaver' ? 'Leaver' : 'Active'}</td>
                  <td class="num">{row.accounts}</td>
                  <td class={`num${row.findings > 0 ? ' has-findings' : ''}`}>{row.findings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown.length > limit && (
        <button type="button" onClick={() => setLimit(limit + 500)}>
          Show more ({shown.length - limit} not shown)
        </button>
      )}
    </section>
  );
}

/** A person: their details and actions (as in the popup), their logins against their job role, their checklist. */
function PersonPage({
  person,
  tables,
  findings,
}: {
  person: Person;
  tables: Tables;
  findings: readonly Finding[];
}) {
  const send = useSend();
  const { can } = useConsole();
  const [said, setSaid] = useState<Said>(null);
  const accounts = useMemo(() => accountsByPerson(tables).get(person.id) ?? [], [tables, person.id]);
  const theirs = useMemo(
    () => findings.filter((f) => f.personIds.includes(person.id)),
    [findings, person.id],
  );
  const editable = can(contract.people.update);
  return (
    <div class="person-page">
      {editable ? (
        <PersonDetail
          person={person}
          tables={tables}
          accounts={accounts}
          findings={theirs}
          onBack={() => location.assign(href('staff'))}
        />
      ) : (
        <section>
          <a class="back" href={href('staff')}>
            ← All staff
          </a>
          <ScreenHeading>{person.name}</ScreenHeading>
        </section>
      )}
      <LoginsAgainstRole person={person} tables={tables} accounts={accounts} findings={theirs} />
      {person.status === 'leaver' && <LeaverChecklist person={person} tables={tables} />}
      {can(contract.people.remove) && (
        <section class="danger-zone">
          <h3>Delete</h3>
          <p class="muted">
            Deleting takes {person.name} off the staff list; their logins stay, with no owner.
          </p>
          <ConfirmButton
            label="Delete person…"
            question={`Delete ${person.name}? This cannot be undone.`}
            confirm="Delete person"
            onConfirm={async () => {
              const problems = await queueChecked(send, { op: 'delete', entity: 'person', rowId: person.id });
              if (problems.length > 0)
                setSaid({ kind: 'error', text: problems.map((p) => p.message).join(' ') });
              else location.assign(href('staff'));
            }}
          />
          <Message said={said} />
        </section>
      )}
    </div>
  );
}

/** Every login of the person, each permission against what their job role grants in that system. */
function LoginsAgainstRole({
  person,
  tables,
  accounts,
  findings,
}: {
  person: Person;
  tables: Tables;
  accounts: Account[];
  findings: readonly Finding[];
}) {
  const role = person.jobRoleId ? tables.jobRole[person.jobRoleId] : undefined;
  if (accounts.length === 0) return null;
  return (
    <section aria-labelledby="logins-vs-role">
      <h3 id="logins-vs-role">Logins against {role ? `the ${role.name} template` : 'a job role'}</h3>
      {!role && <p class="muted">{person.name} has no job role, so there is no template to compare with.</p>}
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">System</th>
              <th scope="col">Login</th>
              <th scope="col">Permissions</th>
              <th scope="col">Last sign-in</th>
              <th scope="col" class="num">
                Findings
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => {
              return (
                <tr key={account.id}>
                  <td>{tables.system[account.systemId]?.name ?? '—'}</td>
                  <td>
                    <strong>{account.username}</strong>
                    {account.status !== 'active' && <span class="muted"> ({account.status})</span>}
                  </td>
                  <td>
                    <PermissionList account={account} role={role} />
                  </td>
                  <td>
                    {account.lastSignInAt !== null ? formatDate(account.lastSignInAt) : 'never recorded'}
                  </td>
                  <td class="num">{findings.filter((f) => f.subject.id === account.id).length}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * Where to deal with one login: its own page where the system's user-page address is set (with
 * the login in place of `{login}`), else the system's first admin page, where its user list is.
 */
export function userPageOf(tables: Tables, systemId: string, accountId: string): string | null {
  const pattern = tables.system[systemId]?.userPageUrl;
  const login = tables.account[accountId]?.username;
  if (pattern && login) return pattern.replaceAll('{login}', encodeURIComponent(login));
  return adminPageOf(tables, systemId);
}

/** The first admin page of a system as an address to open, where its user list is. */
export function adminPageOf(tables: Tables, systemId: string): string | null {
  const pattern = tables.system[systemId]?.adminUrlPatterns[0];
  if (!pattern || pattern.startsWith('*')) return null;
  return pattern.replace(/\*.*$/, '').replace('://*.', '://');
}

/** The leaver's offboarding checklist from the server: each to-do links to the system's user page. */
function LeaverChecklist({ person, tables }: { person: Person; tables: Tables }) {
  const send = useSend();
  const [loaded] = useLoaded(() => callApi(send, contract.todos.checklists), [person.id]);
  return (
    <section aria-labelledby="checklist-heading">
      <h3 id="checklist-heading">Leaver checklist</h3>
      <LoadedView loaded={loaded} what="the checklist">
        {({ checklists }) => {
          const list = checklists.find((c) => c.personId === person.id);
          if (!list)
            return <p class="empty">Nothing left to do: every login of {person.name} is dealt with.</p>;
          return (
            <ul class="checklist">
              {list.items.map((item) => {
                const page = userPageOf(tables, item.systemId, item.accountId);
                const own = Boolean(tables.system[item.systemId]?.userPageUrl);
                const systemName = tables.system[item.systemId]?.name ?? 'the system';
                return (
                  <li key={item.id} class={item.status === 'done' ? 'done' : undefined}>
                    <span aria-hidden="true">{item.status === 'done' ? '☑ ' : '☐ '}</span>
                    {item.label}
                    {item.status === 'done' ? ' (done)' : ''}
                    {page && item.status !== 'done' && (
                      <>
                        {' '}
                        <a href={page} target="_blank" rel="noreferrer">
                          {own ? `Open this login in ${systemName}` : `Open ${systemName}’s user list`}
                        </a>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          );
        }}
      </LoadedView>
    </section>
  );
}

/** CSV import: a dry run shows every row's problem first; nothing is written until it is clean. */
function ImportPeople() {
  const send = useSend();
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<ImportResult | null>(null);
  /** The file's problems, each with its line and column, as the server's dry run found them. */
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [said, setSaid] = useState<Said>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    setBusy(true);
    const result = await callApi(send, contract.people.import, {
      query: { dryRun: dryRun ? 'true' : 'false' },
      body: { csv },
    });
    setBusy(false);
    setChecked(null);
    const inFile = result.ok ? [] : result.fields.filter((f) => f.line !== undefined);
    setProblems(inFile);
    if (!result.ok) {
      setSaid({
        kind: 'error',
        text:
          inFile.length > 0
            ? `${inFile.length === 1 ? 'A problem' : `${inFile.length} problems`} in the file: fix ${inFile.length === 1 ? 'it' : 'them'} and check again. Nothing was imported.`
            : result.message,
      });
      return;
    }
    setChecked(result.value);
    setSaid(null);
    if (!dryRun && result.value.applied) {
      setSaid({
        kind: 'ok',
        text: `Imported: ${result.value.created} added, ${result.value.updated} updated.`,
      });
      setCsv('');
      setChecked(null);
      void send('syncNow');
    }
  }

  return (
    <section>
      <a class="back" href={href('staff')}>
        ← All staff
      </a>
      <ScreenHeading>Import staff from CSV</ScreenHeading>
      <p class="muted">
        Columns: <code>name, email, job_role, start, end</code> (the header row names them). Job roles are
        matched by name; dates are YYYY-MM-DD. A person whose email is already listed is updated.
      </p>
      <div class="stack form-wide">
        <label for="import-file">CSV file</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (file) {
              setCsv(await file.text());
              setChecked(null);
              setProblems([]);
            }
          }}
        />
        <label for="import-text">Or paste it</label>
        <textarea
          id="import-text"
          rows={8}
          value={csv}
          onInput={(e) => {
            setCsv(e.currentTarget.value);
            setChecked(null);
            setProblems([]);
          }}
        />
        <div class="row">
          <button type="button" class="primary" disabled={busy || !csv.trim()} onClick={() => run(true)}>
            Check the file
          </button>
          {checked && (
            <button type="button" class="primary" disabled={busy} onClick={() => run(false)}>
              Import {checked.rows} rows
            </button>
          )}
        </div>
        <Message said={said} />
        {checked && (
          <p role="status" aria-label="Dry run">
            {checked.rows} rows: {checked.created} would be added, {checked.updated} updated. No problems.
          </p>
        )}
        {problems.length > 0 && (
          <div class="table-wrap">
            <table class="data" aria-label="Problems in the file">
              <thead>
                <tr>
                  <th scope="col" class="num">
                    Line
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((problem) => (
                  <tr key={`${problem.line}-${problem.column}-${problem.message}`}>
                    <td class="num">{problem.line}</td>
                    <td>{problem.column}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
