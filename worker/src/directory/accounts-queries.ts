import { and, asc, eq, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Account, System } from '../../../shared/schemas/directory';
import type {
  CreateAccount,
  ListAccountsQuery,
  UpdateAccount,
} from '../../../shared/schemas/directory-input';
import type { FieldError } from '../../../shared/schemas/problem';
import { accounts, people } from '../db/schema';
import {
  type Db,
  inJson,
  reservedVersion,
  reserveVersions,
  returnedRow,
  toStatement,
  type Write,
} from '../db/versions';
import { notInThisFirm, ProblemError } from '../http/problem';
import { findLiveRow } from './live-row';
import { afterCursor, toPage } from './page-cursor';
import { containsText } from './people-queries';
import { toAccount } from './rows';
import { findSystem } from './systems-queries';

export async function listAccounts(db: Db, orgId: string, query: ListAccountsQuery) {
  const conditions: SQL[] = [eq(accounts.orgId, orgId), eq(accounts.deleted, false)];
  if (query.systemId) conditions.push(eq(accounts.systemId, query.systemId));
  if (query.ownerPersonId) conditions.push(eq(accounts.ownerPersonId, query.ownerPersonId));
  if (query.status) conditions.push(eq(accounts.status, query.status));
  if (query.unowned === true) conditions.push(isNull(accounts.ownerPersonId));
  if (query.q) {
    const search = or(
      containsText(sql`${accounts.username}`, query.q),
      containsText(sql`coalesce(${accounts.displayName}, '')`, query.q),
      containsText(sql`coalesce(${accounts.email}, '')`, query.q),
    );
    if (search) conditions.push(search);
  }
  const after = afterCursor(accounts.username, accounts.id, query.cursor);
  if (after) conditions.push(after);
  const rows = await db
    .select()
    .from(accounts)
    .where(and(...conditions))
    .orderBy(asc(accounts.username), asc(accounts.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => [row.username, row.id], toAccount);
}

export async function findAccount(db: Db, orgId: string, id: string): Promise<Account | undefined> {
  const row = await findLiveRow(db, accounts, orgId, id);
  return row ? toAccount(row) : undefined;
}

export async function getAccount(db: Db, orgId: string, id: string): Promise<Account> {
  const account = await findAccount(db, orgId, id);
  if (!account) throw new ProblemError(404, 'No such account.');
  return account;
}

/** Permissions outside the system's catalogue, each named with where it is. */
export function unknownPermissionErrors(
  system: System,
  names: readonly string[],
  field: string,
): FieldError[] {
  const catalogue = new Set(system.permissions.map((permission) => permission.name));
  return names.flatMap((name, index) =>
    catalogue.has(name)
      ? []
      : [{ field: `${field}.${index}`, message: `${name} is not a permission of ${system.name}` }],
  );
}

/** People an account names (owner, users) must be live people of the organisation. */
async function personErrors(
  db: Db,
  orgId: string,
  input: { ownerPersonId?: string | null; userPersonIds?: string[] },
  prefix: string,
): Promise<FieldError[]> {
  const wanted = [
    ...new Set([...(input.ownerPersonId ? [input.ownerPersonId] : []), ...(input.userPersonIds ?? [])]),
  ];
  if (wanted.length === 0) return [];
  const found = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.deleted, false), inJson(people.id, wanted)));
  const known = new Set(found.map((row) => row.id));
  const errors: FieldError[] = [];
  if (input.ownerPersonId && !known.has(input.ownerPersonId)) {
    errors.push({
      field: `${prefix}.ownerPersonId`,
      message: notInThisFirm('person'),
    });
  }
  (input.userPersonIds ?? []).forEach((id, index) => {
    if (!known.has(id))
      errors.push({
        field: `${prefix}.userPersonIds.${index}`,
        message: notInThisFirm('person'),
      });
  });
  return errors;
}

async function usernameTaken(db: Db, orgId: string, systemId: string, username: string, exceptId?: string) {
  const conditions: SQL[] = [
    eq(accounts.orgId, orgId),
    eq(accounts.systemId, systemId),
    sql`lower(${accounts.username}) = ${username.toLowerCase()}`,
  ];
  if (exceptId) conditions.push(ne(accounts.id, exceptId));
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(...conditions))
    .limit(1);
  return row !== undefined;
}

/**
 * Everything an account write must satisfy besides its shape, as field errors: the system is the
 * organisation's, permissions are in its catalogue, the people exist, the username is free.
 * Shared by the REST routes (which answer 422/409) and sync pushes (which reject one mutation).
 */
export async function accountWriteErrors(
  db: Db,
  orgId: string,
  input: Partial<CreateAccount> & { systemId: string },
  prefix: string,
  exceptId?: string,
): Promise<{ errors: FieldError[]; conflict: boolean }> {
  const system = await findSystem(db, orgId, input.systemId);
  if (!system) {
    return {
      errors: [{ field: `${prefix}.systemId`, message: notInThisFirm('system') }],
      conflict: false,
    };
  }
  const errors = [
    ...unknownPermissionErrors(system, input.permissions ?? [], `${prefix}.permissions`),
    ...(await personErrors(db, orgId, input, prefix)),
  ];
  if (input.username && (await usernameTaken(db, orgId, input.systemId, input.username, exceptId))) {
    return {
      errors: [{ field: `${prefix}.username`, message: `${system.name} already has ${input.username}` }],
      conflict: true,
    };
  }
  return { errors, conflict: false };
}

async function checkAccountWrite(
  db: Db,
  orgId: string,
  input: Partial<CreateAccount> & { systemId: string },
  exceptId?: string,
) {
  const { errors, conflict } = await accountWriteErrors(db, orgId, input, 'body', exceptId);
  if (conflict) throw new ProblemError(409, 'That username is taken in this system.', errors);
  if (errors.length > 0)
    throw new ProblemError(422, 'The account names something that does not exist.', errors);
}

export async function createAccount(
  db: Db,
  orgId: string,
  input: CreateAccount,
  now = Date.now(),
): Promise<Write<Account>> {
  if (input.id) {
    const [taken] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.id));
    if (taken)
      throw new ProblemError(409, `The id ${input.id} is taken.`, [
        { field: 'body.id', message: 'id taken' },
      ]);
  }
  await checkAccountWrite(db, orgId, input);
  return {
    statements: [
      reserveVersions(db, orgId, 1),
      toStatement(
        db,
        db
          .insert(accounts)
          .values({
            id: input.id ?? crypto.randomUUID(),
            orgId,
            systemId: input.systemId,
            username: input.username,
            displayName: input.displayName ?? null,
            email: input.email ?? null,
            status: input.status,
            permissions: input.permissions,
            ownerPersonId: input.ownerPersonId ?? null,
            userPersonIds: input.userPersonIds,
            lastSignInAt: input.lastSignInAt ?? null,
            systemCreatedAt: input.systemCreatedAt ?? null,
            version: reservedVersion(orgId, 1, 0),
            updatedAt: now,
          })
          .returning(),
      ),
    ],
    read: (results) => toAccount(returnedRow(accounts, results, 1)),
  };
}

export function accountUpdateStatements(
  db: Db,
  orgId: string,
  id: string,
  set: Partial<typeof accounts.$inferInsert>,
  now: number,
): Write<Account> {
  return {
    statements: [
      reserveVersions(db, orgId, 1),
      toStatement(
        db,
        db
          .update(accounts)
          .set({ ...set, version: reservedVersion(orgId, 1, 0), updatedAt: now })
          .where(and(eq(accounts.orgId, orgId), eq(accounts.id, id), eq(accounts.deleted, false)))
          .returning(),
      ),
    ],
    read: (results) => toAccount(returnedRow(accounts, results, 1)),
  };
}

export async function updateAccount(
  db: Db,
  orgId: string,
  id: string,
  input: UpdateAccount,
  now = Date.now(),
): Promise<{ before: Account; write: Write<Account> }> {
  const before = await getAccount(db, orgId, id);
  await checkAccountWrite(db, orgId, { ...input, systemId: before.systemId }, id);
  return { before, write: accountUpdateStatements(db, orgId, id, input, now) };
}

export async function deleteAccount(
  db: Db,
  orgId: string,
  id: string,
  now = Date.now(),
): Promise<{ before: Account; write: Write<Account> }> {
  const before = await getAccount(db, orgId, id);
  return { before, write: accountUpdateStatements(db, orgId, id, { deleted: true }, now) };
}
