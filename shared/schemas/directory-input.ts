import { z } from 'zod';
import {
  accountSchema,
  accountStatusSchema,
  idSchema,
  isoDateSchema,
  jobRoleSchema,
  permissionDefinitionSchema,
  permissionNameSchema,
  personSchema,
  personStatusSchema,
  systemSchema,
  timestampSchema,
  urlPatternSchema,
  userPageUrlSchema,
} from './directory';
import { dateOrderSchema } from './page-row';
import { clientIdSchema, identifierText, singleLine } from './text';

/**
 * What clients send to change the staff directory: create and update bodies, list queries,
 * captured user lists (snapshots), sync mutations. Field rules come from the read shapes in
 * ./directory so the two never disagree.
 */

const personName = singleLine(personSchema.shape.name);
const email = identifierText(z.string().max(254)).pipe(z.email());
const username = identifierText(accountSchema.shape.username);
const displayName = singleLine(z.string().max(320)).nullable();
const accountEmail = identifierText(z.string().max(320)).nullable();
const roleName = singleLine(jobRoleSchema.shape.name);
const systemName = singleLine(systemSchema.shape.name);

// ---------------------------------------------------------------- people

export const createPersonSchema = z.strictObject({
  /** A client may make the id itself (offline creation); otherwise the server does. */
  id: clientIdSchema.optional(),
  name: personName,
  email: email.nullable().optional(),
  jobRoleId: idSchema.nullable().optional(),
  startDate: isoDateSchema.nullable().optional(),
  endDate: isoDateSchema.nullable().optional(),
});
export type CreatePerson = z.infer<typeof createPersonSchema>;

export const updatePersonSchema = z.strictObject({
  name: personName.optional(),
  email: email.nullable().optional(),
  jobRoleId: idSchema.nullable().optional(),
  startDate: isoDateSchema.nullable().optional(),
  endDate: isoDateSchema.nullable().optional(),
  leaveReason: personSchema.shape.leaveReason.optional(),
  /** Set back to `active` to undo a leaver recorded by mistake (or a rehire). */
  status: personStatusSchema.optional(),
});
export type UpdatePerson = z.infer<typeof updatePersonSchema>;

export const leavePersonSchema = z.strictObject({
  endDate: isoDateSchema,
  reason: z.string().trim().min(1).max(500),
});
export type LeavePerson = z.infer<typeof leavePersonSchema>;

const limitSchema = z.coerce.number().int().min(1).max(500).default(100);
/** An opaque page cursor handed out by the previous page. */
const pageCursorSchema = z.string().min(1).max(500);

export const listPeopleQuerySchema = z.strictObject({
  /** Matches a part of the name, the email, or the username of an account the person owns. */
  q: z.string().trim().min(1).max(50).optional(),
  status: personStatusSchema.optional(),
  jobRoleId: idSchema.optional(),
  limit: limitSchema,
  cursor: pageCursorSchema.optional(),
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuerySchema>;

// ---------------------------------------------------------------- systems

const permissionCatalogueSchema = z
  .array(permissionDefinitionSchema)
  .max(500)
  .superRefine((catalogue, ctx) => {
    const seen = new Set<string>();
    catalogue.forEach((permission, index) => {
      if (seen.has(permission.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `permission ${permission.name} is listed twice`,
        });
      }
      seen.add(permission.name);
    });
  });

export const createSystemSchema = z.strictObject({
  id: clientIdSchema.optional(),
  name: systemName,
  adminUrlPatterns: z.array(urlPatternSchema).max(20).default([]),
  signInUrlPatterns: z.array(urlPatternSchema).max(20).default([]),
  userPageUrl: userPageUrlSchema.nullable().optional(),
  permissions: permissionCatalogueSchema.default([]),
});
export type CreateSystem = z.infer<typeof createSystemSchema>;

export const updateSystemSchema = z.strictObject({
  name: systemName.optional(),
  adminUrlPatterns: z.array(urlPatternSchema).max(20).optional(),
  signInUrlPatterns: z.array(urlPatternSchema).max(20).optional(),
  userPageUrl: userPageUrlSchema.nullable().optional(),
  permissions: permissionCatalogueSchema.optional(),
});
export type UpdateSystem = z.infer<typeof updateSystemSchema>;

// ---------------------------------------------------------------- job roles

export const createJobRoleSchema = z.strictObject({
  id: clientIdSchema.optional(),
  name: roleName,
  permissions: jobRoleSchema.shape.permissions.default({}),
});
export type CreateJobRole = z.infer<typeof createJobRoleSchema>;

export const updateJobRoleSchema = z.strictObject({
  name: roleName.optional(),
  permissions: jobRoleSchema.shape.permissions.optional(),
});
export type UpdateJobRole = z.infer<typeof updateJobRoleSchema>;

// ---------------------------------------------------------------- accounts

const permissionListSchema = z.array(permissionNameSchema).max(500);

export const createAccountSchema = z.strictObject({
  id: clientIdSchema.optional(),
  systemId: idSchema,
  username,
  displayName: displayName.optional(),
  email: accountEmail.optional(),
  status: accountStatusSchema.default('active'),
  permissions: permissionListSchema.default([]),
  ownerPersonId: idSchema.nullable().optional(),
  userPersonIds: accountSchema.shape.userPersonIds.default([]),
  lastSignInAt: timestampSchema.nullable().optional(),
  systemCreatedAt: timestampSchema.nullable().optional(),
});
export type CreateAccount = z.infer<typeof createAccountSchema>;

export const updateAccountSchema = z.strictObject({
  username: username.optional(),
  displayName: displayName.optional(),
  email: accountEmail.optional(),
  status: accountStatusSchema.optional(),
  permissions: permissionListSchema.optional(),
  ownerPersonId: idSchema.nullable().optional(),
  userPersonIds: accountSchema.shape.userPersonIds.optional(),
  lastSignInAt: timestampSchema.nullable().optional(),
  systemCreatedAt: timestampSchema.nullable().optional(),
});
export type UpdateAccount = z.infer<typeof updateAccountSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const listAccountsQuerySchema = z.strictObject({
  /** Matches a part of the username, display name or email. */
  q: z.string().trim().min(1).max(50).optional(),
  systemId: idSchema.optional(),
  ownerPersonId: idSchema.optional(),
  status: accountStatusSchema.optional(),
  /** `true`: only accounts that belong to no known person. */
  unowned: booleanQuery.optional(),
  limit: limitSchema,
  cursor: pageCursorSchema.optional(),
});
export type ListAccountsQuery = z.infer<typeof listAccountsQuerySchema>;

export const listQuerySchema = z.strictObject({ limit: limitSchema, cursor: pageCursorSchema.optional() });
export type ListQuery = z.infer<typeof listQuerySchema>;

/** One page of a list: the rows and, when there are more, the cursor of the next page. */
export const pageSchema = <T extends z.ZodType>(row: T) =>
  z.object({ items: z.array(row), nextCursor: z.string().nullable() });

// ---------------------------------------------------------------- snapshots

const shownText = singleLine(z.string().trim().max(500));

/** One row of a system's user-list page, as the extension read it: text as shown, not yet understood. */
export const snapshotRowSchema = z.strictObject({
  username: identifierText(z.string().trim().min(1).max(320)),
  displayName: shownText.nullable().optional(),
  email: identifierText(z.string().trim().max(320)).nullable().optional(),
  /** The role or permissions column as shown: "Administrator", "payments.add, refunds.process", or a list. */
  permissions: z
    .union([shownText, z.array(shownText).max(500)])
    .nullable()
    .optional(),
  /** The status column as shown: "Active", "Disabled", "Locked", "Yes"… */
  status: shownText.nullable().optional(),
  /** The last sign-in column as shown: an ISO date, 23/11/2026 14:05, "3 days ago", "Never"… */
  lastSignIn: shownText.nullable().optional(),
});
export type SnapshotRow = z.infer<typeof snapshotRowSchema>;

export const MAX_SNAPSHOT_ROWS = 5000;

export const snapshotSchema = z
  .strictObject({
    rows: z.array(snapshotRowSchema).max(MAX_SNAPSHOT_ROWS),
    /** When the page was read; defaults to the time the server receives it. */
    capturedAt: timestampSchema.optional(),
    /**
     * Whether the rows are the whole user list. Only a complete list can say an account vanished:
     * a filtered or paged list leaves the accounts it does not show alone.
     */
    complete: z.boolean().default(true),
    /**
     * How the page writes numeric dates, from its language; its own dates decide where one can be
     * read only one way (see `dateOrderShown`).
     */
    dateOrder: dateOrderSchema.default('dmy'),
    /**
     * The admin confirms the removals a complete list makes. Needed when it would remove every live
     * account of the system or more than half of them; without it such a list is refused (409) and
     * nothing is written.
     */
    confirmRemovals: z.boolean().default(false),
  })
  .superRefine((snapshot, ctx) => {
    const seen = new Map<string, number>();
    snapshot.rows.forEach((row, index) => {
      const key = row.username.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rows', index, 'username'],
          message: `username ${row.username} also appears in row ${first}`,
        });
      } else {
        seen.set(key, index);
      }
    });
  });
export type Snapshot = z.infer<typeof snapshotSchema>;

export const snapshotChangeSchema = z.enum(['added', 'changed', 'removed', 'unchanged']);
export const snapshotDiffRowSchema = z.object({
  username: z.string(),
  change: snapshotChangeSchema,
  accountId: idSchema,
  /** For a changed account, the fields that changed. */
  fields: z.array(z.string()).optional(),
  ownerPersonId: idSchema.nullable(),
  /** Things shown on the page that Rollcall could not understand, e.g. a role missing from the catalogue. */
  warnings: z.array(z.string()).optional(),
});
export const snapshotDiffSchema = z.object({
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  rows: z.array(snapshotDiffRowSchema),
});
export type SnapshotDiff = z.infer<typeof snapshotDiffSchema>;
export type SnapshotDiffRow = z.infer<typeof snapshotDiffRowSchema>;

// ---------------------------------------------------------------- sync

export const syncEntitySchema = z.enum(['person', 'system', 'jobRole', 'account']);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

export const syncPullQuerySchema = z.strictObject({
  /** The cursor of the last pull; `0` (or none) for everything. */
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type SyncPullQuery = z.infer<typeof syncPullQuerySchema>;

export const syncChangeSchema = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('person'), row: personSchema }),
  z.object({ entity: z.literal('system'), row: systemSchema }),
  z.object({ entity: z.literal('jobRole'), row: jobRoleSchema }),
  z.object({ entity: z.literal('account'), row: accountSchema }),
]);
export type SyncChange = z.infer<typeof syncChangeSchema>;

export const syncPullSchema = z.object({
  changes: z.array(syncChangeSchema),
  /** Pass as `since` next time. */
  cursor: z.number().int(),
  /** Whether another page waits: pull again with the new cursor straight away. */
  more: z.boolean(),
});
export type SyncPull = z.infer<typeof syncPullSchema>;

const mutationBase = {
  /** Made by the client once per mutation and kept across retries: a retried push applies it once. */
  mutationId: z.string().min(8).max(64),
  /** Names the row; for a row the client creates, an id it chose (see `clientIdSchema`). */
  rowId: clientIdSchema,
  /** The version of the row the client edited; null when the client creates the row. */
  baseVersion: z.number().int().nonnegative().nullable(),
};

export const syncMutationSchema = z.discriminatedUnion('op', [
  z.strictObject({ ...mutationBase, op: z.literal('delete'), entity: syncEntitySchema }),
  z.discriminatedUnion('entity', [
    z.strictObject({
      ...mutationBase,
      op: z.literal('upsert'),
      entity: z.literal('person'),
      data: updatePersonSchema,
    }),
    z.strictObject({
      ...mutationBase,
      op: z.literal('upsert'),
      entity: z.literal('system'),
      data: updateSystemSchema,
    }),
    z.strictObject({
      ...mutationBase,
      op: z.literal('upsert'),
      entity: z.literal('jobRole'),
      data: updateJobRoleSchema,
    }),
    z.strictObject({
      ...mutationBase,
      op: z.literal('upsert'),
      entity: z.literal('account'),
      data: updateAccountSchema.extend({ systemId: idSchema.optional() }),
    }),
  ]),
]);
export type SyncMutation = z.infer<typeof syncMutationSchema>;

export const MAX_SYNC_MUTATIONS = 500;

export const syncPushSchema = z
  .strictObject({ mutations: z.array(syncMutationSchema).max(MAX_SYNC_MUTATIONS) })
  .superRefine((push, ctx) => {
    const seen = new Set<string>();
    push.mutations.forEach((mutation, index) => {
      if (seen.has(mutation.mutationId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['mutations', index, 'mutationId'],
          message: 'mutation id used twice in one push',
        });
      }
      seen.add(mutation.mutationId);
    });
  });
export type SyncPush = z.infer<typeof syncPushSchema>;

export const syncResultSchema = z.discriminatedUnion('status', [
  z.object({ mutationId: z.string(), status: z.literal('applied'), version: z.number().int() }),
  /** The row changed since the client's base version: nothing was written; here is the row now. */
  z.object({ mutationId: z.string(), status: z.literal('conflict'), current: syncChangeSchema.nullable() }),
  /** The mutation cannot apply at all (unknown permission, missing system…): here is why. */
  z.object({
    mutationId: z.string(),
    status: z.literal('rejected'),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
]);
export type SyncResult = z.infer<typeof syncResultSchema>;
export const syncPushResultSchema = z.object({ results: z.array(syncResultSchema) });
export type SyncPushResult = z.infer<typeof syncPushResultSchema>;

// ---------------------------------------------------------------- CSV import

export const importQuerySchema = z.strictObject({
  /** `true`: check every row and report, apply nothing. */
  dryRun: booleanQuery.default(false),
});

/** One people CSV row, after the header has named its columns. */
export const personCsvRowSchema = z.object({
  name: personName,
  email: email.nullable(),
  job_role: singleLine(z.string().trim().max(200)).nullable(),
  start: isoDateSchema.nullable(),
  end: isoDateSchema.nullable(),
});
export type PersonCsvRow = z.infer<typeof personCsvRowSchema>;

/** One accounts CSV row: permissions are separated by `;` or `|` inside their cell. */
export const accountCsvRowSchema = z.object({
  system: singleLine(z.string().trim().min(1).max(200)),
  username,
  owner_email: email.nullable(),
  permissions: z.array(permissionNameSchema).max(500),
});
export type AccountCsvRow = z.infer<typeof accountCsvRowSchema>;

export const csvRowErrorSchema = z.object({
  /** The line of the file, counting the header as line 1. */
  line: z.number().int(),
  column: z.string(),
  message: z.string(),
});
export type CsvRowError = z.infer<typeof csvRowErrorSchema>;

/**
 * What a clean file did (or, on a dry run, would do). A file with any error applies nothing and is
 * answered 422 problem+json, each error with its line and column.
 */
export const importResultSchema = z.object({
  dryRun: z.boolean(),
  /** Whether rows were written: never on a dry run. */
  applied: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
