import { useMemo, useState } from 'preact/hooks';
import { isPrivileged } from '../../../shared/rules/permissions';
import type { PermissionDefinition, System } from '../../../shared/schemas/directory';
import type { FieldError } from '../../../shared/schemas/problem';
import { FormError, messageFor, queueChecked } from '../popup/people-view';
import { newRowId, useSend } from '../popup/popup-context';
import { Field } from '../popup/sign-in';
import type { Tables } from '../sync/local-copy';
import { patternProblem, splitPatterns } from '../url-patterns';
import { useConsole, useDirectory } from './console-context';
import { contract } from './contract';
import { href } from './routes';
import { ConfirmButton, Loading, Message, type Said, ScreenHeading } from './ui';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** The firm's systems, or one of them (`new` for a new one). */
export function SystemsScreen({ id }: { id: string | null }) {
  const { tables } = useDirectory();
  if (!tables) return <Loading what="systems" />;
  if (id === 'new' || (id && tables.system[id]))
    return <SystemEditor tables={tables} system={id === 'new' ? null : (tables.system[id] ?? null)} />;
  return <SystemList tables={tables} missing={id} />;
}

function SystemList({ tables, missing }: { tables: Tables; missing: string | null }) {
  const { can } = useConsole();
  const systems = Object.values(tables.system).sort(byName);
  const accounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const a of Object.values(tables.account)) counts.set(a.systemId, (counts.get(a.systemId) ?? 0) + 1);
    return counts;
  }, [tables]);
  return (
    <section>
      <ScreenHeading
        actions={
          can(contract.systems.create) && (
            <a class="button primary" href={href('systems', 'new')}>
              Add a system
            </a>
          )
        }
      >
        Systems
      </ScreenHeading>
      {missing && (
        <p class="error" role="alert">
          That system is not in Rollcall any more.
        </p>
      )}
      <p class="muted">
        The back-office apps your firm uses. Rollcall reads only the admin pages listed here, with the
        browser’s permission asked when you add them.
      </p>
      {systems.length === 0 ? (
        <p class="empty">
          No systems yet. Add the first: its name, the address of its user list, its permissions.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="data" aria-label="Systems">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Admin pages</th>
                <th scope="col" class="num">
                  Permissions
                </th>
                <th scope="col" class="num">
                  Privileged
                </th>
                <th scope="col" class="num">
                  Logins
                </th>
              </tr>
            </thead>
            <tbody>
              {systems.map((system) => (
                <tr key={system.id}>
                  <th scope="row">
                    <a href={href('systems', system.id)}>{system.name}</a>
                  </th>
                  <td class="wrap-any">{system.adminUrlPatterns.join(', ') || '—'}</td>
                  <td class="num">{system.permissions.length}</td>
                  <td class="num">{system.permissions.filter((p) => isPrivileged(p.name, system)).length}</td>
                  <td class="num">{accounts.get(system.id) ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A catalogue row as the form edits it: `privileged` as the admin set it, else the name decides. */
type Row = { name: string; label: string; privileged: boolean };

const rowOf = (p: PermissionDefinition, system: System | null): Row => ({
  name: p.name,
  label: p.label ?? '',
  privileged: p.privileged ?? isPrivileged(p.name, system ?? undefined),
});

const SYSTEM_FIELDS = ['name', 'adminUrlPatterns', 'signInUrlPatterns', 'userPageUrl', 'permissions'];

/** Add or edit a system: its name, admin and sign-in pages, and its permission catalogue. */
function SystemEditor({ tables, system }: { tables: Tables; system: System | null }) {
  const send = useSend();
  const { can, requestHostPermission } = useConsole();
  const editable = can(system ? contract.systems.update : contract.systems.create);
  // The version the admin's fields start from: as opened, then as they saved it (the copy's own).
  const [seenVersion, setSeenVersion] = useState(system?.version);
  const [name, setName] = useState(system?.name ?? '');
  const [admin, setAdmin] = useState(system?.adminUrlPatterns.join('\n') ?? '');
  const [signIn, setSignIn] = useState(system?.signInUrlPatterns.join('\n') ?? '');
  const [userPage, setUserPage] = useState(system?.userPageUrl ?? '');
  const [rows, setRows] = useState<Row[]>(() => (system?.permissions ?? []).map((p) => rowOf(p, system)));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [said, setSaid] = useState<Said>(null);

  /** Permissions the system's logins hold (as captured from its user list) that the catalogue lacks. */
  const captured = useMemo(() => {
    if (!system) return [];
    const listed = new Set(rows.map((r) => r.name));
    const held = new Set<string>();
    for (const a of Object.values(tables.account))
      if (a.systemId === system.id) for (const p of a.permissions) if (!listed.has(p)) held.add(p);
    return [...held].sort();
  }, [tables, system, rows]);

  function edit<T>(set: (v: T) => void, value: T) {
    set(value);
    setErrors([]);
    setSaid(null);
  }

  function save(event: Event) {
    event.preventDefault();
    const adminPatterns = splitPatterns(admin);
    const signInPatterns = splitPatterns(signIn);
    const bad = patternProblem([...adminPatterns, ...signInPatterns]);
    if (bad) {
      setErrors([{ field: 'adminUrlPatterns', message: bad }]);
      return;
    }
    const permissions = rows
      .filter((r) => r.name.trim())
      .map((r) => {
        const definition: PermissionDefinition = { name: r.name.trim() };
        if (r.label.trim()) definition.label = r.label.trim();
        // Saved only where it differs from what the name alone would say.
        if (r.privileged !== isPrivileged(definition.name)) definition.privileged = r.privileged;
        return definition;
      });
    const rowId = system?.id ?? newRowId();
    const change = {
      op: 'upsert',
      entity: 'system',
      rowId,
      data: {
        name: name.trim(),
        adminUrlPatterns: adminPatterns,
        signInUrlPatterns: signInPatterns,
        userPageUrl: userPage.trim() || null,
        permissions,
      },
      seenVersion,
    } as const;
    const fresh = [...adminPatterns, ...signInPatterns].filter(
      (p) => !system || (!system.adminUrlPatterns.includes(p) && !system.signInUrlPatterns.includes(p)),
    );
    // Asked now, before any await: the browser only prompts from within the admin's click.
    const granted = fresh.length > 0 ? requestHostPermission(fresh) : Promise.resolve(true);
    void granted.then(async (ok) => {
      if (!ok) {
        setSaid({
          kind: 'error',
          text: 'The browser did not grant access to those pages, so Rollcall cannot read them. Nothing was saved.',
        });
        return;
      }
      const problems = await queueChecked(send, change, !system);
      setErrors(problems);
      if (problems.length > 0) return;
      if (!system) location.assign(href('systems', rowId));
      setSeenVersion(undefined);
      setSaid({ kind: 'ok', text: `Saved ${name.trim()}.` });
    });
  }

  async function remove() {
    if (!system) return;
    const problems = await queueChecked(send, { op: 'delete', entity: 'system', rowId: system.id });
    if (problems.length > 0) setErrors(problems);
    else location.assign(href('systems'));
  }

  const error = (field: string) => messageFor(errors, field, SYSTEM_FIELDS);
  const logins = system ? Object.values(tables.account).filter((a) => a.systemId === system.id).length : 0;
  return (
    <section>
      <a class="back" href={href('systems')}>
        ← All systems
      </a>
      <ScreenHeading
        actions={
          system &&
          can(contract.systems.remove) && (
            <ConfirmButton
              label="Delete system…"
              question={`Delete ${system.name} and its ${logins} logins from Rollcall? This cannot be undone.`}
              confirm="Delete system"
              onConfirm={remove}
            />
          )
        }
      >
        {system ? system.name : 'Add a system'}
      </ScreenHeading>
      <form class="stack form-wide" onSubmit={save} noValidate>
        <fieldset disabled={!editable} class="plain">
          <Field id="system-name" label="Name" error={error('name')}>
            <input id="system-name" value={name} onInput={(e) => edit(setName, e.currentTarget.value)} />
          </Field>
          <Field
            id="system-admin"
            label="Admin pages (URL patterns, one per line)"
            hint="The pages with its user list. The browser asks you to allow Rollcall to read them."
            error={error('adminUrlPatterns')}
          >
            <textarea
              id="system-admin"
              rows={2}
              placeholder="https://app.example.com/admin/*"
              value={admin}
              onInput={(e) => edit(setAdmin, e.currentTarget.value)}
            />
          </Field>
          <Field id="system-sign-in" label="Sign-in pages (optional)" error={error('signInUrlPatterns')}>
            <textarea
              id="system-sign-in"
              rows={2}
              placeholder="https://app.example.com/login*"
              value={signIn}
              onInput={(e) => edit(setSignIn, e.currentTarget.value)}
            />
          </Field>
          <Field
            id="system-user-page"
            label="A login’s page (optional)"
            hint="Where one login is edited or disabled, with {login} where the login goes. A leaver’s checklist links each of their logins there."
            error={error('userPageUrl')}
          >
            <input
              id="system-user-page"
              type="url"
              placeholder="https://app.example.com/admin/users/{login}"
              value={userPage}
              onInput={(e) => edit(setUserPage, e.currentTarget.value)}
            />
          </Field>
          <h3 id="catalogue-heading">Permission catalogue</h3>
          <p class="muted">
            What a login can be allowed to do in {system?.name || 'this system'}. Privileged ones (managing
            users, moving money out) get a closer eye in every finding.
          </p>
          <div class="table-wrap">
            <table class="data catalogue" aria-labelledby="catalogue-heading">
              <thead>
                <tr>
                  <th scope="col">Permission</th>
                  <th scope="col">Label</th>
                  <th scope="col">Privileged</th>
                  <th scope="col">
                    <span class="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={index}>
                    <td>
                      <input
                        aria-label={`Permission ${index + 1} name`}
                        value={row.name}
                        onInput={(e) => {
                          const name = e.currentTarget.value;
                          edit(
                            setRows,
                            rows.map((r, i) =>
                              i === index ? { ...r, name, privileged: isPrivileged(name) } : r,
                            ),
                          );
                        }}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Permission ${index + 1} label`}
                        value={row.label}
                        onInput={(e) => {
                          const label = e.currentTarget.value;
                          edit(
                            setRows,
                            rows.map((r, i) => (i === index ? { ...r, label } : r)),
                          );
                        }}
                      />
                    </td>
                    <td class="center">
                      <input
                        type="checkbox"
                        aria-label={`${row.name || `Permission ${index + 1}`} is privileged`}
                        checked={row.privileged}
                        onChange={(e) => {
                          const privileged = e.currentTarget.checked;
                          edit(
                            setRows,
                            rows.map((r, i) => (i === index ? { ...r, privileged } : r)),
                          );
                        }}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        class="link"
                        aria-label={`Remove ${row.name || `permission ${index + 1}`}`}
                        onClick={() =>
                          edit(
                            setRows,
                            rows.filter((_, i) => i !== index),
                          )
                        }
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="row wrap">
            <button
              type="button"
              onClick={() => edit(setRows, [...rows, { name: '', label: '', privileged: false }])}
            >
              Add a permission
            </button>
            {captured.length > 0 && (
              <button
                type="button"
                onClick={() =>
                  edit(setRows, [
                    ...rows,
                    ...captured.map((name) => ({ name, label: '', privileged: isPrivileged(name) })),
                  ])
                }
              >
                Add {captured.length} from the captured user list
              </button>
            )}
          </div>
          <FormError message={error('permissions') ?? error('')} />
          {editable && (
            <button type="submit" class="primary">
              {system ? 'Save system' : 'Add system'}
            </button>
          )}
        </fieldset>
        <Message said={said} />
      </form>
    </section>
  );
}
