import { and, eq, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { System } from '../../../shared/schemas/directory';
import type {
  CreateAccount,
  ListAccountsQuery,
  UpdateAccount,
} from '../../../shared/schemas/directory-input';
import type { FieldError } from '../../../shared/schemas/problem';
import { accounts, people } from '../db/schema';
import { type Db, inJson } from '../db/versions';
import { notInThisFirm, ProblemError } from '../http/problem';
import { directoryResource } from './directory-resource';
import { containsText } from './people-queries';
import { toAccount } from './rows';
import { systemsQueries } from './systems-queries';

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
 * organisation's, permissions are in its catalogue, the people exist, the username is free. An
 * update (`exceptId`) keeps its account's system, which is live while the account is (deleting a
 * system deletes its accounts), so it reads the system only for permissions or a username.
 */
async function accountWriteErrors(
  db: Db,
  orgId: string,
  input: Partial<CreateAccount> & { systemId: string },
  prefix: string,
  exceptId?: string,
): Promise<{ errors: FieldError[]; conflict: boolean }> {
  const personProblems = await personErrors(db, orgId, input, prefix);
  if (exceptId !== undefined && input.permissions === undefined && input.username === undefined) {
    return { errors: personProblems, conflict: false };
  }
  const system = await systemsQueries.find(db, orgId, input.systemId);
  if (!system) {
    return {
      errors: [{ field: `${prefix}.systemId`, message: notInThisFirm('system') }],
      conflict: false,
    };
  }
  const errors = [
    ...unknownPermissionErrors(system, input.permissions ?? [], `${prefix}.permissions`),
    ...personProblems,
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

/**
 * The logins people have in each system. An account's own differences: the list searches username,
 * display name and email and filters by system, owner, status and unowned; its system, permissions
 * and people must be the organisation's and its username free in that system; its system never
 * changes (an update is checked against the system it has); deleting it changes nothing else.
 */
export const accountsQueries = directoryResource({
  table: accounts,
  label: 'account',
  sortBy: 'username',
  show: toAccount,
  filters: (query: ListAccountsQuery) => [
    query.systemId ? eq(accounts.systemId, query.systemId) : undefined,
    query.ownerPersonId ? eq(accounts.ownerPersonId, query.ownerPersonId) : undefined,
    query.status ? eq(accounts.status, query.status) : undefined,
    query.unowned === true ? isNull(accounts.ownerPersonId) : undefined,
    query.q
      ? or(
          containsText(sql`${accounts.username}`, query.q),
          containsText(sql`coalesce(${accounts.displayName}, '')`, query.q),
          containsText(sql`coalesce(${accounts.email}, '')`, query.q),
        )
      : undefined,
  ],
  insert: (input: CreateAccount) => ({
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
  }),
  checkCreate: (db, orgId, input) => checkAccountWrite(db, orgId, input),
  checkUpdate: (db, orgId, before, input: UpdateAccount, id) =>
    checkAccountWrite(db, orgId, { ...input, systemId: before.systemId }, id),
});
