import { z } from 'zod';
import { idSchema, timestampSchema } from './directory';
import { emailSchema, memberNameSchema, memberSchema } from './members';
import { organisationNameSchema, organisationSchema } from './organisation';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-length';

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
  /** The new organisation's setting: owners and admins sign in with a second factor (default on). */
  secondFactorRequired: z.boolean().optional(),
});

/** The token a browser that signed in before keeps (OWASP's device cookie); random, 256 bits. */
export const knownBrowserTokenSchema = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a known-browser token');

export const loginSchema = z.strictObject({
  email: emailSchema,
  password: passwordInputSchema,
  /** Sent by a browser this member signed in from before: strangers' failures do not lock it out. */
  knownBrowser: knownBrowserTokenSchema.optional(),
});

/** A six-digit code from an authenticator app; spaces people type are dropped. */
export const totpCodeSchema = z
  .string()
  .max(20)
  .transform((code) => code.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'six digits'));

/** A recovery code as typed: case, spaces and dashes do not matter. */
export const recoveryCodeSchema = z
  .string()
  .max(100)
  .transform((code) => code.toLowerCase().replace(/[^a-z0-9]/g, ''))
  .pipe(z.string().min(1, 'required'));

/** A signed challenge (a JWT: base64url parts joined by dots). */
export const challengeTokenSchema = z
  .string()
  .min(20)
  .max(2000)
  .regex(/^[A-Za-z0-9_.-]+$/, 'not a sign-in challenge');

/** The second step of a sign-in: the code of the authenticator app, or one recovery code. */
export const secondFactorSchema = z
  .strictObject({
    challengeToken: challengeTokenSchema,
    code: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .superRefine((body, context) => {
    if ((body.code === undefined) === (body.recoveryCode === undefined)) {
      context.addIssue({ code: 'custom', path: ['code'], message: 'give a code or a recovery code' });
    }
  });

/** Setting up a second factor during sign-in, with the challenge the password answered. */
export const enrolmentStartSchema = z.strictObject({ challengeToken: challengeTokenSchema });
export const enrolmentConfirmSchema = z.strictObject({
  challengeToken: challengeTokenSchema,
  code: totpCodeSchema,
});
/** Setting up a second factor when signed in. */
export const confirmSecondFactorSchema = z.strictObject({ code: totpCodeSchema });

/** A new second factor's secret, shown once: for a QR code, and to type in by hand. */
export const enrolmentSchema = z.object({
  otpauthUri: z.string(),
  /** The secret in base32, as authenticator apps take it typed in. */
  manualKey: z.string(),
});

/** Shown once when a second factor is confirmed; each works once, in place of a code. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });

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
  /** A new known-browser token, when this browser was not known yet: keep it for the next sign-in. */
  knownBrowser: z.string().optional(),
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

/**
 * The password was right, and one more step signs in: `code` (a second factor's code or a
 * recovery code) or `enrol` (set up a second factor, which the organisation requires).
 */
export const nextStepSchema = z.object({
  next: z.enum(['code', 'enrol']),
  challengeToken: z.string(),
  /** Seconds the challenge token lives. */
  expiresIn: z.number().int(),
});
export type NextStep = z.infer<typeof nextStepSchema>;

/** A sign-in, sign-up or accepted invite: signed in, or one more step to go. */
export const signInAnswerSchema = z.union([tokenPairSchema, nextStepSchema]);
export type SignInAnswer = z.infer<typeof signInAnswerSchema>;

/** A second factor confirmed during sign-in: signed in, with the recovery codes shown once. */
export const enrolledSchema = tokenPairSchema.extend(recoveryCodesSchema.shape);

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
