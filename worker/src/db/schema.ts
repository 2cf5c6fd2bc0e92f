import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { SeverityCounts } from '../../../shared/rules';
import type { CheckedCounts, Finding } from '../../../shared/schemas/findings';
import { memberRoles } from '../../../shared/schemas/members';
import type { OrganisationSettings } from '../../../shared/settings';

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
  /**
   * Moves on with every change to what the rules read (people, systems, job roles, accounts,
   * sign-ins, reviews, settings): database triggers (migration 0008) bump it, so no write can forget.
   */
  findingsGeneration: integer('findings_generation').notNull().default(0),
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
    /** One login's page in the system's admin, `{login}` standing for the login. */
    userPageUrl: text('user_page_url'),
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
    // The account list pages in username order without sorting the whole organisation.
    index('accounts_org_username').on(table.orgId, table.username),
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
  (table) => [
    primaryKey({ columns: [table.accountId, table.personId] }),
    // Retention pruning walks an organisation's oldest observations.
    index('sign_in_observations_org_time').on(table.orgId, table.lastObservedAt),
  ],
);

/** A one-time code an admin hands a staff member to enrol their browser for a person; kept hashed. */
export const enrolments = sqliteTable(
  'enrolments',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    codeHash: text('code_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    usedAt: integer('used_at', { mode: 'number' }),
  },
  (table) => [uniqueIndex('enrolments_code').on(table.codeHash), index('enrolments_org').on(table.orgId)],
);

/**
 * An enrolled staff browser. Its credential (stored as SHA-256 only) can report sign-ins for its
 * person and read that person's own; rotating replaces the hash, revoking ends it.
 */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    personId: text('person_id')
      .notNull()
      .references(() => people.id),
    enrolmentId: text('enrolment_id').notNull(),
    label: text('label'),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'number' }),
    rotatedAt: integer('rotated_at', { mode: 'number' }),
    revokedAt: integer('revoked_at', { mode: 'number' }),
  },
  (table) => [
    uniqueIndex('devices_token').on(table.tokenHash),
    index('devices_org_person').on(table.orgId, table.personId),
  ],
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
    /** When the member gave a second-factor code (or recovery code) at this sign-in; null without one. */
    secondFactorAt: integer('second_factor_at', { mode: 'number' }),
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
 * A member's second factor (TOTP, RFC 6238). The secret is AES-GCM ciphertext under the
 * SECOND_FACTOR_KEY Worker secret, never plain. Unconfirmed until the member gives a first valid
 * code; `last_used_step` is the time step of the last code accepted, so no code counts twice.
 */
export const secondFactors = sqliteTable('second_factors', {
  memberId: text('member_id')
    .primaryKey()
    .references(() => members.id),
  orgId: text('org_id')
    .notNull()
    .references(() => organisations.id),
  secret: text('secret').notNull(),
  confirmedAt: integer('confirmed_at', { mode: 'number' }),
  lastUsedStep: integer('last_used_step'),
  createdAt: integer('created_at', { mode: 'number' }).notNull(),
});

/**
 * A key a script or integration sends as `X-Api-Key`, acting with `role` (never owner) in its
 * organisation. Only the SHA-256 of the secret is stored; `prefix` is its first characters, enough to
 * tell keys apart in a list. It stops working when revoked, expired, or when its creator is no longer
 * an owner or admin.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    role: text('role', { enum: memberRoles }).notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => members.id),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }),
    /** Written at most once a minute. */
    lastUsedAt: integer('last_used_at', { mode: 'number' }),
    revokedAt: integer('revoked_at', { mode: 'number' }),
  },
  (table) => [
    uniqueIndex('api_keys_secret').on(table.secretHash),
    index('api_keys_org').on(table.orgId, table.createdAt),
  ],
);

/** One-time recovery codes, stored only as SHA-256 (each has 120 random bits); each works once. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    usedAt: integer('used_at', { mode: 'number' }),
  },
  (table) => [index('recovery_codes_member').on(table.memberId)],
);

/**
 * Browsers a member signed in from before (OWASP's device cookie): the token is kept by the
 * extension and stored here only as SHA-256. A known browser has its own failure count, so a
 * stranger's failures on the member's email do not keep the member out.
 */
export const knownBrowsers = sqliteTable(
  'known_browsers',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'number' }).notNull(),
  },
  (table) => [index('known_browsers_member').on(table.memberId)],
);

/**
 * Failed sign-in counters, keyed `account:<email>` (consecutive failures from browsers not known to
 * the member, lockout), `browser:<token hash>` (the same, for one known browser) or `ip:<address>`
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
 * A signed checkpoint of a chain's head, one per audited write batch: Ed25519 over (organisation,
 * seq, hash, signed_at) with a key that is a Worker secret, never in D1 (see audit/signing-key.ts).
 * Rewriting events, cutting the newest ones or emptying the chain leaves checkpoints that no longer
 * match, and whoever rewrites D1 cannot sign new ones.
 */
export const auditCheckpoints = sqliteTable(
  'audit_checkpoints',
  {
    orgId: text('org_id').notNull(),
    seq: integer('seq').notNull(),
    hash: text('hash').notNull(),
    signedAt: integer('signed_at', { mode: 'number' }).notNull(),
    keyId: text('key_id').notNull(),
    signature: text('signature').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.seq] })],
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

/* ---------------------------------------------------------------------------------------------
 * Findings dismissals, access reviews, follow-up to-dos, notifications and the daily check.
 * ------------------------------------------------------------------------------------------- */

/**
 * A member's accepted risk: hides the finding `findingId` until `expiresAt`, or until the finding's
 * evidence fingerprint differs from the one dismissed. One live dismissal per finding: a new one
 * replaces it.
 */
export const findingDismissals = sqliteTable(
  'finding_dismissals',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    findingId: text('finding_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    reason: text('reason').notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    dismissedAt: integer('dismissed_at', { mode: 'number' }).notNull(),
    dismissedBy: text('dismissed_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orgId, table.findingId] })],
);

/**
 * A member's word that a finding is fixed: `waiting` until the next captured user list of its system
 * (any system when it has none) comes in after `claimedAt`, then `confirmed` if the finding was gone
 * or `still-present` (with the evidence seen) if not. One claim per finding: a new one replaces it.
 */
export const findingFixClaims = sqliteTable(
  'finding_fix_claims',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    findingId: text('finding_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    title: text('title').notNull(),
    systemId: text('system_id'),
    claimedAt: integer('claimed_at', { mode: 'number' }).notNull(),
    claimedBy: text('claimed_by').notNull(),
    status: text('status', { enum: ['waiting', 'confirmed', 'still-present'] }).notNull(),
    checkedAt: integer('checked_at', { mode: 'number' }),
    evidence: text('evidence'),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.findingId] }),
    index('finding_fix_claims_org_status').on(table.orgId, table.status),
  ],
);

/** Which data (generation) and hour the organisation's rows of `findings` were computed for. */
export const findingSets = sqliteTable('finding_sets', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  generation: integer('generation').notNull(),
  /** The moment the set was evaluated at: the start of the organisation's day. */
  asOf: integer('as_of', { mode: 'number' }).notNull(),
  /** The rule settings it was evaluated with (null: stored before they were kept; recomputed whole). */
  settings: text('settings', { mode: 'json' }).$type<OrganisationSettings>(),
  /** The rules' revision it was evaluated under (RULES_REVISION; null: stored before; recomputed whole). */
  rules: integer('rules'),
  checked: text('checked', { mode: 'json' }).$type<CheckedCounts>().notNull(),
  /** All the findings (dismissed or not) by severity. */
  counts: text('counts', { mode: 'json' }).$type<SeverityCounts>().notNull(),
});

/**
 * The organisation's findings, as of its `finding_sets` row: worst first by `rank` (severity, then
 * the rules' table order), then id. A finding about an account carries the account's id, so the
 * account's findings can be recomputed on their own.
 */
export const findings = sqliteTable(
  'findings',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    id: text('id').notNull(),
    rank: integer('rank').notNull(),
    accountId: text('account_id'),
    fingerprint: text('fingerprint').notNull(),
    ruleId: text('rule_id').notNull(),
    severity: text('severity').notNull(),
    systemId: text('system_id'),
    personIds: text('person_ids', { mode: 'json' }).$type<string[]>().notNull(),
    body: text('body', { mode: 'json' }).$type<Finding>().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.id] }),
    index('findings_org_rank').on(table.orgId, table.rank, table.id),
    index('findings_org_system').on(table.orgId, table.systemId),
    index('findings_org_account').on(table.orgId, table.accountId),
  ],
);

/**
 * What changed since the organisation's findings were computed, noted by triggers: an account, a
 * person, a job role, a system, a system's groups of logins and reviews (`group`), or the settings
 * (`org`). A note made again moves to a new `seq`, so a recompute deletes only the notes it read.
 */
export const findingsDirty = sqliteTable(
  'findings_dirty',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    orgId: text('org_id').notNull(),
    kind: text('kind', { enum: ['org', 'account', 'person', 'role', 'system', 'group'] }).notNull(),
    key: text('key').notNull(),
  },
  (table) => [uniqueIndex('findings_dirty_key').on(table.orgId, table.kind, table.key)],
);

/** An access-review campaign: the accounts of some (or all) systems, reviewers, a due date. */
export const reviewCampaigns = sqliteTable(
  'review_campaigns',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    /** The systems in scope, resolved at creation ("all" becomes the list of that moment). */
    systemIds: text('system_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** Member ids who may decide. */
    reviewerIds: text('reviewer_ids', { mode: 'json' }).$type<string[]>().notNull(),
    dueAt: integer('due_at', { mode: 'number' }).notNull(),
    defaultDecision: text('default_decision', { enum: ['keep', 'revoke'] }).notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    closedAt: integer('closed_at', { mode: 'number' }),
    /** The member who closed it, or null when the daily check closed it at the due date. */
    closedBy: text('closed_by'),
    closedByName: text('closed_by_name'),
  },
  (table) => [index('review_campaigns_org').on(table.orgId, table.status)],
);

/**
 * One account under review, with what the reviewer sees beside it copied at creation (owner, job
 * role, permissions, last sign-in, open findings), so the evidence shows what was decided on.
 */
export const reviewItems = sqliteTable(
  'review_items',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => reviewCampaigns.id),
    accountId: text('account_id').notNull(),
    systemId: text('system_id').notNull(),
    systemName: text('system_name').notNull(),
    username: text('username').notNull(),
    displayName: text('display_name'),
    accountEmail: text('account_email'),
    accountStatus: text('account_status').notNull(),
    ownerPersonId: text('owner_person_id'),
    ownerName: text('owner_name'),
    ownerEmail: text('owner_email'),
    jobRoleName: text('job_role_name'),
    /** Everyone known to use the login (owner included): none of them may decide on it. */
    userPersonIds: text('user_person_ids', { mode: 'json' }).$type<string[]>().notNull(),
    permissions: text('permissions', { mode: 'json' }).$type<string[]>().notNull(),
    lastSignInAt: integer('last_sign_in_at', { mode: 'number' }),
    findings: text('findings', { mode: 'json' })
      .$type<{ id: string; ruleId: string; severity: string; title: string }[]>()
      .notNull(),
    decision: text('decision', { enum: ['keep', 'revoke', 'change'] }),
    newPermissions: text('new_permissions', { mode: 'json' }).$type<string[]>(),
    comment: text('comment'),
    decidedBy: text('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: integer('decided_at', { mode: 'number' }),
    /** Whether the decision is the campaign's default, applied at closing. */
    defaulted: integer('defaulted', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [
    index('review_items_campaign_order').on(table.campaignId, table.systemName, table.username, table.id),
    index('review_items_campaign_decider').on(table.campaignId, table.decidedBy),
  ],
);

/**
 * Follow-through: what the admin must do in a system Rollcall cannot change itself (remove a
 * login, change its permissions, change a shared password). From a revoke/change review decision
 * or a leaver's offboarding checklist. Closed by a later captured user list showing it done, or by
 * the admin's confirmation.
 */
export const todos = sqliteTable(
  'todos',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    source: text('source', { enum: ['review', 'leaver'] }).notNull(),
    /** The campaign (review) or the leaver (person) the to-do comes from. */
    sourceId: text('source_id').notNull(),
    reviewItemId: text('review_item_id'),
    accountId: text('account_id').notNull(),
    systemId: text('system_id').notNull(),
    /** What the admin sees: "rbaker in PayDesk". */
    label: text('label').notNull(),
    action: text('action', { enum: ['remove', 'change-permissions', 'rotate-password'] }).notNull(),
    targetPermissions: text('target_permissions', { mode: 'json' }).$type<string[]>(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    closedAt: integer('closed_at', { mode: 'number' }),
    closedVia: text('closed_via', { enum: ['snapshot', 'confirmation'] }),
    closedBy: text('closed_by'),
    closedComment: text('closed_comment'),
  },
  (table) => [
    // One to-do per source, account and action: recording a leaver twice adds nothing.
    uniqueIndex('todos_dedupe').on(table.orgId, table.source, table.sourceId, table.accountId, table.action),
    index('todos_org_status').on(table.orgId, table.status),
    index('todos_system_open').on(table.systemId, table.status),
  ],
);

/**
 * What the daily check found worth telling: new critical and high findings, reviews due or
 * overdue. `key` is unique per organisation, so a second run on the same day records (and posts)
 * nothing twice.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    key: text('key').notNull(),
    day: text('day').notNull(),
    kind: text('kind', { enum: ['finding', 'review-due', 'review-overdue'] }).notNull(),
    severity: text('severity').notNull(),
    title: text('title').notNull(),
    detail: text('detail').notNull(),
    subjectId: text('subject_id').notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    readAt: integer('read_at', { mode: 'number' }),
    webhookSentAt: integer('webhook_sent_at', { mode: 'number' }),
  },
  (table) => [
    uniqueIndex('notifications_org_key').on(table.orgId, table.key),
    index('notifications_org_created').on(table.orgId, table.createdAt),
  ],
);

/** Where the daily check posts notifications: an https URL, signed with HMAC-SHA256 under `secret`. */
export const orgWebhooks = sqliteTable('org_webhooks', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  url: text('url').notNull(),
  /** Shown once, at creation; needed in clear to sign, never returned again. */
  secret: text('secret').notNull(),
  createdAt: integer('created_at', { mode: 'number' }).notNull(),
  lastStatus: integer('last_status'),
  lastAttemptAt: integer('last_attempt_at', { mode: 'number' }),
});

/** Which organisations the daily check has done on which day (its own bookkeeping, not audited). */
export const dailyChecks = sqliteTable(
  'daily_checks',
  {
    orgId: text('org_id').notNull(),
    day: text('day').notNull(),
    finishedAt: integer('finished_at', { mode: 'number' }).notNull(),
    notified: integer('notified').notNull(),
    /** The start of the firm's next day in its time zone: when its next check is due. */
    nextAt: integer('next_at', { mode: 'number' }).notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.orgId, table.day] }),
    index('daily_checks_org_next').on(table.orgId, table.nextAt),
  ],
);
