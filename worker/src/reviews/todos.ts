import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { classify } from '../../../shared/classifier/classify';
import { defaultAccountName } from '../../../shared/classifier/default-accounts';
import { namesTwoPeople } from '../../../shared/classifier/shared-display-name';
import type { ReconcilePlan } from '../../../shared/directory/reconcile-snapshot';
import type { Todo } from '../../../shared/schemas/reviews';
import type { AuditEventInput } from '../audit/writer';
import { accounts, people, signInObservations, systems, todos } from '../db/schema';
import { type Db, jsonChunks, toStatement } from '../db/versions';
import { ProblemError } from '../http/problem';

type TodoRow = typeof todos.$inferSelect;

export function toTodo(row: TodoRow): Todo {
  const { orgId: _, reviewItemId: __, ...todo } = row;
  return todo;
}

export async function listTodos(
  db: Db,
  orgId: string,
  query: { status?: 'open' | 'done'; source?: 'review' | 'leaver'; limit: number; cursor?: string },
) {
  const conditions = [eq(todos.orgId, orgId)];
  if (query.status) conditions.push(eq(todos.status, query.status));
  if (query.source) conditions.push(eq(todos.source, query.source));
  if (query.cursor) conditions.push(gt(todos.id, query.cursor));
  const rows = await db
    .select()
    .from(todos)
    .where(and(...conditions))
    .orderBy(asc(todos.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { items: page.map(toTodo), nextCursor: more ? (page.at(-1)?.id ?? null) : null };
}

/** Leavers' offboarding checklists that still have something open, each with all its items. */
export async function openChecklists(db: Db, orgId: string) {
  const rows = await db
    .select({ todo: todos, name: people.name, endDate: people.endDate })
    .from(todos)
    .innerJoin(people, eq(people.id, todos.sourceId))
    .where(
      and(
        eq(todos.orgId, orgId),
        eq(todos.source, 'leaver'),
        sql`${todos.sourceId} IN (SELECT source_id FROM todos WHERE org_id = ${orgId} AND source = 'leaver' AND status = 'open')`,
      ),
    )
    .orderBy(asc(people.name), asc(todos.label));
  const byPerson = new Map<
    string,
    { personId: string; name: string; endDate: string | null; open: number; done: number; items: Todo[] }
  >();
  for (const row of rows) {
    let list = byPerson.get(row.todo.sourceId);
    if (!list) {
      list = {
        personId: row.todo.sourceId,
        name: row.name,
        endDate: row.endDate,
        open: 0,
        done: 0,
        items: [],
      };
      byPerson.set(row.todo.sourceId, list);
    }
    list.items.push(toTodo(row.todo));
    list[row.todo.status === 'open' ? 'open' : 'done'] += 1;
  }
  return [...byPerson.values()];
}

export async function findTodo(db: Db, orgId: string, id: string): Promise<TodoRow> {
  const [row] = await db
    .select()
    .from(todos)
    .where(and(eq(todos.orgId, orgId), eq(todos.id, id)));
  if (!row) throw new ProblemError(404, 'No such to-do.');
  return row;
}

/**
 * A leaver's offboarding checklist: one to-do per account they own, use, or were seen signing in to,
 * in every system. A login others use too, or one named after a role, stays for the others but its
 * password must change; their own login goes. Accounts already removed need nothing. The unique
 * (source, person, account, action) index makes recording the same leaver twice add nothing. Its
 * statements go after the write that makes the person a leaver, and add nothing if that write did not
 * (a sync push that lost a race).
 */
/** Closes an open to-do by an owner's or admin's confirmation, returning it (nothing if already done). */
export function confirmTodoStatement(
  db: Db,
  orgId: string,
  id: string,
  closedBy: string,
  comment: string,
  now: number,
) {
  return db
    .update(todos)
    .set({ status: 'done', closedAt: now, closedVia: 'confirmation', closedBy, closedComment: comment })
    .where(and(eq(todos.orgId, orgId), eq(todos.id, id), eq(todos.status, 'open')))
    .returning();
}

export async function planLeaverChecklist(db: Db, orgId: string, personId: string, now: number) {
  const rows = await db
    .select({ account: accounts, systemName: systems.name })
    .from(accounts)
    .innerJoin(systems, eq(systems.id, accounts.systemId))
    .where(
      and(
        eq(accounts.orgId, orgId),
        eq(accounts.deleted, false),
        sql`${accounts.status} <> 'removed'`,
        or(
          eq(accounts.ownerPersonId, personId),
          sql`EXISTS (SELECT 1 FROM json_each(${accounts.userPersonIds}) WHERE value = ${personId})`,
          sql`EXISTS (SELECT 1 FROM ${signInObservations} o WHERE o.account_id = ${accounts.id} AND o.person_id = ${personId})`,
        ),
      ),
    );
  const observed = await db
    .select({ accountId: signInObservations.accountId, personId: signInObservations.personId })
    .from(signInObservations)
    .where(eq(signInObservations.orgId, orgId));
  const items = rows.map(({ account, systemName }) => {
    const users = new Set([
      ...(account.ownerPersonId ? [account.ownerPersonId] : []),
      ...account.userPersonIds,
    ]);
    for (const o of observed) if (o.accountId === account.id) users.add(o.personId);
    const verdict = classify(account.username, account.displayName);
    const shared =
      users.size >= 2 ||
      Boolean(namesTwoPeople(account.displayName)) ||
      Boolean(defaultAccountName(account.username)) ||
      verdict.verdict === 'generic';
    return {
      id: crypto.randomUUID(),
      accountId: account.id,
      systemId: account.systemId,
      label: `${account.username} in ${systemName}`,
      action: shared ? 'rotate-password' : 'remove',
      reason: shared
        ? 'A leaver knew the password of this shared or role login: change it and tell only those who still use it'
        : "The leaver's own login: remove or disable it",
    };
  });
  const statements = jsonChunks(items).map((chunk) =>
    toStatement(
      db,
      sql`INSERT OR IGNORE INTO todos (id, org_id, source, source_id, account_id, system_id, label, action, reason,
          status, created_at)
        SELECT json_extract(j.value, '$.id'), ${orgId}, 'leaver', ${personId}, json_extract(j.value, '$.accountId'),
          json_extract(j.value, '$.systemId'), json_extract(j.value, '$.label'), json_extract(j.value, '$.action'),
          json_extract(j.value, '$.reason'), 'open', ${now}
        FROM json_each(${chunk.json}) AS j
        WHERE EXISTS (SELECT 1 FROM people p WHERE p.id = ${personId} AND p.org_id = ${orgId} AND p.status = 'leaver')`,
    ),
  );
  return { statements, items: items.map(({ label, action }) => ({ label, action })) };
}

function sameSet(a: readonly string[], b: readonly string[]) {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}

/**
 * Which open to-dos of a system a captured user list shows done: the account removed or disabled
 * (remove, and rotate-password when the shared login is gone altogether), or holding exactly the
 * permissions decided (change). Answers statements for the snapshot's own batch and their audit events.
 */
export async function planSnapshotTodoClosures(
  db: Db,
  orgId: string,
  systemId: string,
  plan: ReconcilePlan,
  now: number,
): Promise<{ statements: D1PreparedStatement[]; events: AuditEventInput[] }> {
  const open = await db
    .select({ todo: todos, status: accounts.status, permissions: accounts.permissions })
    .from(todos)
    .innerJoin(accounts, eq(accounts.id, todos.accountId))
    .where(and(eq(todos.orgId, orgId), eq(todos.systemId, systemId), eq(todos.status, 'open')));
  if (open.length === 0) return { statements: [], events: [] };
  const after = new Map([...plan.updates, ...plan.revives].map((state) => [state.id, state]));
  const done = open.filter(({ todo, status, permissions }) => {
    const state = after.get(todo.accountId) ?? { status, permissions };
    if (todo.action === 'change-permissions') {
      return state.status !== 'active' || sameSet(state.permissions, todo.targetPermissions ?? []);
    }
    return state.status === 'removed' || state.status === 'disabled';
  });
  if (done.length === 0) return { statements: [], events: [] };
  const ids = done.map(({ todo }) => todo.id);
  return {
    statements: [
      toStatement(
        db,
        sql`UPDATE todos SET status = 'done', closed_at = ${now}, closed_via = 'snapshot',
          closed_by = 'captured user list', closed_comment = NULL
        WHERE org_id = ${orgId} AND status = 'open' AND id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
      ),
    ],
    events: done.map(({ todo }) => ({
      action: 'todo.close',
      targetType: 'todo',
      targetId: todo.id,
      before: { status: 'open', action: todo.action, label: todo.label },
      after: { status: 'done', closedVia: 'snapshot' },
    })),
  };
}
