import { z } from 'zod';
import { idSchema, timestampSchema } from './directory';
import { emailSchema, memberNameSchema, memberSchema } from './members';
import { organisationNameSchema, organisationSchema } from './organisation';

/** Bytes of UTF-8 past which a password is refused before any hashing (no hash-based DoS). */
export const PASSWORD_MAX_LENGTH = 1024;
/** ASVS 5.0 §6.2.1: at least 12 characters; §6.2.9: at least 64 allowed. No composition rules. */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * A new password: Unicode-normalised (NFKC, so the same keystrokes on any keyboard give the same
 * password) and counted in code points. The common-password and context-word checks need data and
 * context and run on the server.
 */
export const newPasswordSchema = z
  .string()
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`)
  .transform((password) => password.normalize('NFKC'))
  .refine((password) => [...password].length >= PASSWORD_MIN_LENGTH, {
    message: `at least ${PASSWORD_MIN_LENGTH} characters`,
  });

/** A password given to sign in: only bounded, never judged (its rules may have changed since). */
export const passwordInputSchema = z
  .string()
  .min(1)
  .max(PASSWORD_MAX_LENGTH, `at most ${PASSWORD_MAX_LENGTH} characters`)
  .transform((password) => password.normalize('NFKC'));

export const signupSchema = z.strictObject({
  organisationName: organisationNameSchema,
  name: memberNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
});

export const loginSchema = z.strictObject({
  email: emailSchema,
  password: passwordInputSchema,
});

export const refreshTokenSchema = z.string().min(20).max(200);
export const refreshSchema = z.strictObject({ refreshToken: refreshTokenSchema });

export const acceptInviteSchema = z.strictObject({
  setupToken: z.string().min(20).max(200),
  name: memberNameSchema,
  password: newPasswordSchema,
});

/** What a successful sign-in, sign-up or refresh answers. */
export const tokenPairSchema = z.object({
  accessToken: z.string(),
  /** Seconds the access token lives. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  member: memberSchema,
  organisation: organisationSchema,
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const meSchema = z.object({
  member: memberSchema,
  organisation: organisationSchema,
  sessionId: idSchema,
});

export const sessionSchema = z.object({
  id: idSchema,
  memberId: idSchema,
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) });
export const sessionListQuerySchema = z.strictObject({ memberId: idSchema.optional() });
export const sessionIdParamsSchema = z.strictObject({ id: idSchema });

/** ASVS 5.0 §6.2.2–6.2.3: a member changes their password by giving the current one too. */
export const changePasswordSchema = z.strictObject({
  currentPassword: passwordInputSchema,
  newPassword: newPasswordSchema,
});
