import { useMemo, useState } from 'preact/hooks';
import { isPrivileged } from '../../../shared/rules/permissions';
import type { JobRole, System } from '../../../shared/schemas/directory';
import type { FieldError } from '../../../shared/schemas/problem';
import { FormError, messageFor, queueChecked } from '../popup/people-view';
import { newRowId, useSend } from '../popup/popup-context';
import { Field } from '../popup/sign-in';
import type { Tables } from '../sync/local-copy';
import { useConsole, useDirectory } from './console-context';
import { contract } from './contract';
import {
  loginsByRoleAndSystem,
  type PreviewLine,
  previewTemplates,
  sameTemplate,
  suggestFromHolders,
  type Template,
  toggled,
} from './role-matrix';
import { href } from './routes';
import { ConfirmButton, Loading, Message, type Said, ScreenHeading } from './ui';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The job roles as one matrix (role × system × permission), or one role to rename or delete. */
export function RolesScreen({ id }: { id: string | null }) {
  const { tables } = useDirectory();
  if (!tables) return <Loading what="job roles" />;
  const role = id ? tables.jobRole[id] : undefined;
  if (role) return <RolePage role={role} tables={tables} />;
  return <RoleMatrix tables={tables} missing={id} />;
}

/**
 * Roles not yet saved, made in the matrix: a name and a template, and the version of the role the
 * admin began from (none for a new one).
 */
type Draft = { name: string; template: Template; seenVersion?: number };

export function RoleMatrix({ tables, missing = null }: { tables: Tables; missing?: string | null }) {
  const send = useSend();
  const { can } = useConsole();
  const editable = can(contract.roles.update);
  const roles = useMemo(() => Object.values(tables.jobRole).sort(byName), [tables]);
  const systems = useMemo(() => Object.values(tables.system).sort(byName), [tables]);
  /** Changed or new roles, by id: what Save sends. */
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [newName, setNewName] = useState('');
  const [said, setSaid] = useState<Said>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  // One system's permissions at a time (800 boxes for 20 roles × 40 permissions, not 4,000), or all.
  const [tab, setTab] = useState<string | null>(null);
  const drawn =
    tab === ALL
      ? systems
      : systems
          .filter((s) => s.id === tab)
          .concat(systems)
          .slice(0, 1);
  const current = tab === ALL ? ALL : (drawn[0]?.id ?? null);
  const panel: preact.HTMLAttributes<HTMLDivElement> =
    systems.length > 1 ? { role: 'tabpanel', 'aria-labelledby': `matrix-tab-${current}` } : {};

  const columns: { id: string; name: string; template: Template; saved: JobRole | null }[] = [
    ...roles.map((r) => ({
      id: r.id,
      name: r.name,
      template: drafts[r.id]?.template ?? r.permissions,
      saved: r,
    })),
    ...Object.entries(drafts)
      .filter(([rid]) => !tables.jobRole[rid])
      .map(([rid, d]) => ({ id: rid, name: d.name, template: d.template, saved: null })),
  ];
  const changed = Object.fromEntries(
    Object.entries(drafts)
      .filter(([rid, d]) => {
        const saved = tables.jobRole[rid];
        return !saved || !sameTemplate(saved.permissions, d.template);
      })
      .map(([rid, d]) => [rid, d.template]),
  );
  const preview = useMemo(() => previewTemplates(tables, changed), [tables, JSON.stringify(changed)]);
  const dirty = Object.keys(drafts).length > 0;

  function setTemplate(roleId: string, name: string, template: Template) {
    setDrafts((now) => ({
      ...now,
      [roleId]: { name, template, seenVersion: now[roleId]?.seenVersion ?? tables.jobRole[roleId]?.version },
    }));
    setSaid(null);
  }

  function addRole(event: Event) {
    event.preventDefault();
    const name = newName.trim();
    if (!name) {
      setErrors([{ field: 'name', message: 'Name: give the job role a name.' }]);
      return;
    }
    setErrors([]);
    setTemplate(newRowId(), name, {});
    setNewName('');
  }

  async function save() {
    const problems: FieldError[] = [];
    let saved = 0;
    for (const [roleId, draft] of Object.entries(drafts)) {
      const existing = tables.jobRole[roleId];
      if (existing && sameTemplate(existing.permissions, draft.template)) continue;
      const data = existing
        ? { permissions: draft.template }
        : { name: draft.name, permissions: draft.template };
      const found = await queueChecked(
        send,
        { op: 'upsert', entity: 'jobRole', rowId: roleId, data, seenVersion: draft.seenVersion },
        !existing,
      );
      if (found.length > 0)
        problems.push(...found.map((p) => ({ ...p, message: `${draft.name}: ${p.message}` })));
      else saved++;
    }
    setErrors(problems);
    if (problems.length === 0) {
      setDrafts({});
      setSaid({
        kind: 'ok',
        text: `Saved ${saved} job role${saved === 1 ? '' : 's'}. Findings follow the new templates.`,
      });
    }
  }

  return (
    <section>
      <ScreenHeading>Job roles</ScreenHeading>
      {missing && (
        <p class="error" role="alert">
          That job role is not in Rollcall any more.
        </p>
      )}
      <p class="muted">
        What each job needs in each system: the least-privilege template a login is checked against. A login
        with more than its owner’s job role grants is an excess-permission finding.
      </p>
      {systems.length === 0 ? (
        <p class="empty">
          Add a system with its permissions first: <a href={href('systems', 'new')}>Add a system</a>.
        </p>
      ) : (
        <>
          {editable && (
            <form class="row wrap" onSubmit={addRole} noValidate>
              <label for="new-role-name">New job role</label>
              <input
                id="new-role-name"
                value={newName}
                placeholder="e.g. Paralegal"
                onInput={(e) => {
                  setNewName(e.currentTarget.value);
                  setErrors([]);
                }}
              />
              <button type="submit">Add job role</button>
            </form>
          )}
          {columns.length === 0 ? (
            <p class="empty">No job roles yet.</p>
          ) : (
            <>
              {systems.length > 1 && <SystemTabs systems={systems} current={current} onChoose={setTab} />}
              <div class="table-wrap matrix-wrap" id="matrix-panel" {...panel}>
                <table class="data matrix" aria-label="Job role matrix">
                  <thead>
                    <tr>
                      <th scope="col">Permission</th>
                      {columns.map((col) => (
                        <th scope="col" key={col.id} class="role-col">
                          {col.saved ? (
                            <a href={href('roles', col.id)}>{col.name}</a>
                          ) : (
                            <span>{col.name} (new)</span>
                          )}
                          {editable && (
                            <button
                              type="button"
                              class="link small"
                              aria-label={`Suggest ${col.name}'s permissions from current holders`}
                              title="The permissions most holders of this role have"
                              onClick={() => {
                                const suggestion = suggestFromHolders(tables, col.id);
                                if (Object.keys(suggestion).length === 0) {
                                  setSaid({
                                    kind: 'error',
                                    text: `No one with the job role ${col.name} has a login yet.`,
                                  });
                                  return;
                                }
                                setTemplate(col.id, col.name, suggestion);
                              }}
                            >
                              Suggest
                            </button>
                          )}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  {drawn.map((system) => (
                    <SystemRows
                      key={system.id}
                      system={system}
                      columns={columns}
                      editable={editable}
                      onToggle={(col, permission, on) =>
                        setTemplate(col.id, col.name, toggled(col.template, system.id, permission, on))
                      }
                    />
                  ))}
                </table>
              </div>
            </>
          )}
          {dirty && (
            <section class="preview" aria-labelledby="preview-heading">
              <h3 id="preview-heading">Before you save</h3>
              <PreviewList
                title="Would get an excess-permission finding"
                lines={preview.gain}
                tables={tables}
              />
              <PreviewList title="Would no longer have one" lines={preview.lose} tables={tables} />
              {preview.gain.length === 0 && preview.lose.length === 0 && (
                <p class="muted">No login gains or loses an excess-permission finding.</p>
              )}
              <FormError message={messageFor(errors, '', [])} />
              <div class="row">
                <button type="button" class="primary" onClick={save}>
                  Save job roles
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setDrafts({});
                    setErrors([]);
                  }}
                >
                  Discard changes
                </button>
              </div>
            </section>
          )}
          {!dirty && <FormError message={messageFor(errors, '', [])} />}
          <Message said={said} />
          {columns.length > 0 && <Holders tables={tables} roles={roles} systems={systems} />}
        </>
      )}
    </section>
  );
}

/** The matrix's "All systems" tab. */
const ALL = 'all';

/**
 * Which system's permissions the matrix shows: tabs (WAI-ARIA APG's tabs pattern: ← → move and
 * choose, Home and End go to the ends), one per system, then all of them at once.
 */
function SystemTabs({
  systems,
  current,
  onChoose,
}: {
  systems: readonly System[];
  current: string | null;
  onChoose: (id: string) => void;
}) {
  const ids = [...systems.map((s) => s.id), ALL];
  const choose = (id: string) => {
    onChoose(id);
    requestAnimationFrame(() => document.getElementById(`matrix-tab-${id}`)?.focus());
  };
  return (
    <div
      class="row wrap subnav matrix-tabs"
      role="tablist"
      aria-label="Permissions of"
      onKeyDown={(e) => {
        const at = ids.indexOf(current ?? '');
        const next =
          e.key === 'ArrowRight'
            ? ids[(at + 1) % ids.length]
            : e.key === 'ArrowLeft'
              ? ids[(at - 1 + ids.length) % ids.length]
              : e.key === 'Home'
                ? ids[0]
                : e.key === 'End'
                  ? ids[ids.length - 1]
                  : undefined;
        if (!next) return;
        e.preventDefault();
        choose(next);
      }}
    >
      {ids.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`matrix-tab-${id}`}
          aria-selected={id === current}
          aria-controls="matrix-panel"
          tabIndex={id === current ? 0 : -1}
          onClick={() => choose(id)}
        >
          {id === ALL ? 'All systems' : systems.find((s) => s.id === id)?.name}
        </button>
      ))}
    </div>
  );
}

function SystemRows({
  system,
  columns,
  editable,
  onToggle,
}: {
  system: System;
  columns: { id: string; name: string; template: Template }[];
  editable: boolean;
  onToggle: (col: { id: string; name: string; template: Template }, permission: string, on: boolean) => void;
}) {
  return (
    <tbody>
      <tr class="group">
        <th scope="colgroup" colSpan={columns.length + 1}>
          {system.name}
        </th>
      </tr>
      {system.permissions.length === 0 && (
        <tr>
          <td colSpan={columns.length + 1} class="muted">
            No permissions in its catalogue: <a href={href('systems', system.id)}>add them</a>.
          </td>
        </tr>
      )}
      {system.permissions.map((permission) => {
        const label = permission.label || permission.name;
        const privileged = isPrivileged(permission.name, system);
        return (
          <tr key={permission.name}>
            <th scope="row" title={permission.name}>
              {label}
              {privileged && <span class="tag privileged">Privileged</span>}
            </th>
            {columns.map((col) => (
              <td key={col.id} class="center">
                <input
                  type="checkbox"
                  aria-label={`${col.name}: ${label} in ${system.name}`}
                  checked={(col.template[system.id] ?? []).includes(permission.name)}
                  disabled={!editable}
                  onChange={(e) => onToggle(col, permission.name, e.currentTarget.checked)}
                />
              </td>
            ))}
          </tr>
        );
      })}
    </tbody>
  );
}

function PreviewList({ title, lines, tables }: { title: string; lines: PreviewLine[]; tables: Tables }) {
  if (lines.length === 0) return null;
  return (
    <>
      <h4>
        {title} ({lines.length})
      </h4>
      <ul class="preview-list" aria-label={title}>
        {lines.slice(0, 50).map((line) => (
          <li key={line.accountId}>
            <a href={href('staff', line.person.id)}>{line.person.name}</a>: <strong>{line.username}</strong>{' '}
            in {tables.system[line.systemId]?.name ?? 'a system'} holds {line.extra.join(', ')}
          </li>
        ))}
        {lines.length > 50 && <li class="muted">and {lines.length - 50} more</li>}
      </ul>
    </>
  );
}

/** How many people hold each role and have logins in each system: where "Suggest" has data. */
function Holders({ tables, roles, systems }: { tables: Tables; roles: JobRole[]; systems: System[] }) {
  // Counted when first opened: a big firm's matrix is drawn without walking every login first.
  const [open, setOpen] = useState(false);
  return (
    <details class="holders" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Who holds each role</summary>
      {open && <HolderCounts tables={tables} roles={roles} systems={systems} />}
    </details>
  );
}

function HolderCounts({ tables, roles, systems }: { tables: Tables; roles: JobRole[]; systems: System[] }) {
  const { people, logins } = useMemo(() => {
    const people = new Map<string, number>();
    for (const p of Object.values(tables.person))
      if (p.jobRoleId && p.status === 'active') people.set(p.jobRoleId, (people.get(p.jobRoleId) ?? 0) + 1);
    return { people, logins: loginsByRoleAndSystem(tables) };
  }, [tables]);
  return (
    <ul>
      {roles.map((role) => (
        <li key={role.id}>
          <strong>{role.name}</strong>: {people.get(role.id) ?? 0} people
          {systems
            .filter((s) => logins.get(role.id)?.get(s.id))
            .map((s) => `, ${logins.get(role.id)?.get(s.id)} logins in ${s.name}`)
            .join('')}
        </li>
      ))}
    </ul>
  );
}

/** One job role: rename it, see who holds it, delete it. */
function RolePage({ role, tables }: { role: JobRole; tables: Tables }) {
  const send = useSend();
  const { can } = useConsole();
  const [name, setName] = useState(role.name);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [said, setSaid] = useState<Said>(null);
  const holders = Object.values(tables.person)
    .filter((p) => p.jobRoleId === role.id)
    .sort(byName);

  async function rename(event: Event) {
    event.preventDefault();
    const problems = await queueChecked(send, {
      op: 'upsert',
      entity: 'jobRole',
      rowId: role.id,
      data: { name: name.trim() },
    });
    setErrors(problems);
    if (problems.length === 0) setSaid({ kind: 'ok', text: `Renamed to ${name.trim()}.` });
  }

  return (
    <section>
      <a class="back" href={href('roles')}>
        ← All job roles
      </a>
      <ScreenHeading
        actions={
          can(contract.roles.remove) && (
            <ConfirmButton
              label="Delete job role…"
              question={`Delete ${role.name}? ${holders.length} people hold it and will have no job role.`}
              confirm="Delete job role"
              onConfirm={async () => {
                const problems = await queueChecked(send, {
                  op: 'delete',
                  entity: 'jobRole',
                  rowId: role.id,
                });
                if (problems.length > 0) setErrors(problems);
                else location.assign(href('roles'));
              }}
            />
          )
        }
      >
        {role.name}
      </ScreenHeading>
      {can(contract.roles.update) && (
        <form class="row wrap" onSubmit={rename} noValidate>
          <Field id="role-name" label="Name" error={messageFor(errors, 'name', ['name'])}>
            <input id="role-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <button type="submit">Rename</button>
        </form>
      )}
      <FormError message={messageFor(errors, '', ['name'])} />
      <Message said={said} />
      <h3>Grants</h3>
      <ul>
        {Object.entries(role.permissions).map(([systemId, permissions]) => (
          <li key={systemId}>
            <strong>{tables.system[systemId]?.name ?? 'A deleted system'}</strong>:{' '}
            {permissions.join(', ') || 'nothing'}
          </li>
        ))}
        {Object.keys(role.permissions).length === 0 && (
          <li class="muted">Nothing yet: tick permissions in the matrix.</li>
        )}
      </ul>
      <h3>Held by</h3>
      {holders.length === 0 ? (
        <p class="empty">No one has this job role.</p>
      ) : (
        <ul>
          {holders.map((p) => (
            <li key={p.id}>
              <a href={href('staff', p.id)}>{p.name}</a>
              {p.status === 'leaver' ? ' (leaver)' : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
