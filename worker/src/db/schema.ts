import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch, set by the database when a row is made. */
const createdAt = () =>
  integer('created_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

/**
 * Columns every synced row carries: a version from its organisation's counter (the sync cursor)
 * and a deletion marker, so a pull can say "deleted" instead of forgetting the row.
 */
const syncColumns = () => ({
  version: integer('version').notNull(),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Organisation settings (rule thresholds, session limits) as JSON; defaults live in shared/. */
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  /** The last version handed out to a row of this organisation. */
  versionCounter: integer('version_counter').notNull().default(0),
  createdAt: createdAt(),
});

export const people = sqliteTable(
  'people',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    email: text('email'),
    jobRoleId: text('job_role_id'),
    /** Calendar dates as YYYY-MM-DD: a start or end date has no time of day. */
    startDate: text('start_date'),
    endDate: text('end_date'),
    leaveReason: text('leave_reason'),
    status: text('status', { enum: ['active', 'leaver'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
    ...syncColumns(),
  },
  (table) => [
    index('people_org_version').on(table.orgId, table.version),
    index('people_org_email').on(table.orgId, table.email),
    index('people_org_name').on(table.orgId, table.name),
  ],
);

export type PermissionDefinition = { name: string; label?: string; privileged?: boolean };

export const systems = sqliteTable(
  'systems',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    adminUrlPatterns: text('admin_url_patterns', { mode: 'json' }).$type<string[]>().notNull().default([]),
    signInUrlPatterns: text('sign_in_url_patterns', { mode: 'json' }).$type<string[]>().notNull().default([]),
    permissions: text('permissions', { mode: 'json' }).$type<PermissionDefinition[]>().notNull().default([]),
    createdAt: createdAt(),
    ...syncColumns(),
  },
  (table) => [index('systems_org_version').on(table.orgId, table.version)],
);

export const jobRoles = sqliteTable(
  'job_roles',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    /** For each system id, the permissions this role needs there. */
    permissions: text('permissions', { mode: 'json' })
      .$type<Record<string, string[]>>()
      .notNull()
      .default({}),
    createdAt: createdAt(),
    ...syncColumns(),
  },
  (table) => [index('job_roles_org_version').on(table.orgId, table.version)],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    systemId: text('system_id')
      .notNull()
      .references(() => systems.id),
    username: text('username').notNull(),
    displayName: text('display_name'),
    email: text('email'),
    status: text('status', { enum: ['active', 'disabled', 'removed'] })
      .notNull()
      .default('active'),
    permissions: text('permissions', { mode: 'json' }).$type<string[]>().notNull().default([]),
    ownerPersonId: text('owner_person_id').references(() => people.id),
    /** The people known to use this login besides (or instead of) its owner: two or more is a shared login. */
    userPersonIds: text('user_person_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    lastSignInAt: integer('last_sign_in_at', { mode: 'number' }),
    /** When the login was made in its system, where the system shows it. */
    systemCreatedAt: integer('system_created_at', { mode: 'number' }),
    firstSeenAt: integer('first_seen_at', { mode: 'number' }),
    lastSeenAt: integer('last_seen_at', { mode: 'number' }),
    createdAt: createdAt(),
    ...syncColumns(),
  },
  (table) => [
    uniqueIndex('accounts_system_username').on(table.systemId, table.username),
    index('accounts_org_version').on(table.orgId, table.version),
    index('accounts_owner').on(table.ownerPersonId),
  ],
);

/** Sign-ins a staff member's extension reported: person P signed in to system S as username U. */
export const signInObservations = sqliteTable(
  'sign_in_observations',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    lastObservedAt: integer('last_observed_at', { mode: 'number' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.personId] })],
);

/**
 * Client mutations a sync push has applied, by the id the client made for each: a retried push
 * finds its mutations here and applies none of them twice.
 */
export const syncMutations = sqliteTable(
  'sync_mutations',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    mutationId: text('mutation_id').notNull(),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    /** The version the applied mutation gave its row. */
    version: integer('version').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.mutationId] })],
);
