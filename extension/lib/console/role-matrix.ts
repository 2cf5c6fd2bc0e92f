import { excessPermissionRule } from '../../../shared/rules/excess-permission';
import type { RuleContext } from '../../../shared/rules/types';
import type { Account, JobRole, Person } from '../../../shared/schemas/directory';
import type { Tables } from '../sync/local-copy';

/** A job role's template: for each system id, the permissions the role needs there. */
export type Template = JobRole['permissions'];

/** The active logins of the active people who hold a job role, by system. */
function holdersLogins(tables: Tables, roleId: string): Map<string, Account[]> {
  const holders = new Set(
    Object.values(tables.person)
      .filter((p) => p.jobRoleId === roleId && p.status === 'active')
      .map((p) => p.id),
  );
  const bySystem = new Map<string, Account[]>();
  for (const account of Object.values(tables.account)) {
    if (account.status !== 'active' || !account.ownerPersonId || !holders.has(account.ownerPersonId))
      continue;
    const list = bySystem.get(account.systemId);
    if (list) list.push(account);
    else bySystem.set(account.systemId, [account]);
  }
  return bySystem;
}

/**
 * "Suggest from current holders": in each system where people with this job role have logins, the
 * permissions that more than half of those logins hold. What most holders have is what the job
 * needs; what one or two have is the excess the template should not bless.
 */
export function suggestFromHolders(tables: Tables, roleId: string): Template {
  const suggested: Template = {};
  for (const [systemId, logins] of holdersLogins(tables, roleId)) {
    const counts = new Map<string, number>();
    for (const login of logins)
      for (const p of new Set(login.permissions)) counts.set(p, (counts.get(p) ?? 0) + 1);
    const most = [...counts].filter(([, n]) => n * 2 > logins.length).map(([p]) => p);
    if (most.length > 0) suggested[systemId] = most.sort();
  }
  return suggested;
}

/** For each job role, how many active logins its active holders have in each system: one pass. */
export function loginsByRoleAndSystem(tables: Tables): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>();
  for (const account of Object.values(tables.account)) {
    if (account.status !== 'active' || !account.ownerPersonId) continue;
    const person = tables.person[account.ownerPersonId];
    if (!person?.jobRoleId || person.status !== 'active') continue;
    let bySystem = counts.get(person.jobRoleId);
    if (!bySystem) {
      bySystem = new Map();
      counts.set(person.jobRoleId, bySystem);
    }
    bySystem.set(account.systemId, (bySystem.get(account.systemId) ?? 0) + 1);
  }
  return counts;
}

/** One login whose excess-permission finding a template change would make or clear. */
export interface PreviewLine {
  accountId: string;
  username: string;
  systemId: string;
  person: Person;
  roleId: string;
  /** The permissions beyond the template, after the change (gains) or before it (loses). */
  extra: string[];
}

export interface TemplatePreview {
  gain: PreviewLine[];
  lose: PreviewLine[];
}

/** The excess-permission findings of the people holding these roles, by account id. */
function excessByAccount(tables: Tables, roleIds: Set<string>, roles: Record<string, JobRole>) {
  const people = Object.values(tables.person).filter((p) => p.jobRoleId && roleIds.has(p.jobRoleId));
  const holders = new Set(people.map((p) => p.id));
  // The rule reads people, roles, systems and logins only; the full context (built with
  // shared/rules/context.ts) would bring the username classifier's word lists into the console.
  const ctx = {
    people: new Map(people.map((p) => [p.id, p])),
    systems: new Map(Object.values(tables.system).map((s) => [s.id, s])),
    jobRoles: new Map(Object.values(roles).map((r) => [r.id, r])),
    accounts: Object.values(tables.account).filter((a) => a.ownerPersonId && holders.has(a.ownerPersonId)),
  } as RuleContext;
  const found = new Map<string, string[]>();
  for (const finding of excessPermissionRule.evaluate(ctx)) {
    const account = tables.account[finding.subject.id];
    const role = account?.ownerPersonId
      ? roles[tables.person[account.ownerPersonId]?.jobRoleId ?? '']
      : undefined;
    if (!account || !role) continue;
    const granted = new Set(role.permissions[account.systemId] ?? []);
    found.set(account.id, account.permissions.filter((p) => !granted.has(p)).sort());
  }
  return found;
}

/**
 * Before saving new templates: which logins would gain an excess-permission finding and which would
 * lose theirs, computed with the shared rule on the local copy, as the server will.
 */
export function previewTemplates(tables: Tables, drafts: Record<string, Template>): TemplatePreview {
  const roleIds = new Set(Object.keys(drafts));
  if (roleIds.size === 0) return { gain: [], lose: [] };
  const before = excessByAccount(tables, roleIds, tables.jobRole);
  const changed: Record<string, JobRole> = { ...tables.jobRole };
  for (const [roleId, permissions] of Object.entries(drafts)) {
    const role = changed[roleId];
    changed[roleId] = role
      ? { ...role, permissions }
      : { id: roleId, name: '', permissions, version: 0, deleted: false };
  }
  const after = excessByAccount(tables, roleIds, changed);
  const line = (accountId: string, extra: string[]): PreviewLine | null => {
    const account = tables.account[accountId];
    const person = account?.ownerPersonId ? tables.person[account.ownerPersonId] : undefined;
    if (!account || !person?.jobRoleId) return null;
    return {
      accountId,
      username: account.username,
      systemId: account.systemId,
      person,
      roleId: person.jobRoleId,
      extra,
    };
  };
  const gain = [...after]
    .filter(([id]) => !before.has(id))
    .map(([id, extra]) => line(id, extra))
    .filter((l): l is PreviewLine => l !== null);
  const lose = [...before]
    .filter(([id]) => !after.has(id))
    .map(([id, extra]) => line(id, extra))
    .filter((l): l is PreviewLine => l !== null);
  const byName = (a: PreviewLine, b: PreviewLine) => a.person.name.localeCompare(b.person.name);
  return { gain: gain.sort(byName), lose: lose.sort(byName) };
}

/** Whether two templates grant the same, whatever the order. */
export function sameTemplate(a: Template, b: Template): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const x = [...(a[key] ?? [])].sort();
    const y = [...(b[key] ?? [])].sort();
    if (x.length !== y.length || x.some((p, i) => p !== y[i])) return false;
  }
  return true;
}

/** A template with one permission switched on or off in one system (empty systems dropped). */
export function toggled(template: Template, systemId: string, permission: string, on: boolean): Template {
  const current = new Set(template[systemId] ?? []);
  if (on) current.add(permission);
  else current.delete(permission);
  const next = { ...template };
  if (current.size === 0) delete next[systemId];
  else next[systemId] = [...current].sort();
  return next;
}
