import { z } from 'zod';

/**
 * The staff directory as both sides see it: people, systems, job roles and accounts.
 * These are the API's read shapes and the input of the rules in shared/rules.
 */

/** An id as the server hands it out; ids a client may choose are narrower (`clientIdSchema`). */
export const idSchema = z.string().min(1).max(64);
/** A calendar date with no time of day, as YYYY-MM-DD. */
export const isoDateSchema = z.iso.date();
/** A moment, as milliseconds since the epoch (UTC). */
export const timestampSchema = z.number().int().nonnegative();

export const personStatusSchema = z.enum(['active', 'leaver']);
export const personSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  email: z.email().max(254).nullable(),
  jobRoleId: idSchema.nullable(),
  startDate: isoDateSchema.nullable(),
  endDate: isoDateSchema.nullable(),
  leaveReason: z.string().max(500).nullable(),
  status: personStatusSchema,
  version: z.number().int(),
  deleted: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;

/** A permission a system knows, e.g. `refunds.process`; privileged ones need a closer eye. */
export const permissionNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][\w.:-]*$/, 'letters, digits and . _ : - only');
export const permissionDefinitionSchema = z.object({
  name: permissionNameSchema,
  label: z.string().max(200).optional(),
  privileged: z.boolean().optional(),
});
export type PermissionDefinition = z.infer<typeof permissionDefinitionSchema>;

/** A browser match pattern such as `https://pay.example.com/admin/*`. */
export const urlPatternSchema = z
  .string()
  .max(500)
  .regex(
    /^(https?|\*):\/\/(\*|\*\.[^/*]+|[^/*]+)\/.*$/,
    'a match pattern such as https://app.example.com/admin/*',
  );

/**
 * Where one login's page is in a system's admin, with `{login}` for the login:
 * `https://pay.example.com/admin/users/{login}`. The leaver's checklist links each login there.
 */
export const userPageUrlSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^/\s*]+\/\S*$/, 'an address such as https://app.example.com/admin/users/{login}')
  .refine((url) => url.includes('{login}'), 'must hold {login} where the login goes');

export const systemSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  adminUrlPatterns: z.array(urlPatternSchema).max(20),
  signInUrlPatterns: z.array(urlPatternSchema).max(20),
  /** One login's page in the system's admin, if the admin set it (absent in older local copies). */
  userPageUrl: z.string().nullable().optional(),
  permissions: z.array(permissionDefinitionSchema).max(500),
  version: z.number().int(),
  deleted: z.boolean(),
});
export type System = z.infer<typeof systemSchema>;

export const jobRoleSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  /** For each system id, the permissions the role needs there. */
  permissions: z.record(idSchema, z.array(permissionNameSchema).max(500)),
  version: z.number().int(),
  deleted: z.boolean(),
});
export type JobRole = z.infer<typeof jobRoleSchema>;

export const accountStatusSchema = z.enum(['active', 'disabled', 'removed']);
export const accountSchema = z.object({
  id: idSchema,
  systemId: idSchema,
  username: z.string().min(1).max(320),
  displayName: z.string().max(320).nullable(),
  email: z.string().max(320).nullable(),
  status: accountStatusSchema,
  permissions: z.array(permissionNameSchema).max(500),
  ownerPersonId: idSchema.nullable(),
  /** People known to use this login besides its owner: two or more people in all is a shared login. */
  userPersonIds: z.array(idSchema).max(100),
  lastSignInAt: timestampSchema.nullable(),
  /** When the login was made in its system, where the system says. */
  systemCreatedAt: timestampSchema.nullable(),
  firstSeenAt: timestampSchema.nullable(),
  lastSeenAt: timestampSchema.nullable(),
  version: z.number().int(),
  deleted: z.boolean(),
});
export type Account = z.infer<typeof accountSchema>;

/** "Person P signed in to the system of account A", reported by a staff member's extension. */
export const signInObservationSchema = z.object({
  accountId: idSchema,
  personId: idSchema,
  lastObservedAt: timestampSchema,
});
export type SignInObservation = z.infer<typeof signInObservationSchema>;
