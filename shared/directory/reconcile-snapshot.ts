import type { Account, Person, System } from '../schemas/directory';
import type { Snapshot, SnapshotDiff, SnapshotDiffRow, SnapshotRow } from '../schemas/directory-input';
import { dateOrderShown } from './date-order';
import { readShownTime } from './read-shown-time';
import { readShownPermissions, readShownStatus } from './read-shown-values';

/**
 * Reconciling a captured user list with the accounts Rollcall knows, as a pure plan: which
 * accounts to add, which to change (and how), which vanished, and the diff to show. Writing the
 * plan is the worker's business; the extension can use the same plan to preview a sync.
 */

/** The state an account is written in: its own fields after the snapshot, plus its id. */
export type AccountState = Pick<
  Account,
  | 'id'
  | 'username'
  | 'displayName'
  | 'email'
  | 'status'
  | 'permissions'
  | 'ownerPersonId'
  | 'lastSignInAt'
  | 'firstSeenAt'
  | 'lastSeenAt'
>;

export type ReconcilePlan = {
  diff: SnapshotDiff;
  /** New accounts, and deleted ones the list shows again (`revive`): written as fresh rows. */
  inserts: AccountState[];
  revives: AccountState[];
  updates: AccountState[];
  /** Accounts the list shows as they were: only their last-seen time moves on, with no new version. */
  seen: string[];
  capturedAt: number;
  /** The system's accounts not deleted nor removed before this list: what a complete list may remove. */
  live: number;
};

export type ReconcileInput = {
  system: Pick<System, 'name' | 'permissions'>;
  /** Every account of the system, deleted ones too (a username the list shows again revives its row). */
  accounts: readonly Account[];
  /** The organisation's live people, for linking new accounts to their owner. */
  people: readonly Pick<Person, 'id' | 'name' | 'email' | 'deleted'>[];
  /** The list; whether its removals were confirmed is the route's concern. */
  snapshot: Omit<Snapshot, 'confirmRemovals'>;
  capturedAt: number;
  newId: () => string;
};

const normaliseName = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Links a new account to the one person whose email, else whose exact name, it carries; otherwise no one. */
function ownerMatcher(people: ReconcileInput['people']) {
  const byEmail = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const person of people) {
    if (person.deleted) continue;
    if (person.email) {
      const key = person.email.toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), person.id]);
    }
    const key = normaliseName(person.name);
    byName.set(key, [...(byName.get(key) ?? []), person.id]);
  }
  return (row: SnapshotRow): { ownerPersonId: string | null; warning?: string } => {
    if (row.email) {
      const matches = byEmail.get(row.email.toLowerCase()) ?? [];
      if (matches.length === 1) return { ownerPersonId: matches[0] ?? null };
    }
    if (row.displayName) {
      const matches = byName.get(normaliseName(row.displayName)) ?? [];
      if (matches.length === 1) return { ownerPersonId: matches[0] ?? null };
      if (matches.length > 1) {
        return {
          ownerPersonId: null,
          warning: `${matches.length} people are called ${row.displayName}: link the owner by hand`,
        };
      }
    }
    return { ownerPersonId: null };
  };
}

function sameList(a: readonly string[], b: readonly string[]) {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort();
  return [...a].sort().every((value, index) => value === sortedB[index]);
}

export function planReconcile(input: ReconcileInput): ReconcilePlan {
  const { snapshot, capturedAt, system } = input;
  const matchOwner = ownerMatcher(input.people);

  // Usernames match ignoring case (most systems treat them so); a live row wins over a deleted one.
  const byUsername = new Map<string, Account>();
  for (const account of input.accounts) {
    const key = account.username.toLowerCase();
    const held = byUsername.get(key);
    if (!held || (held.deleted && !account.deleted)) byUsername.set(key, account);
  }

  // Exact usernames as stored (deleted rows too): a change of case must not take another row's name.
  const exactHolder = new Map(input.accounts.map((account) => [account.username, account.id]));

  const plan: ReconcilePlan = {
    diff: { added: 0, changed: 0, removed: 0, unchanged: 0, rows: [] },
    inserts: [],
    revives: [],
    updates: [],
    seen: [],
    capturedAt,
    live: [...byUsername.values()].filter((account) => !account.deleted && account.status !== 'removed')
      .length,
  };
  const shown = new Set<string>();
  const dateOrder = dateOrderShown(
    snapshot.rows.map((row) => row.lastSignIn),
    snapshot.dateOrder,
  );

  for (const row of snapshot.rows) {
    const key = row.username.toLowerCase();
    shown.add(key);
    const existing = byUsername.get(key);
    const warnings: string[] = [];

    const status = row.status ? readShownStatus(row.status) : undefined;
    if (status && !status.understood) warnings.push(`status "${row.status}" not understood: taken as active`);
    const permissions =
      row.permissions === undefined || row.permissions === null
        ? undefined
        : readShownPermissions(row.permissions, system.permissions);
    // Against an empty catalogue every permission is unknown: nothing to say until there is one.
    for (const unknown of system.permissions.length > 0 ? (permissions?.unknown ?? []) : []) {
      warnings.push(`"${unknown}" is not in the permission catalogue of ${system.name}`);
    }
    const lastSignIn = row.lastSignIn ? readShownTime(row.lastSignIn, capturedAt, dateOrder) : undefined;
    if (lastSignIn?.kind === 'unknown') warnings.push(`last sign-in "${row.lastSignIn}" not understood`);

    if (!existing || existing.deleted) {
      const owner = matchOwner(row);
      if (owner.warning) warnings.push(owner.warning);
      const state: AccountState = {
        id: existing?.id ?? input.newId(),
        username: row.username,
        displayName: row.displayName ?? null,
        email: row.email || null,
        status: status?.status ?? 'active',
        permissions: permissions?.permissions ?? [],
        ownerPersonId: owner.ownerPersonId,
        lastSignInAt: lastSignIn?.kind === 'at' ? lastSignIn.at : null,
        firstSeenAt: capturedAt,
        lastSeenAt: capturedAt,
      };
      (existing ? plan.revives : plan.inserts).push(state);
      plan.diff.added += 1;
      plan.diff.rows.push(diffRow(state, 'added', undefined, warnings));
      continue;
    }

    const next: AccountState = {
      id: existing.id,
      username:
        (exactHolder.get(row.username) ?? existing.id) === existing.id ? row.username : existing.username,
      displayName: row.displayName === undefined ? existing.displayName : row.displayName,
      email: row.email === undefined ? existing.email : row.email || null,
      // A login the list shows again after it vanished is back, unless the page says otherwise.
      status: status?.status ?? (existing.status === 'removed' ? 'active' : existing.status),
      permissions: permissions ? permissions.permissions : existing.permissions,
      ownerPersonId: existing.ownerPersonId,
      lastSignInAt: existing.lastSignInAt,
      firstSeenAt: existing.firstSeenAt ?? capturedAt,
      lastSeenAt: capturedAt,
    };
    if (lastSignIn?.kind === 'never') next.lastSignInAt = null;
    // A time shown no finer than a day or an hour is a change only when it moved past that precision.
    if (
      lastSignIn?.kind === 'at' &&
      (existing.lastSignInAt === null ||
        Math.abs(existing.lastSignInAt - lastSignIn.at) >= lastSignIn.precisionMs)
    ) {
      next.lastSignInAt = lastSignIn.at;
    }

    const fields: string[] = [];
    if (next.username !== existing.username) fields.push('username');
    if (next.displayName !== existing.displayName) fields.push('displayName');
    if (next.email !== existing.email) fields.push('email');
    if (next.status !== existing.status) fields.push('status');
    if (!sameList(next.permissions, existing.permissions)) fields.push('permissions');
    if (next.lastSignInAt !== existing.lastSignInAt) fields.push('lastSignInAt');

    if (fields.length > 0) {
      plan.updates.push(next);
      plan.diff.changed += 1;
      plan.diff.rows.push(diffRow(next, 'changed', fields, warnings));
    } else {
      plan.seen.push(existing.id);
      plan.diff.unchanged += 1;
      plan.diff.rows.push(diffRow(next, 'unchanged', undefined, warnings));
    }
  }

  // Only a whole list can tell that a login vanished.
  if (snapshot.complete) {
    for (const account of byUsername.values()) {
      if (account.deleted || account.status === 'removed' || shown.has(account.username.toLowerCase()))
        continue;
      const next: AccountState = { ...pickState(account), status: 'removed' };
      plan.updates.push(next);
      plan.diff.removed += 1;
      plan.diff.rows.push(diffRow(next, 'removed', ['status'], []));
    }
  }
  return plan;
}

/**
 * Whether a complete list removes so much that the admin must confirm it first: every live account
 * of the system, or more than half of them. An empty or half-read page sent as "complete" would
 * otherwise mark the whole system's staff as gone.
 */
export function removalsNeedConfirmation(removed: number, live: number): boolean {
  return removed > 0 && (removed >= live || removed * 2 > live);
}

function pickState(account: Account): AccountState {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    email: account.email,
    status: account.status,
    permissions: account.permissions,
    ownerPersonId: account.ownerPersonId,
    lastSignInAt: account.lastSignInAt,
    firstSeenAt: account.firstSeenAt,
    lastSeenAt: account.lastSeenAt,
  };
}

function diffRow(
  state: AccountState,
  change: SnapshotDiffRow['change'],
  fields: string[] | undefined,
  warnings: string[],
): SnapshotDiffRow {
  return {
    username: state.username,
    change,
    accountId: state.id,
    ...(fields ? { fields } : {}),
    ownerPersonId: state.ownerPersonId,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
