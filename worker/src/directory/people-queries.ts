import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Person } from '../../../shared/schemas/directory';
import type {
  CreatePerson,
  LeavePerson,
  ListPeopleQuery,
  UpdatePerson,
} from '../../../shared/schemas/directory-input';
import { accounts, jobRoles, people } from '../db/schema';
import {
  type Db,
  inJson,
  reservedVersion,
  reservedVersionSql,
  reserveVersions,
  returnedRow,
  toStatement,
  type Write,
} from '../db/versions';
import { notInThisFirm, ProblemError } from '../http/problem';
import { findLiveRow } from './live-row';
import { afterCursor, toPage } from './page-cursor';
import { toPerson } from './rows';

/** Case-insensitive "contains" without LIKE: D1 caps LIKE patterns at 50 bytes and `%`/`_` need escaping. */
export const containsText = (column: SQL | typeof people.name, text: string) =>
  sql`instr(lower(${column}), ${text.toLowerCase()}) > 0`;

/** One page of the staff directory in name order, searched by name, email or an owned account's username. */
export async function listPeople(db: Db, orgId: string, query: ListPeopleQuery) {
  const conditions: SQL[] = [eq(people.orgId, orgId), eq(people.deleted, false)];
  if (query.status) conditions.push(eq(people.status, query.status));
  if (query.jobRoleId) conditions.push(eq(people.jobRoleId, query.jobRoleId));
  if (query.q) {
    const q = query.q;
    const search = or(
      containsText(people.name, q),
      containsText(sql`coalesce(${people.email}, '')`, q),
      sql`EXISTS (SELECT 1 FROM accounts a WHERE +a.org_id = ${orgId} AND a.owner_person_id = ${people.id}
        AND a.deleted = 0 AND instr(lower(a.username), ${q.toLowerCase()}) > 0)`,
    );
    if (search) conditions.push(search);
  }
  const after = afterCursor(people.name, people.id, query.cursor);
  if (after) conditions.push(after);
  const rows = await db
    .select()
    .from(people)
    .where(and(...conditions))
    .orderBy(asc(people.name), asc(people.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => [row.name, row.id], toPerson);
}

export async function findPerson(db: Db, orgId: string, id: string): Promise<Person | undefined> {
  const row = await findLiveRow(db, people, orgId, id);
  return row ? toPerson(row) : undefined;
}

export async function getPerson(db: Db, orgId: string, id: string): Promise<Person> {
  const person = await findPerson(db, orgId, id);
  if (!person) throw new ProblemError(404, 'No such person.');
  return person;
}

/** A job role named by a write must be one of the organisation's own. */
async function checkJobRole(db: Db, orgId: string, jobRoleId: string | null | undefined, field: string) {
  if (!jobRoleId) return;
  const [row] = await db
    .select({ id: jobRoles.id })
    .from(jobRoles)
    .where(and(eq(jobRoles.orgId, orgId), eq(jobRoles.id, jobRoleId), eq(jobRoles.deleted, false)));
  if (!row) {
    throw new ProblemError(422, 'The job role does not exist.', [
      { field, message: notInThisFirm('job role') },
    ]);
  }
}

/** An id the client made must not be taken, in this organisation or any other. */
export async function checkIdFree(db: Db, table: typeof people | typeof accounts, id: string | undefined) {
  if (!id) return;
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, id));
  if (row) throw new ProblemError(409, `The id ${id} is taken.`, [{ field: 'body.id', message: 'id taken' }]);
}

function checkDates(startDate: string | null | undefined, endDate: string | null | undefined) {
  if (startDate && endDate && endDate < startDate) {
    throw new ProblemError(422, 'The end date is before the start date.', [
      { field: 'body.endDate', message: 'before the start date' },
    ]);
  }
}

export async function createPerson(
  db: Db,
  orgId: string,
  input: CreatePerson,
  now = Date.now(),
): Promise<Write<Person>> {
  await checkIdFree(db, people, input.id);
  await checkJobRole(db, orgId, input.jobRoleId, 'body.jobRoleId');
  checkDates(input.startDate, input.endDate);
  const id = input.id ?? crypto.randomUUID();
  return {
    statements: [
      reserveVersions(db, orgId, 1),
      toStatement(
        db,
        db
          .insert(people)
          .values({
            id,
            orgId,
            name: input.name,
            email: input.email ?? null,
            jobRoleId: input.jobRoleId ?? null,
            startDate: input.startDate ?? null,
            endDate: input.endDate ?? null,
            status: 'active',
            version: reservedVersion(orgId, 1, 0),
            updatedAt: now,
          })
          .returning(),
      ),
    ],
    read: (results) => toPerson(returnedRow(people, results, 1)),
  };
}

/** The statements that set fields of one live person under a new version, returning the row. */
export function personUpdateStatements(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof people.$inferInsert>,
  now: number,
): Write<Person> {
  return {
    statements: [
      reserveVersions(db, orgId, 1),
      toStatement(
        db,
        db
          .update(people)
          .set({ ...set, version: reservedVersion(orgId, 1, 0), updatedAt: now })
          .where(and(eq(people.orgId, orgId), eq(people.id, id), eq(people.deleted, false)))
          .returning(),
      ),
    ],
    read: (results) => toPerson(returnedRow(people, results, 1)),
  };
}

export async function updatePerson(
  db: Db,
  orgId: string,
  id: string,
  input: UpdatePerson,
  now = Date.now(),
): Promise<{ before: Person; write: Write<Person> }> {
  const before = await getPerson(db, orgId, id);
  await checkJobRole(db, orgId, input.jobRoleId, 'body.jobRoleId');
  checkDates(
    input.startDate === undefined ? before.startDate : input.startDate,
    input.endDate === undefined ? before.endDate : input.endDate,
  );
  return { before, write: personUpdateStatements(db, orgId, id, input, now) };
}

/** Records a leaver: from the end date on, every active account they own or use is a leaver warning. */
export async function recordLeaver(
  db: Db,
  orgId: string,
  id: string,
  input: LeavePerson,
  now = Date.now(),
): Promise<{ before: Person; write: Write<Person> }> {
  const before = await getPerson(db, orgId, id);
  checkDates(before.startDate, input.endDate);
  return {
    before,
    write: personUpdateStatements(
      db,
      orgId,
      id,
      { endDate: input.endDate, leaveReason: input.reason, status: 'leaver' },
      now,
    ),
  };
}

/**
 * Deletes a person (a tombstone that sync passes on) and unlinks the accounts they owned or used,
 * each under a version of its own so a pull sees them change.
 */
export async function deletePerson(
  db: Db,
  orgId: string,
  id: string,
  now = Date.now(),
): Promise<{ before: Person; write: Write<{ unlinkedAccounts: number }> }> {
  const before = await getPerson(db, orgId, id);
  const owned = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.orgId, orgId),
        or(
          eq(accounts.ownerPersonId, id),
          sql`EXISTS (SELECT 1 FROM json_each(${accounts.userPersonIds}) WHERE value = ${id})`,
        ),
      ),
    );
  const count = owned.length + 1;
  const accountIds = owned.map((row) => row.id);
  return {
    before,
    write: {
      statements: [
        reserveVersions(db, orgId, count),
        toStatement(
          db,
          db
            .update(people)
            .set({ deleted: true, version: reservedVersion(orgId, count, 0), updatedAt: now })
            .where(and(eq(people.orgId, orgId), eq(people.id, id))),
        ),
        // One statement however many accounts: ids travel as JSON, the version follows the list index.
        toStatement(
          db,
          sql`UPDATE accounts SET
              owner_person_id = CASE WHEN owner_person_id = ${id} THEN NULL ELSE owner_person_id END,
              user_person_ids = (SELECT json_group_array(u.value) FROM json_each(accounts.user_person_ids) AS u
                WHERE u.value <> ${id}),
              updated_at = ${now}, version = ${reservedVersionSql(orgId, count, sql`j.key + 1`)}
            FROM json_each(${JSON.stringify(accountIds)}) AS j
            WHERE accounts.id = j.value AND +accounts.org_id = ${orgId}`,
        ),
      ],
      read: () => ({ unlinkedAccounts: accountIds.length }),
    },
  };
}

export async function peopleByIds(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(people)
    .where(and(eq(people.orgId, orgId), inJson(people.id, ids)));
}
