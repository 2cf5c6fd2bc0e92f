import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { memberRoles } from '../../../shared/schemas/members';

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

/* ---------------------------------------------------------------------------------------------
 * Members of Rollcall, their sessions, invitations, sign-in throttling and the audit trail.
 * ------------------------------------------------------------------------------------------- */

export const members = sqliteTable(
  'members',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    /** Lower-cased; one member per email across Rollcall, so sign-in needs no organisation name. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    /** `algorithm$parameters$salt$hash`: the algorithm and its cost travel with the hash (ASVS 11.4.2). */
    passwordHash: text('password_hash').notNull(),
    /** Set when the member is removed; the row stays so the audit trail keeps naming them. */
    removedAt: integer('removed_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('members_email_live').on(table.email).where(sql`removed_at IS NULL`),
    index('members_org').on(table.orgId),
  ],
);

/** A sign-in: one refresh-token family. Revoking the session revokes every token of the family. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    /** Last time the session was used (refresh or request); drives the idle limit. */
    lastUsedAt: integer('last_used_at', { mode: 'number' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'number' }),
    revokedReason: text('revoked_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_member').on(table.memberId), index('sessions_org').on(table.orgId)],
);

/** Refresh tokens, stored only as SHA-256 of the random token; each is used once and then rotated. */
export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    /** When it was exchanged for its successor; a second use of a used token is a theft signal. */
    usedAt: integer('used_at', { mode: 'number' }),
  },
  (table) => [index('refresh_tokens_session').on(table.sessionId)],
);

/** A one-time setup token an owner or admin hands to a new member, exchanged for a password. */
export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => members.id),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    acceptedAt: integer('accepted_at', { mode: 'number' }),
    revokedAt: integer('revoked_at', { mode: 'number' }),
  },
  (table) => [uniqueIndex('invites_token').on(table.tokenHash), index('invites_org').on(table.orgId)],
);

/**
 * Failed sign-in counters, keyed `account:<email>` (consecutive failures, lockout) or `ip:<address>`
 * (failures in a window). Unknown emails are counted like known ones, so both answer alike.
 */
export const loginThrottle = sqliteTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start', { mode: 'number' }).notNull(),
  lockedUntil: integer('locked_until', { mode: 'number' }),
});

/**
 * The append-only audit trail. Each organisation's events form a hash chain: `hash` is SHA-256 over
 * the previous event's hash and this event's canonical JSON. The unique (org, seq) index makes two
 * writers racing for the same sequence number fail, so the loser retries on the new head.
 * `org_id` is '' for sign-in attempts that name no known member.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    orgId: text('org_id').notNull(),
    seq: integer('seq').notNull(),
    occurredAt: integer('occurred_at', { mode: 'number' }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    /** JSON, never secrets or hashes. */
    before: text('before'),
    after: text('after'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.seq] }),
    index('audit_org_action').on(table.orgId, table.action),
    index('audit_org_actor').on(table.orgId, table.actorId),
    index('audit_org_time').on(table.orgId, table.occurredAt),
  ],
);

/** The newest event of each chain, so removing the last events of a chain is noticed too. */
export const auditHeads = sqliteTable('audit_heads', {
  orgId: text('org_id').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
});

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
