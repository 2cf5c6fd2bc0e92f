import { useMemo, useState } from 'preact/hooks';
import type { Account } from '../../../shared/schemas/directory';
import type { Finding } from '../../../shared/schemas/findings';
import { queueChecked } from '../popup/people-view';
import { useSend } from '../popup/popup-context';
import type { Tables } from '../sync/local-copy';
import type { ChangeInput } from '../sync/outbox';
import { formatDate } from '../ui/format-date';
import { useConsole, useDirectory } from './console-context';
import { contract } from './contract';
import { OwnerPicker } from './owner-picker';
import { PermissionList } from './permission-list';
import { href } from './routes';
import { Loading, Message, type Said, ScreenHeading } from './ui';

const SHOWN = 200;

/** The logins of one system (the route's id), with owner, permissions against the template, status and findings. */
export function AccountsScreen({ id }: { id: string | null }) {
  const { tables, findings } = useDirectory();
  if (!tables || !findings) return <Loading what="accounts" />;
  const systems = Object.values(tables.system).sort((a, b) => a.name.localeCompare(b.name));
  const systemId = id && tables.system[id] ? id : systems[0]?.id;
  return (
    <section>
      <ScreenHeading>Accounts</ScreenHeading>
      {systems.length === 0 ? (
        <p class="empty">
          No systems yet: <a href={href('systems', 'new')}>add one</a>, then its logins come from its user
          list.
        </p>
      ) : (
        <>
          <nav class="row wrap subnav" aria-label="Systems">
            {systems.map((s) => (
              <a
                key={s.id}
                href={href('accounts', s.id)}
                aria-current={s.id === systemId ? 'page' : undefined}
              >
                {s.name}
              </a>
            ))}
          </nav>
          {systemId && (
            <SystemAccounts key={systemId} systemId={systemId} tables={tables} findings={findings} />
          )}
        </>
      )}
    </section>
  );
}

function SystemAccounts({
  systemId,
  tables,
  findings,
}: {
  systemId: string;
  tables: Tables;
  findings: readonly Finding[];
}) {
  const send = useSend();
  const { can } = useConsole();
  const editable = can(contract.accounts.update);
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [owner, setOwner] = useState('');
  const [said, setSaid] = useState<Said>(null);
  const accounts = useMemo(
    () =>
      Object.values(tables.account)
        .filter((a) => a.systemId === systemId)
        .sort((a, b) => a.username.localeCompare(b.username)),
    [tables, systemId],
  );
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const f of findings)
      if (f.subject.type === 'account') map.set(f.subject.id, (map.get(f.subject.id) ?? 0) + 1);
    return map;
  }, [findings]);
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = accounts.filter((a) => {
    const hay =
      `${a.username} ${a.displayName ?? ''} ${a.ownerPersonId ? (tables.person[a.ownerPersonId]?.name ?? '') : 'no owner'}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const people = useMemo(
    () => Object.values(tables.person).sort((a, b) => a.name.localeCompare(b.name)),
    [tables],
  );

  /** Applies one change to every selected login, and says how it went (with Undo where it can). */
  async function bulk(
    make: (a: Account) => ChangeInput,
    words: string,
    undoOf?: (a: Account) => ChangeInput,
  ) {
    const chosen = accounts.filter((a) => selected.has(a.id));
    const problems: string[] = [];
    for (const account of chosen) {
      const found = await queueChecked(send, make(account));
      if (found.length > 0) problems.push(`${account.username}: ${found.map((p) => p.message).join(' ')}`);
    }
    setSelected(new Set());
    if (problems.length > 0) return setSaid({ kind: 'error', text: problems.join(' ') });
    setSaid({
      kind: 'ok',
      text: `${words} ${chosen.length} login${chosen.length === 1 ? '' : 's'}.`,
      undo: undoOf
        ? async () => {
            setSaid(null);
            for (const account of chosen) await queueChecked(send, undoOf(account));
          }
        : undefined,
    });
  }

  /** Links one login to a person (or to nobody) from its row, with Undo. */
  async function link(account: Account, ownerPersonId: string | null) {
    const change = (to: string | null): ChangeInput => ({
      op: 'upsert',
      entity: 'account',
      rowId: account.id,
      data: { ownerPersonId: to },
    });
    const problems = await queueChecked(send, change(ownerPersonId));
    if (problems.length > 0)
      return setSaid({ kind: 'error', text: problems.map((p) => p.message).join(' ') });
    const before = account.ownerPersonId;
    setSaid({
      kind: 'ok',
      text: ownerPersonId
        ? `${account.username} belongs to ${tables.person[ownerPersonId]?.name} now.`
        : `${account.username} has no owner now.`,
      undo: async () => {
        setSaid(null);
        await queueChecked(send, change(before));
      },
    });
  }

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const system = tables.system[systemId];

  return (
    <>
      <div class="filter-bar row wrap">
        <label for="accounts-filter" class="visually-hidden">
          Filter logins
        </label>
        <input
          id="accounts-filter"
          type="search"
          data-filter
          placeholder="Filter by login, name or owner (press /)"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <span class="muted" role="status">
          {shown.length} of {accounts.length}
        </span>
      </div>
      {editable && selected.size > 0 && (
        <fieldset class="bulk row wrap">
          <legend>{selected.size} selected:</legend>
          <label for="bulk-owner" class="visually-hidden">
            Owner
          </label>
          <select id="bulk-owner" value={owner} onChange={(e) => setOwner(e.currentTarget.value)}>
            <option value="">Choose an owner…</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!owner}
            onClick={() =>
              bulk(
                (a) => ({ op: 'upsert', entity: 'account', rowId: a.id, data: { ownerPersonId: owner } }),
                `Linked to ${tables.person[owner]?.name}:`,
                (a) => ({
                  op: 'upsert',
                  entity: 'account',
                  rowId: a.id,
                  data: { ownerPersonId: a.ownerPersonId },
                }),
              )
            }
          >
            Link
          </button>
          <button
            type="button"
            onClick={() =>
              bulk(
                (a) => ({ op: 'upsert', entity: 'account', rowId: a.id, data: { ownerPersonId: null } }),
                'Unlinked',
                (a) => ({
                  op: 'upsert',
                  entity: 'account',
                  rowId: a.id,
                  data: { ownerPersonId: a.ownerPersonId },
                }),
              )
            }
          >
            Unlink
          </button>
          <button
            type="button"
            onClick={() =>
              bulk(
                (a) => ({ op: 'upsert', entity: 'account', rowId: a.id, data: { status: 'disabled' } }),
                'Marked disabled:',
                (a) => ({ op: 'upsert', entity: 'account', rowId: a.id, data: { status: a.status } }),
              )
            }
          >
            Mark disabled
          </button>
        </fieldset>
      )}
      <Message said={said} />
      {accounts.length === 0 ? (
        <p class="empty">
          No logins in {system?.name} yet. Open its user list with Rollcall on to capture them.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="data" aria-label={`Logins in ${system?.name}`}>
            <thead>
              <tr>
                {editable && (
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select all shown"
                      checked={shown.length > 0 && shown.every((a) => selected.has(a.id))}
                      onChange={(e) =>
                        setSelected(e.currentTarget.checked ? new Set(shown.map((a) => a.id)) : new Set())
                      }
                    />
                  </th>
                )}
                <th scope="col">Login</th>
                <th scope="col">Owner</th>
                <th scope="col">Permissions</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col" class="num">
                  Findings
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, SHOWN).map((account) => {
                const person = account.ownerPersonId ? tables.person[account.ownerPersonId] : undefined;
                const role = person?.jobRoleId ? tables.jobRole[person.jobRoleId] : undefined;
                return (
                  <tr key={account.id}>
                    {editable && (
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Select ${account.username}`}
                          checked={selected.has(account.id)}
                          onChange={(e) => toggle(account.id, e.currentTarget.checked)}
                        />
                      </td>
                    )}
                    <th scope="row">
                      {account.username}
                      {account.displayName && <span class="muted block">{account.displayName}</span>}
                    </th>
                    <td>
                      <span class="row wrap">
                        {person ? (
                          <a href={href('staff', person.id)}>{person.name}</a>
                        ) : (
                          <span class="muted">No owner</span>
                        )}
                        {editable && (
                          <OwnerPicker
                            login={account.username}
                            current={person}
                            people={people}
                            onPick={(ownerPersonId) => void link(account, ownerPersonId)}
                          />
                        )}
                      </span>
                    </td>
                    <td>
                      <PermissionList account={account} role={role} />
                    </td>
                    <td>{account.status}</td>
                    <td>{account.lastSignInAt !== null ? formatDate(account.lastSignInAt) : '—'}</td>
                    <td class="num">{counts.get(account.id) ?? 0}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {shown.length > SHOWN && (
        <p class="muted">
          Showing {SHOWN} of {shown.length}: filter to narrow.
        </p>
      )}
    </>
  );
}
