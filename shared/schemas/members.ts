import { z } from 'zod';
import { idSchema, timestampSchema } from './directory';
import { identifierText, singleLine } from './text';

/**
 * Members of Rollcall: the people who sign in to it. One role each:
 * owner (everything), admin (everything but owner-only acts), reviewer (decides access reviews),
 * auditor (reads everything, may export, changes nothing).
 */
export const memberRoles = ['owner', 'admin', 'reviewer', 'auditor'] as const;
export const memberRoleSchema = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRoleSchema>;

/** Emails are compared lower-cased and trimmed. */
export const emailSchema = identifierText(z.string().trim().max(254))
  .pipe(z.email())
  .transform((email) => email.toLowerCase());

export const memberNameSchema = singleLine(z.string().trim().min(1).max(200));

export const memberSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: memberRoleSchema,
  createdAt: timestampSchema,
  /** Whether they sign in with a second factor (an authenticator app). */
  secondFactor: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ members: z.array(memberSchema) });

export const memberIdParamsSchema = z.strictObject({ id: idSchema });

export const changeRoleSchema = z.strictObject({ role: memberRoleSchema });

export const createInviteSchema = z.strictObject({
  email: emailSchema,
  role: memberRoleSchema,
});

export const inviteSchema = z.object({
  id: idSchema,
  email: z.string(),
  role: memberRoleSchema,
  createdBy: idSchema,
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
});
export type Invite = z.infer<typeof inviteSchema>;

/** The setup token is shown once, to the member who made the invite, to pass on to the invitee. */
export const createdInviteSchema = z.object({ invite: inviteSchema, setupToken: z.string() });
export const inviteListSchema = z.object({ invites: z.array(inviteSchema) });
