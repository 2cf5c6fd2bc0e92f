import '../zod-jitless';
import type { z } from 'zod';
import {
  createAccountSchema,
  createJobRoleSchema,
  createPersonSchema,
  createSystemSchema,
  type SyncEntity,
  syncMutationSchema,
} from '../../../shared/schemas/directory-input';
import { plainReason } from '../../../shared/schemas/plain-words';
import type { FieldError } from '../../../shared/schemas/problem';
import { textIssues } from '../../../shared/schemas/text';
import type { ChangeInput } from './outbox';

/**
 * Checks a change with the very schema the server validates `contract.sync.push` with, before
 * it is queued: a change the server would refuse is never queued, and the form can say at once
 * what to fix. Answers one plain error per field ("Name: at most 200 characters."), named by the
 * field of the change's data (`name`, `email`, `permissions`); none when the change is fine.
 *
 * `creating`: the row exists nowhere yet (neither synced nor queued), so the fields every new row
 * needs are required too; they are the required fields of the shared create schemas.
 */
export function checkChange(
  change: ChangeInput,
  { creating = false }: { creating?: boolean } = {},
): FieldError[] {
  // The mutation id and base version are the outbox's business; stand-ins that pass let the
  // server's mutation schema check everything the UI chose.
  const { seenVersion: _seen, ...asked } = change;
  const parsed = syncMutationSchema.safeParse(
    { ...asked, mutationId: 'checking-only', baseVersion: null },
    { error: plainReason },
  );
  const errors: FieldError[] = [];
  const add = (field: string, reason: string) => {
    if (errors.some((e) => e.field === field)) return;
    errors.push({ field, message: `${labelOf(field)}: ${sentence(reason)}` });
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) add(key, 'not something Rollcall keeps');
        continue;
      }
      add(path[0] === 'data' ? (path[1] ?? 'data') : (path[0] ?? 'change'), issue.message);
    }
  }
  // The worker checks every string it receives before any schema reads it; so does this.
  for (const issue of textIssues(change.op === 'upsert' ? change.data : {})) {
    add(String(issue.path[0] ?? 'data'), issue.message);
  }
  if (creating && change.op === 'upsert') {
    const data = change.data as Record<string, unknown>;
    for (const field of REQUIRED_WHEN_NEW[change.entity]) {
      if (data[field] === undefined || data[field] === null) add(field, 'required');
    }
  }
  return errors;
}

/** What each field is called on the forms that change it. */
const LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  jobRoleId: 'Job role',
  startDate: 'Start date',
  endDate: 'Last day',
  leaveReason: 'Reason',
  status: 'Status',
  systemId: 'System',
  username: 'Login',
  displayName: 'Display name',
  permissions: 'Permissions',
  ownerPersonId: 'Owner',
  userPersonIds: 'People who use it',
  lastSignInAt: 'Last sign-in',
  systemCreatedAt: 'Created',
  adminUrlPatterns: 'Admin pages',
  signInUrlPatterns: 'Sign-in pages',
  userPageUrl: 'User page',
};

const labelOf = (field: string) => LABELS[field] ?? 'This change';

function sentence(reason: string): string {
  const text = reason.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

const CREATE_SCHEMAS: Record<SyncEntity, z.ZodObject> = {
  person: createPersonSchema,
  system: createSystemSchema,
  jobRole: createJobRoleSchema,
  account: createAccountSchema,
};

/** The fields a create schema cannot do without (neither optional nor defaulted). */
const REQUIRED_WHEN_NEW = Object.fromEntries(
  Object.entries(CREATE_SCHEMAS).map(([entity, schema]) => [
    entity,
    Object.entries(schema.shape)
      .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
      .map(([key]) => key),
  ]),
) as Record<SyncEntity, string[]>;
