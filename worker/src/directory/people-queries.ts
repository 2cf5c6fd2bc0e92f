import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import type {
  CreatePerson,
  LeavePerson,
  ListPeopleQuery,
  UpdatePerson,
} from '../../../shared/schemas/directory-input';
import { accounts, jobRoles, people } from '../db/schema';
import { type Db, reservedVersionSql } from '../db/versions';
import { notInThisFirm, ProblemError } from '../http/problem';
import { directoryResource } from './directory-resource';
import { toPerson } from './rows';

/** Case-insensitive "contains" without LIKE: D1 caps LIKE patterns at 50 bytes and `%`/`_` need escaping. */
export const containsText = (column: SQL | typeof people.name, text: string) =>
  sql`instr(lower(${column}), ${text.toLowerCase()}) > 0`;

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

function checkDates(startDate: string | null | undefined, endDate: string | null | undefined) {
  if (startDate && endDate && endDate < startDate) {
    throw new ProblemError(422, 'The end date is before the start date.', [
      { field: 'body.endDate', message: 'before the start date' },
    ]);
  }
}

/**
 * The staff directory. A person's own differences: the list searches name, email and the usernames
 * of the accounts they own; a job role named must be the organisation's; the end date is not before
 * the start; a delete unlinks the accounts they owned or used; and a leaver is recorded by `leave`.
 */
export const peopleQueries = directoryResource({
  table: people,
  label: 'person',
  sortBy: 'name',
  show: toPerson,
  filters: (query: ListPeopleQuery, orgId) => {
    const q = query.q;
    return [
      query.status ? eq(people.status, query.status) : undefined,
      query.jobRoleId ? eq(people.jobRoleId, query.jobRoleId) : undefined,
      q
        ? or(
            containsText(people.name, q),
            containsText(sql`coalesce(${people.email}, '')`, q),
            sql`EXISTS (SELECT 1 FROM accounts a WHERE +a.org_id = ${orgId} AND a.owner_person_id = ${people.id}
        AND a.deleted = 0 AND instr(lower(a.username), ${q.toLowerCase()}) > 0)`,
          )
        : undefined,
    ];
  },
  insert: (input: CreatePerson) => ({
    name: input.name,
    email: input.email ?? null,
    jobRoleId: input.jobRoleId ?? null,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    status: 'active' as const,
  }),
  checkCreate: async (db, orgId, input) => {
    await checkJobRole(db, orgId, input.jobRoleId, 'body.jobRoleId');
    checkDates(input.startDate, input.endDate);
  },
  checkUpdate: async (db, orgId, before, input: UpdatePerson) => {
    await checkJobRole(db, orgId, input.jobRoleId, 'body.jobRoleId');
    checkDates(
      input.startDate === undefined ? before.startDate : input.startDate,
      input.endDate === undefined ? before.endDate : input.endDate,
    );
  },
  cascade: {
    rows: async (db, orgId, id) => {
      const rows = await db
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
      return rows.map((row) => row.id);
    },
    // One statement however many accounts: ids travel as JSON, the version follows the list index.
    statement: (orgId, id, accountIds, count, now) =>
      sql`UPDATE accounts SET
              owner_person_id = CASE WHEN owner_person_id = ${id} THEN NULL ELSE owner_person_id END,
              user_person_ids = (SELECT json_group_array(u.value) FROM json_each(accounts.user_person_ids) AS u
                WHERE u.value <> ${id}),
              updated_at = ${now}, version = ${reservedVersionSql(orgId, count, sql`j.key + 1`)}
            FROM json_each(${JSON.stringify(accountIds)}) AS j
            WHERE accounts.id = j.value AND +accounts.org_id = ${orgId}`,
  },
});

/** Records a leaver: from the end date on, every active account they own or use is a leaver warning. */
export async function recordLeaver(db: Db, orgId: string, id: string, input: LeavePerson, now = Date.now()) {
  const before = await peopleQueries.get(db, orgId, id);
  checkDates(before.startDate, input.endDate);
  return {
    before,
    write: peopleQueries.set(
      db,
      orgId,
      id,
      { endDate: input.endDate, leaveReason: input.reason, status: 'leaver' },
      now,
    ),
  };
}
