import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { mapHeader, parseCsv, unguardCell } from '../../../shared/csv';
import {
  type AccountCsvRow,
  accountCsvRowSchema,
  type CsvRowError,
  type ImportResult,
  type PersonCsvRow,
  personCsvRowSchema,
} from '../../../shared/schemas/directory-input';
import { plainReason } from '../../../shared/schemas/plain-words';
import { accounts, jobRoles, people, systems } from '../db/schema';
import {
  type Db,
  jsonChunks,
  reservedVersionSql,
  reserveVersions,
  toStatement,
  type Write,
} from '../db/versions';
import { ProblemError } from '../http/problem';

/**
 * CSV import of people and accounts. Every row is checked first and every problem reported with
 * its line and column; only a file without a single error is written, in one batch, so an import
 * applies all its rows or none.
 */

const MAX_IMPORT_ROWS = 10_000;

const PEOPLE_COLUMNS = {
  name: ['name', 'full name'],
  email: ['email', 'e-mail', 'email address'],
  job_role: ['job role', 'role', 'job title'],
  start: ['start', 'start date', 'started'],
  end: ['end', 'end date', 'left', 'leaving date'],
} as const;

const ACCOUNT_COLUMNS = {
  system: ['system', 'application', 'app'],
  username: ['username', 'user name', 'login'],
  owner_email: ['owner email', 'owner', 'email'],
  permissions: ['permissions', 'permission', 'rights'],
} as const;

type Parsed<Row> = { line: number; row: Row }[];

/**
 * A file with errors: 422 problem+json listing each with its line and column, in file order, so an
 * admin can fix the file in one go. Nothing of it is applied.
 */
function importProblem(errors: CsvRowError[]): ProblemError {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const lines = new Set(sorted.map((error) => error.line)).size;
  return new ProblemError(
    422,
    `${lines === 1 ? 'A line of the file has' : `${lines} lines of the file have`} errors: nothing was imported.`,
    sorted.map(({ line, column, message }) => ({
      field: 'body.csv',
      line,
      column,
      message: `line ${line}${column ? `, ${column}` : ''}: ${message}`,
    })),
  );
}
export type ImportPlan = { result: Omit<ImportResult, 'applied' | 'dryRun'>; write: Write<void> | null };

/** Reads the file into rows of named cells, or the errors that stop it (syntax, missing columns). */
function readTable<Key extends string>(
  text: string,
  aliases: Readonly<Record<Key, readonly string[]>>,
  required: readonly Key[],
  schema: z.ZodObject,
  shape: (cells: Record<Key, string | null>) => unknown,
) {
  const { records, errors: syntax } = parseCsv(text);
  const errors: CsvRowError[] = syntax.map((error) => ({
    line: error.line,
    column: '',
    message: error.message,
  }));
  const [header, ...body] = records;
  if (!header) {
    errors.push({ line: 1, column: '', message: 'the file is empty: the first line must name the columns' });
    return { rows: [], errors };
  }
  const columns = mapHeader(header.cells, aliases);
  for (const column of required) {
    if (!columns.has(column))
      errors.push({ line: header.line, column, message: `no ${column} column in the header` });
  }
  if (body.length === 0) {
    errors.push({ line: header.line + 1, column: '', message: 'no rows under the header line' });
  }
  if (body.length > MAX_IMPORT_ROWS) {
    errors.push({
      line: header.line,
      column: '',
      message: `more than ${MAX_IMPORT_ROWS} rows: split the file`,
    });
  }
  if (errors.length > 0) return { rows: [], errors };
  const rows: { line: number; row: unknown }[] = [];
  for (const record of body) {
    const cells = {} as Record<Key, string | null>;
    for (const key of Object.keys(aliases) as Key[]) {
      const index = columns.get(key);
      const value = index === undefined ? '' : unguardCell(record.cells[index] ?? '').trim();
      cells[key] = value === '' ? null : value;
    }
    // Each column is checked on its own, so one bad cell does not hide the others of its row;
    // a cell that fails is read as empty for the checks that follow.
    const values = shape(cells) as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const [column, fieldSchema] of Object.entries(schema.shape)) {
      const parsed = (fieldSchema as z.ZodType).safeParse(values[column], { error: plainReason });
      if (parsed.success) {
        row[column] = parsed.data;
      } else {
        row[column] = null;
        for (const issue of parsed.error.issues) {
          const where = issue.path.length > 0 ? ` (item ${issue.path.join('.')})` : '';
          errors.push({ line: record.line, column, message: `${issue.message}${where}` });
        }
      }
    }
    rows.push({ line: record.line, row });
  }
  return { rows, errors };
}

export async function planPeopleImport(
  db: Db,
  orgId: string,
  text: string,
  now = Date.now(),
): Promise<ImportPlan> {
  const table = readTable(text, PEOPLE_COLUMNS, ['name'], personCsvRowSchema, (cells) => cells);
  const rows = table.rows as Parsed<PersonCsvRow>;
  const errors = table.errors;

  const [roleRows, personRows] = await db.batch([
    db
      .select({ id: jobRoles.id, name: jobRoles.name })
      .from(jobRoles)
      .where(and(eq(jobRoles.orgId, orgId), eq(jobRoles.deleted, false))),
    db
      .select({ id: people.id, email: people.email })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.deleted, false))),
  ]);
  const roleByName = new Map(roleRows.map((role) => [role.name.toLowerCase(), role.id]));
  const personByEmail = new Map<string, string>();
  for (const person of personRows) if (person.email) personByEmail.set(person.email.toLowerCase(), person.id);

  const seenEmails = new Map<string, number>();
  const creates: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const { line, row } of rows) {
    let jobRoleId: string | null = null;
    if (row.job_role) {
      jobRoleId = roleByName.get(row.job_role.toLowerCase()) ?? null;
      if (!jobRoleId) errors.push({ line, column: 'job_role', message: `no job role named ${row.job_role}` });
    }
    if (row.start && row.end && row.end < row.start) {
      errors.push({ line, column: 'end', message: 'before the start date' });
    }
    const email = row.email?.toLowerCase();
    if (email) {
      const first = seenEmails.get(email);
      if (first !== undefined) errors.push({ line, column: 'email', message: `also on line ${first}` });
      seenEmails.set(email, line);
    }
    const existing = email ? personByEmail.get(email) : undefined;
    const state = {
      id: existing ?? crypto.randomUUID(),
      name: row.name,
      email: row.email,
      jobRoleId,
      startDate: row.start,
      endDate: row.end,
      status: row.end ? 'leaver' : 'active',
    };
    (existing ? updates : creates).push(state);
  }
  if (errors.length > 0) throw importProblem(errors);
  const result = { rows: rows.length, created: creates.length, updated: updates.length };
  if (rows.length === 0) return { result, write: null };

  const count = creates.length + updates.length;
  const value = (name: string) => sql.raw(`json_extract(j.value, '$.${name}')`);
  const statements = [reserveVersions(db, orgId, count)];
  for (const chunk of jsonChunks(creates)) {
    statements.push(
      toStatement(
        db,
        sql`INSERT INTO people (id, org_id, name, email, job_role_id, start_date, end_date, status, version, deleted, updated_at)
          SELECT ${value('id')}, ${orgId}, ${value('name')}, ${value('email')}, ${value('jobRoleId')},
            ${value('startDate')}, ${value('endDate')}, ${value('status')},
            ${reservedVersionSql(orgId, count, sql`j.key + ${chunk.offset}`)}, 0, ${now}
          FROM json_each(${chunk.json}) AS j`,
      ),
    );
  }
  for (const chunk of jsonChunks(updates)) {
    statements.push(
      toStatement(
        db,
        sql`UPDATE people SET name = ${value('name')}, email = ${value('email')}, job_role_id = ${value('jobRoleId')},
            start_date = ${value('startDate')}, end_date = ${value('endDate')}, status = ${value('status')},
            version = ${reservedVersionSql(orgId, count, sql`j.key + ${creates.length + chunk.offset}`)},
            updated_at = ${now}
          FROM json_each(${chunk.json}) AS j
          WHERE people.id = ${value('id')} AND +people.org_id = ${orgId}`,
      ),
    );
  }
  return { result, write: { statements, read: () => undefined } };
}

export async function planAccountsImport(
  db: Db,
  orgId: string,
  text: string,
  now = Date.now(),
): Promise<ImportPlan> {
  const table = readTable(
    text,
    ACCOUNT_COLUMNS,
    ['system', 'username', 'permissions'],
    accountCsvRowSchema,
    (cells) => ({
      ...cells,
      permissions: (cells.permissions ?? '')
        .split(/[;|]/)
        .map((name) => name.trim())
        .filter((name) => name.length > 0),
    }),
  );
  const rows = table.rows as Parsed<AccountCsvRow>;
  const errors = table.errors;

  const [systemRows, personRows, accountRows] = await db.batch([
    db
      .select()
      .from(systems)
      .where(and(eq(systems.orgId, orgId), eq(systems.deleted, false))),
    db
      .select({ id: people.id, email: people.email })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.deleted, false))),
    db
      .select({
        id: accounts.id,
        systemId: accounts.systemId,
        username: accounts.username,
        deleted: accounts.deleted,
      })
      .from(accounts)
      .where(eq(accounts.orgId, orgId)),
  ]);
  const systemByName = new Map(systemRows.map((system) => [system.name.toLowerCase(), system]));
  const peopleByEmail = new Map<string, string[]>();
  for (const person of personRows) {
    if (!person.email) continue;
    const key = person.email.toLowerCase();
    peopleByEmail.set(key, [...(peopleByEmail.get(key) ?? []), person.id]);
  }
  const accountByKey = new Map(
    accountRows.map((account) => [`${account.systemId}\n${account.username.toLowerCase()}`, account]),
  );

  const seen = new Map<string, number>();
  const creates: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const { line, row } of rows) {
    const system = systemByName.get(row.system.toLowerCase());
    if (!system) {
      errors.push({ line, column: 'system', message: `no system named ${row.system}` });
      continue;
    }
    const catalogue = new Set(system.permissions.map((permission) => permission.name));
    const unknown = row.permissions.filter((name) => !catalogue.has(name));
    if (unknown.length > 0) {
      errors.push({
        line,
        column: 'permissions',
        message: `not permissions of ${system.name}: ${unknown.join(', ')}`,
      });
    }
    let ownerPersonId: string | null = null;
    if (row.owner_email) {
      const owners = peopleByEmail.get(row.owner_email.toLowerCase()) ?? [];
      if (owners.length === 1) ownerPersonId = owners[0] ?? null;
      else
        errors.push({
          line,
          column: 'owner_email',
          message:
            owners.length === 0
              ? `no person with email ${row.owner_email}`
              : `${owners.length} people share ${row.owner_email}`,
        });
    }
    const key = `${system.id}\n${row.username.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ line, column: 'username', message: `also on line ${first}` });
    seen.set(key, line);
    const existing = accountByKey.get(key);
    if (existing?.deleted) {
      errors.push({ line, column: 'username', message: `${row.username} was deleted from ${system.name}` });
      continue;
    }
    const state = {
      id: existing?.id ?? crypto.randomUUID(),
      systemId: system.id,
      username: row.username,
      ownerPersonId,
      permissions: row.permissions,
    };
    (existing ? updates : creates).push(state);
  }
  if (errors.length > 0) throw importProblem(errors);
  const result = { rows: rows.length, created: creates.length, updated: updates.length };
  if (rows.length === 0) return { result, write: null };

  const count = creates.length + updates.length;
  const value = (name: string) => sql.raw(`json_extract(j.value, '$.${name}')`);
  const statements = [reserveVersions(db, orgId, count)];
  for (const chunk of jsonChunks(creates)) {
    statements.push(
      toStatement(
        db,
        sql`INSERT INTO accounts (id, org_id, system_id, username, status, permissions, owner_person_id, version, deleted, updated_at)
          SELECT ${value('id')}, ${orgId}, ${value('systemId')}, ${value('username')}, 'active', ${value('permissions')},
            ${value('ownerPersonId')}, ${reservedVersionSql(orgId, count, sql`j.key + ${chunk.offset}`)}, 0, ${now}
          FROM json_each(${chunk.json}) AS j`,
      ),
    );
  }
  for (const chunk of jsonChunks(updates)) {
    statements.push(
      toStatement(
        db,
        // An empty owner cell keeps the owner linked in Rollcall: an import adds links, it does not undo them.
        sql`UPDATE accounts SET permissions = ${value('permissions')},
            owner_person_id = coalesce(${value('ownerPersonId')}, owner_person_id),
            version = ${reservedVersionSql(orgId, count, sql`j.key + ${creates.length + chunk.offset}`)},
            updated_at = ${now}
          FROM json_each(${chunk.json}) AS j
          WHERE accounts.id = ${value('id')} AND +accounts.org_id = ${orgId}`,
      ),
    );
  }
  return { result, write: { statements, read: () => undefined } };
}
