import { z } from 'zod';
import { idSchema, signInObservationSchema, timestampSchema } from './directory';
import { identifierText, singleLine } from './text';

/**
 * Sign-in observations: a staff member's browser, enrolled for that person, reports "this person
 * signed in to this system as this login at this time". Nothing else is ever sent: no password,
 * no other field of the form, no page outside the system's sign-in URL patterns.
 */

/** Whether the organisation records observations (off until an owner turns them on) and for how long. */
export const observationSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Observations older than this are pruned by the daily check. */
  retentionDays: z.number().int().min(1).max(3650),
});
export type ObservationSettings = z.infer<typeof observationSettingsSchema>;
export const defaultObservationSettings: ObservationSettings = { enabled: false, retentionDays: 90 };

/** Where the observation settings live in the organisation's settings JSON. */
const STORED_KEYS = { enabled: 'observationsEnabled', retentionDays: 'observationRetentionDays' } as const;

/** Reads the observation settings out of stored organisation settings, defaults for what is missing. */
export function readObservationSettings(stored: unknown): ObservationSettings {
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const enabled = observationSettingsSchema.shape.enabled.safeParse(source[STORED_KEYS.enabled]);
  const days = observationSettingsSchema.shape.retentionDays.safeParse(source[STORED_KEYS.retentionDays]);
  return {
    enabled: enabled.success ? enabled.data : defaultObservationSettings.enabled,
    retentionDays: days.success ? days.data : defaultObservationSettings.retentionDays,
  };
}

/** The observation settings as stored fields of the organisation's settings JSON. */
export function storedObservationSettings(settings: ObservationSettings): Record<string, unknown> {
  return { [STORED_KEYS.enabled]: settings.enabled, [STORED_KEYS.retentionDays]: settings.retentionDays };
}

export const updateObservationSettingsSchema = z.strictObject({
  enabled: observationSettingsSchema.shape.enabled.optional(),
  retentionDays: observationSettingsSchema.shape.retentionDays.optional(),
});

/** An enrolment code as typed: groups of base32 letters, dashes and spaces ignored. */
export const enrolmentCodeSchema = z
  .string()
  .trim()
  .min(16)
  .max(64)
  .regex(/^[A-Za-z2-7 -]+$/, 'the enrolment code the admin gave you: letters and digits in groups');

export const createEnrolmentSchema = z.strictObject({ personId: idSchema });

export const enrolmentSchema = z.object({
  id: idSchema,
  personId: idSchema,
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
});

/** The code is shown once, at creation; the server keeps only its hash. */
export const createdEnrolmentSchema = z.object({ enrolment: enrolmentSchema, code: z.string() });

export const joinSchema = z.strictObject({
  code: enrolmentCodeSchema,
  /** What the staff member calls this browser ("Reception PC, Chrome"). */
  label: singleLine(z.string().trim().min(1).max(100)).optional(),
});

/** A system's sign-in pages, where the enrolled browser may observe. */
export const observedSystemSchema = z.object({
  id: idSchema,
  name: z.string(),
  signInUrlPatterns: z.array(z.string()),
});

export const previewEnrolmentSchema = z.strictObject({ code: enrolmentCodeSchema });

/**
 * What joining with a code will mean, told before the browser joins: for whom, for which firm, and
 * on which sign-in pages (so host permission for them is asked in the click that joins).
 */
export const enrolmentPreviewSchema = z.object({
  personName: z.string(),
  organisationName: z.string(),
  observationsEnabled: z.boolean(),
  systems: z.array(observedSystemSchema),
});
export type EnrolmentPreview = z.infer<typeof enrolmentPreviewSchema>;

/** A device credential: shown once, kept only hashed on the server. */
export const deviceCredentialSchema = z.object({ credential: z.string() });

export const joinedSchema = deviceCredentialSchema.extend({
  device: z.object({ id: idSchema, personId: idSchema, personName: z.string() }),
  organisationName: z.string(),
  observationsEnabled: z.boolean(),
  systems: z.array(observedSystemSchema),
});
export type Joined = z.infer<typeof joinedSchema>;

export const deviceSchema = z.object({
  id: idSchema,
  personId: idSchema,
  personName: z.string(),
  label: z.string().nullable(),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  rotatedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type Device = z.infer<typeof deviceSchema>;
export const deviceListSchema = z.object({ devices: z.array(deviceSchema) });
export const deviceListQuerySchema = z.strictObject({ personId: idSchema.optional() });
export const deviceIdParamsSchema = z.strictObject({ id: idSchema });

/** One sign-in as the browser saw it. The login is what was typed in the login field, trimmed. */
export const observationInputSchema = z.strictObject({
  systemId: idSchema,
  login: identifierText(z.string().trim().min(1).max(200)),
  observedAt: timestampSchema,
});
export const reportObservationsSchema = z.strictObject({
  observations: z.array(observationInputSchema).min(1).max(100),
});
export const reportedSchema = z.object({
  /** Observations recorded (a repeat of a known person and login moves its date on). */
  recorded: z.number().int(),
  /** Person and login pairs seen for the first time. */
  newPairs: z.number().int(),
});

/** What an enrolled browser may know: whose it is, where it observes, and that person's own sign-ins. */
export const ownObservationsSchema = z.object({
  personName: z.string(),
  observationsEnabled: z.boolean(),
  retentionDays: z.number().int(),
  systems: z.array(observedSystemSchema),
  observations: z.array(
    z.object({
      systemId: idSchema,
      systemName: z.string(),
      login: z.string(),
      lastObservedAt: timestampSchema,
    }),
  ),
});
export type OwnObservations = z.infer<typeof ownObservationsSchema>;

/** The firm's observations as the rules read them: each person's latest sign-in per login. */
export const observationListSchema = z.object({ observations: z.array(signInObservationSchema) });
