import { and, eq, or, sql } from 'drizzle-orm';
import { syncRowDefaults } from '../../../shared/directory/sync-row-defaults';
import type { Account, JobRole, Person, System } from '../../../shared/schemas/directory';
import type {
  SyncChange,
  SyncEntity,
  SyncMutation,
  SyncResult,
} from '../../../shared/schemas/directory-input';
import type { FieldError } from '../../../shared/schemas/problem';
import { accounts, jobRoles, people, syncMutations, systems } from '../db/schema';
import {
  type Db,
  inJson,
  jsonChunks,
  reservedVersionSql,
  reserveVersions,
  toStatement,
} from '../db/versions';
import { unknownPermissionErrors } from '../directory/accounts-queries';
import { toAccount, toJobRole, toPerson, toSystem } from '../directory/rows';
import { notInThisFirm } from '../http/problem';
import { planLeaverChecklist } from '../reviews/todos';

/**
 * Applying a batch of offline mutations. Each carries a client-made id (a retried push finds it in
 * sync_mutations and applies nothing twice) and the version it was based on (a stale base is a
 * conflict answered with the row as it is now; nothing is overwritten).
 *
 * Reads first, decides in memory, then writes everything in one batch of a few json_each
 * statements per table, however many mutations: every UPDATE is guarded by the version that was
 * read, and a mutation is recorded as applied only if its row now carries the version it was given.
 * So a row changed between the read and the write is never overwritten; its mutation comes back as
 * a conflict.
 */

type Row = Person | System | JobRole | Account;
type State = Omit<Row, 'version'> & Record<string, unknown>;

type ColumnMap = readonly (readonly [key: string, column: string])[];
const COLUMNS: Record<SyncEntity, { table: string; columns: ColumnMap }> = {
  person: {
    table: 'people',
    columns: [
      ['name', 'name'],
      ['email', 'email'],
      ['jobRoleId', 'job_role_id'],
      ['startDate', 'start_date'],
      ['endDate', 'end_date'],
      ['leaveReason', 'leave_reason'],
      ['status', 'status'],
    ],
  },
  system: {
    table: 'systems',
    columns: [
      ['name', 'name'],
      ['adminUrlPatterns', 'admin_url_patterns'],
      ['signInUrlPatterns', 'sign_in_url_patterns'],
      ['userPageUrl', 'user_page_url'],
      ['permissions', 'permissions'],
    ],
  },
  jobRole: {
    table: 'job_roles',
    columns: [
      ['name', 'name'],
      ['permissions', 'permissions'],
    ],
  },
  account: {
    table: 'accounts',
    columns: [
      ['systemId', 'system_id'],
      ['username', 'username'],
      ['displayName', 'display_name'],
      ['email', 'email'],
      ['status', 'status'],
      ['permissions', 'permissions'],
      ['ownerPersonId', 'owner_person_id'],
      ['userPersonIds', 'user_person_ids'],
      ['lastSignInAt', 'last_sign_in_at'],
      ['systemCreatedAt', 'system_created_at'],
    ],
  },
};

const REQUIRED: Record<SyncEntity, string[]> = {
  person: ['name'],
  system: ['name'],
  jobRole: ['name'],
  account: ['systemId', 'username'],
};

const key = (entity: SyncEntity, id: string) => `${entity}:${id}`;
const ENTITY_NAMES: Record<SyncEntity, string> = {
  person: 'person',
  system: 'system',
  jobRole: 'job role',
  account: 'login',
};

/** What a push did to one row, for the audit log. */
export type PushedChange = {
  entity: SyncEntity;
  rowId: string;
  action: 'create' | 'update' | 'delete';
  before: Row | null;
  after: State;
  mutationIds: string[];
};

type Pending = {
  entity: SyncEntity;
  id: string;
  /** The version read (the guard), or null for a row this push creates. */
  guard: number | null;
  before: Row | null;
  state: State;
  mutationIds: string[];
  index: number;
};

async function readRows(db: Db, orgId: string, mutations: readonly SyncMutation[]) {
  const ids = (entity: SyncEntity) => mutations.filter((m) => m.entity === entity).map((m) => m.rowId);
  const [done, personRows, systemRows, roleRows, accountRows, orgSystems] = await db.batch([
    db
      .select({ mutationId: syncMutations.mutationId, version: syncMutations.version })
      .from(syncMutations)
      .where(
        and(
          eq(syncMutations.orgId, orgId),
          inJson(
            syncMutations.mutationId,
            mutations.map((m) => m.mutationId),
          ),
        ),
      ),
    db
      .select()
      .from(people)
      .where(inJson(people.id, ids('person'))),
    db
      .select()
      .from(systems)
      .where(inJson(systems.id, ids('system'))),
    db
      .select()
      .from(jobRoles)
      .where(inJson(jobRoles.id, ids('jobRole'))),
    db
      .select()
      .from(accounts)
      .where(inJson(accounts.id, ids('account'))),
    db
      .select()
      .from(systems)
      .where(and(eq(systems.orgId, orgId), eq(systems.deleted, false))),
  ]);
  // Rows of other organisations are read only to refuse their ids: they never leave this function.
  const current = new Map<string, { orgId: string; row: Row }>();
  for (const row of personRows) current.set(key('person', row.id), { orgId: row.orgId, row: toPerson(row) });
  for (const row of systemRows) current.set(key('system', row.id), { orgId: row.orgId, row: toSystem(row) });
  for (const row of roleRows) current.set(key('jobRole', row.id), { orgId: row.orgId, row: toJobRole(row) });
  for (const row of accountRows)
    current.set(key('account', row.id), { orgId: row.orgId, row: toAccount(row) });
  return {
    applied: new Map(done.map((row) => [row.mutationId, row.version])),
    current,
    systems: new Map(orgSystems.map((row) => [row.id, toSystem(row)])),
  };
}

export type PushPlan = {
  results: SyncResult[];
  statements: D1PreparedStatement[];
  changes: PushedChange[];
  /** Reads back which planned mutations the batch really applied (see the module comment). */
  settle: () => Promise<SyncResult[]>;
};

export async function planPush(
  db: Db,
  orgId: string,
  mutations: readonly SyncMutation[],
  now = Date.now(),
): Promise<PushPlan> {
  const { applied, current, systems: orgSystems } = await readRows(db, orgId, mutations);
  const pending = new Map<string, Pending>();
  const conflicted = new Set<string>();
  const results = new Map<string, SyncResult>();
  const knownPeople = new Set<string>();
  const knownRoles = new Set<string>();

  // References to people and job roles: live ones of this organisation, or ones created earlier in
  // this push. A change is checked as it would leave the row (the stored row plus the change), so
  // the references it keeps count as much as the ones it names. One read each, of only those ids.
  const merged = (m: SyncMutation) =>
    m.op === 'upsert' ? { ...current.get(key(m.entity, m.rowId))?.row, ...m.data } : {};
  const mentionedPeople = mutations.flatMap((m) => {
    if (m.entity !== 'account') return [];
    const { ownerPersonId, userPersonIds } = merged(m) as Partial<Account>;
    return [...(ownerPersonId ? [ownerPersonId] : []), ...(userPersonIds ?? [])];
  });
  const mentionedRoles = mutations.flatMap((m) => {
    if (m.entity !== 'person') return [];
    const { jobRoleId } = merged(m) as Partial<Person>;
    return jobRoleId ? [jobRoleId] : [];
  });
  const [livePeople, liveRoles] = await db.batch([
    db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.deleted, false), inJson(people.id, mentionedPeople))),
    db
      .select({ id: jobRoles.id })
      .from(jobRoles)
      .where(
        and(eq(jobRoles.orgId, orgId), eq(jobRoles.deleted, false), inJson(jobRoles.id, mentionedRoles)),
      ),
  ]);
  for (const row of livePeople) knownPeople.add(row.id);
  for (const row of liveRoles) knownRoles.add(row.id);

  // Usernames are unique within a system: the pairs this push writes, and who holds them now.
  const pairs = mutations.flatMap((m) => {
    if (m.op !== 'upsert' || m.entity !== 'account') return [];
    const stored = current.get(key('account', m.rowId))?.row as Account | undefined;
    const systemId = m.data.systemId ?? stored?.systemId;
    const username = m.data.username ?? stored?.username;
    return systemId && username ? [{ s: systemId, u: username }] : [];
  });
  const holders = pairs.length
    ? await db.all<{
        id: string;
        pair: string;
      }>(sql`SELECT id, system_id || char(10) || username AS pair FROM accounts
        WHERE (system_id, username) IN (SELECT json_extract(value, '$.s'), json_extract(value, '$.u')
          FROM json_each(${JSON.stringify(pairs)}))`)
    : [];
  const usernameHolders = new Map(holders.map((row) => [row.pair, row.id]));

  const conflict = (mutation: SyncMutation, row: Row | null) => {
    conflicted.add(key(mutation.entity, mutation.rowId));
    results.set(mutation.mutationId, {
      mutationId: mutation.mutationId,
      status: 'conflict',
      current: row ? ({ entity: mutation.entity, row } as SyncChange) : null,
    });
  };
  const reject = (mutation: SyncMutation, errors: FieldError[]) =>
    results.set(mutation.mutationId, { mutationId: mutation.mutationId, status: 'rejected', errors });

  mutations.forEach((mutation, index) => {
    const done = applied.get(mutation.mutationId);
    if (done !== undefined) {
      results.set(mutation.mutationId, { mutationId: mutation.mutationId, status: 'applied', version: done });
      return;
    }
    const rowKey = key(mutation.entity, mutation.rowId);
    const field = `mutations.${index}`;
    const found = current.get(rowKey);
    if (found && found.orgId !== orgId) {
      reject(mutation, [{ field: `${field}.rowId`, message: 'this id is taken' }]);
      return;
    }
    const stored = found?.row ?? null;
    if (conflicted.has(rowKey)) {
      conflict(mutation, stored);
      return;
    }
    // The base is checked against the row as it was before this push, so a client may queue several
    // edits of one row offline, all based on the version it last pulled.
    const known = pending.get(rowKey);
    if (mutation.baseVersion !== (stored?.version ?? null)) {
      if (!stored && mutation.baseVersion !== null) {
        reject(mutation, [
          { field: `${field}.rowId`, message: notInThisFirm(ENTITY_NAMES[mutation.entity]) },
        ]);
      } else {
        conflict(mutation, stored);
      }
      return;
    }
    if (stored?.deleted && mutation.op === 'upsert') {
      conflict(mutation, stored);
      return;
    }

    const base: State =
      known?.state ?? (stored ? stripVersion(stored) : ({ id: mutation.rowId, deleted: false } as State));
    let state: State;
    if (mutation.op === 'delete') {
      if (!stored && !known) {
        reject(mutation, [
          { field: `${field}.rowId`, message: notInThisFirm(ENTITY_NAMES[mutation.entity]) },
        ]);
        return;
      }
      state = { ...base, deleted: true };
    } else {
      state = { ...syncRowDefaults()[mutation.entity], ...base, ...mutation.data } as State;
      const errors = checkState(mutation, state, stored, field, {
        orgSystems,
        people: knownPeople,
        roles: knownRoles,
      });
      if (errors.length > 0) {
        reject(mutation, errors);
        return;
      }
      if (mutation.entity === 'account') {
        const pair = `${state.systemId}\n${state.username}`;
        const holder = usernameHolders.get(pair);
        if (holder !== undefined && holder !== mutation.rowId) {
          reject(mutation, [
            { field: `${field}.data.username`, message: `the system already has ${state.username}` },
          ]);
          return;
        }
        const previous = (known?.state ?? stored) as Account | null;
        if (previous) usernameHolders.delete(`${previous.systemId}\n${previous.username}`);
        usernameHolders.set(pair, mutation.rowId);
      }
    }
    if (mutation.entity === 'person' && !state.deleted) knownPeople.add(mutation.rowId);
    if (mutation.entity === 'jobRole' && !state.deleted) knownRoles.add(mutation.rowId);
    if (mutation.entity === 'system' && !state.deleted)
      orgSystems.set(mutation.rowId, { ...(state as System), version: 0 });
    pending.set(rowKey, {
      entity: mutation.entity,
      id: mutation.rowId,
      guard: stored?.version ?? null,
      before: stored,
      state,
      mutationIds: [...(known?.mutationIds ?? []), mutation.mutationId],
      index: known?.index ?? pending.size,
    });
  });

  await addCascades(db, orgId, pending);
  const writes = [...pending.values()];
  const statements = writeStatements(db, orgId, writes, now);
  // A person who becomes a leaver gets their offboarding checklist in the same batch, as through
  // POST /people/:id/leave: marking a leaver from the extension is the everyday way.
  const leavers = writes.filter(
    (write) =>
      write.entity === 'person' &&
      !write.state.deleted &&
      write.state.status === 'leaver' &&
      (write.before as Person | null)?.status !== 'leaver',
  );
  for (const leaver of leavers) {
    statements.push(...(await planLeaverChecklist(db, orgId, leaver.id, now)).statements);
  }
  const changes: PushedChange[] = writes.map((write) => ({
    entity: write.entity,
    rowId: write.id,
    action: write.state.deleted ? 'delete' : write.before ? 'update' : 'create',
    before: write.before,
    after: write.state,
    mutationIds: write.mutationIds,
  }));

  const settle = async () => {
    const planned = writes.flatMap((write) => write.mutationIds);
    const recorded = planned.length
      ? await db
          .select({ mutationId: syncMutations.mutationId, version: syncMutations.version })
          .from(syncMutations)
          .where(and(eq(syncMutations.orgId, orgId), inJson(syncMutations.mutationId, planned)))
      : [];
    const versions = new Map(recorded.map((row) => [row.mutationId, row.version]));
    const raced = writes.filter((write) => write.mutationIds.some((id) => !versions.has(id)));
    const now = raced.length
      ? await readRows(
          db,
          orgId,
          raced.map((write) => firstMutation(write, mutations)),
        )
      : null;
    for (const write of writes) {
      for (const mutationId of write.mutationIds) {
        const version = versions.get(mutationId);
        if (version !== undefined) {
          results.set(mutationId, { mutationId, status: 'applied', version });
        } else {
          const row = now?.current.get(key(write.entity, write.id));
          results.set(mutationId, {
            mutationId,
            status: 'conflict',
            current:
              row && row.orgId === orgId ? ({ entity: write.entity, row: row.row } as SyncChange) : null,
          });
        }
      }
    }
    return mutations.flatMap((mutation) => results.get(mutation.mutationId) ?? []);
  };

  return { results: mutations.flatMap((m) => results.get(m.mutationId) ?? []), statements, changes, settle };
}

/**
 * What a deletion takes with it, as REST deletes do: a deleted person's accounts lose them as owner
 * and as user, a deleted system's accounts are deleted, a deleted job role leaves its people without
 * one. These rows are written in the same batch under their own versions, guarded like the rest.
 */
async function addCascades(db: Db, orgId: string, pending: Map<string, Pending>) {
  const deletedNow = (entity: SyncEntity) =>
    [...pending.values()]
      .filter((w) => w.entity === entity && w.state.deleted && !w.before?.deleted)
      .map((w) => w.id);
  const gonePeople = deletedNow('person');
  const goneSystems = deletedNow('system');
  const goneRoles = deletedNow('jobRole');
  if (gonePeople.length + goneSystems.length + goneRoles.length === 0) return;
  const [accountRows, personRows] = await db.batch([
    db
      .select()
      .from(accounts)
      .where(
        and(
          eq(accounts.orgId, orgId),
          eq(accounts.deleted, false),
          or(
            inJson(accounts.ownerPersonId, gonePeople),
            inJson(accounts.systemId, goneSystems),
            sql`EXISTS (SELECT 1 FROM json_each(${accounts.userPersonIds}) AS u
              WHERE u.value IN (SELECT value FROM json_each(${JSON.stringify(gonePeople)})))`,
          ),
        ),
      ),
    db
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.deleted, false), inJson(people.jobRoleId, goneRoles))),
  ]);
  const follow = (entity: SyncEntity, row: Row, change: Record<string, unknown>) => {
    const rowKey = key(entity, row.id);
    const known = pending.get(rowKey);
    if (known) {
      known.state = { ...known.state, ...change };
      return;
    }
    pending.set(rowKey, {
      entity,
      id: row.id,
      guard: row.version,
      before: row,
      state: { ...stripVersion(row), ...change },
      mutationIds: [],
      index: pending.size,
    });
  };
  for (const row of accountRows.map(toAccount)) {
    if (goneSystems.includes(row.systemId)) {
      follow('account', row, { deleted: true });
      continue;
    }
    const known = pending.get(key('account', row.id))?.state as Account | undefined;
    const users = known?.userPersonIds ?? row.userPersonIds;
    const owner = known?.ownerPersonId !== undefined ? known.ownerPersonId : row.ownerPersonId;
    follow('account', row, {
      ownerPersonId: owner && gonePeople.includes(owner) ? null : owner,
      userPersonIds: users.filter((id) => !gonePeople.includes(id)),
    });
  }
  for (const row of personRows.map(toPerson)) follow('person', row, { jobRoleId: null });
}

function firstMutation(write: Pending, mutations: readonly SyncMutation[]): SyncMutation {
  return mutations.find((m) => m.mutationId === write.mutationIds[0]) as SyncMutation;
}

function stripVersion(row: Row): State {
  const { version: _version, ...rest } = row;
  return rest as State;
}

function checkState(
  mutation: SyncMutation,
  state: State,
  stored: Row | null,
  field: string,
  known: { orgSystems: Map<string, System>; people: Set<string>; roles: Set<string> },
): FieldError[] {
  const errors: FieldError[] = [];
  for (const name of REQUIRED[mutation.entity]) {
    if (state[name] === undefined || state[name] === null) {
      errors.push({ field: `${field}.data.${name}`, message: 'required to create this row' });
    }
  }
  if (errors.length > 0) return errors;
  if (mutation.entity === 'person') {
    const jobRoleId = state.jobRoleId as string | null;
    if (jobRoleId && !known.roles.has(jobRoleId)) {
      errors.push({
        field: `${field}.data.jobRoleId`,
        message: notInThisFirm('job role'),
      });
    }
    const start = state.startDate as string | null;
    const end = state.endDate as string | null;
    if (start && end && end < start)
      errors.push({ field: `${field}.data.endDate`, message: 'before the start date' });
  }
  if (mutation.entity === 'account') {
    const systemId = state.systemId as string;
    if (stored && (stored as Account).systemId !== systemId) {
      errors.push({ field: `${field}.data.systemId`, message: 'an account cannot move to another system' });
    }
    const system = known.orgSystems.get(systemId);
    if (!system) {
      errors.push({ field: `${field}.data.systemId`, message: notInThisFirm('system') });
    } else {
      errors.push(
        ...unknownPermissionErrors(system, state.permissions as string[], `${field}.data.permissions`),
      );
    }
    const owner = state.ownerPersonId as string | null;
    if (owner && !known.people.has(owner)) {
      errors.push({
        field: `${field}.data.ownerPersonId`,
        message: notInThisFirm('person'),
      });
    }
    (state.userPersonIds as string[]).forEach((id, index) => {
      if (!known.people.has(id)) {
        errors.push({
          field: `${field}.data.userPersonIds.${index}`,
          message: notInThisFirm('person'),
        });
      }
    });
  }
  if (mutation.entity === 'jobRole') {
    const template = state.permissions as Record<string, string[]>;
    for (const [systemId, names] of Object.entries(template)) {
      const system = known.orgSystems.get(systemId);
      if (!system) {
        errors.push({
          field: `${field}.data.permissions.${systemId}`,
          message: notInThisFirm('system'),
        });
        continue;
      }
      errors.push(...unknownPermissionErrors(system, names, `${field}.data.permissions.${systemId}`));
    }
  }
  return errors;
}

/** Rows as JSON for json_each: every value a column takes, JSON columns as nested JSON. */
function writeStatements(db: Db, orgId: string, writes: Pending[], now: number): D1PreparedStatement[] {
  if (writes.length === 0) return [];
  const count = writes.length;
  const statements = [reserveVersions(db, orgId, count)];
  const version = reservedVersionSql(orgId, count, sql.raw(`json_extract(j.value, '$.i')`));
  for (const entity of Object.keys(COLUMNS) as SyncEntity[]) {
    const { table, columns } = COLUMNS[entity];
    const rows = (inserting: boolean) =>
      writes
        .filter((write) => write.entity === entity && (write.guard === null) === inserting)
        .map((write) => ({
          ...write.state,
          i: write.index,
          guard: write.guard,
          mutationIds: write.mutationIds,
        }));
    const value = (name: string) => sql.raw(`json_extract(j.value, '$.${name}')`);
    const tableSql = sql.raw(table);
    for (const chunk of jsonChunks(rows(true))) {
      const names = sql.raw(columns.map(([, column]) => column).join(', '));
      const values = sql.join(
        columns.map(([name]) => value(name)),
        sql`, `,
      );
      statements.push(
        toStatement(
          db,
          sql`INSERT INTO ${tableSql} (id, org_id, ${names}, version, deleted, updated_at)
            SELECT ${value('id')}, ${orgId}, ${values}, ${version}, ${value('deleted')}, ${now}
            FROM json_each(${chunk.json}) AS j
            WHERE NOT EXISTS (SELECT 1 FROM ${tableSql} t WHERE t.id = ${value('id')})`,
        ),
      );
    }
    for (const chunk of jsonChunks(rows(false))) {
      const sets = sql.join(
        columns.map(([name, column]) => sql`${sql.raw(column)} = ${value(name)}`),
        sql`, `,
      );
      statements.push(
        toStatement(
          db,
          sql`UPDATE ${tableSql} SET ${sets}, deleted = ${value('deleted')}, version = ${version}, updated_at = ${now}
            FROM json_each(${chunk.json}) AS j
            WHERE ${tableSql}.id = ${value('id')} AND +${tableSql}.org_id = ${orgId}
              AND ${tableSql}.version = ${value('guard')}`,
        ),
      );
    }
    // Record each mutation only where its row now holds the version this batch gave it.
    const all = [...rows(true), ...rows(false)].flatMap((row) =>
      row.mutationIds.map((mutationId) => ({ mutationId, id: row.id, i: row.i })),
    );
    for (const chunk of jsonChunks(all)) {
      statements.push(
        toStatement(
          db,
          sql`INSERT INTO sync_mutations (org_id, mutation_id, entity, row_id, version, created_at)
            SELECT ${orgId}, ${value('mutationId')}, ${entity}, ${value('id')}, ${version}, ${now}
            FROM json_each(${chunk.json}) AS j
            WHERE EXISTS (SELECT 1 FROM ${tableSql} t WHERE t.id = ${value('id')} AND t.org_id = ${orgId}
              AND t.version = ${version})
            ON CONFLICT DO NOTHING`,
        ),
      );
    }
  }
  return statements;
}
