import { z } from 'zod';
import {
  organisationSettingsPatchSchema as ruleSettingsPatchSchema,
  organisationSettingsSchema as ruleSettingsSchema,
} from '../settings';
import { idSchema } from './directory';
import { singleLine } from './text';

/**
 * Organisation settings. Stored as JSON on the organisation; every field has a default here, so a
 * stored object may lack any of them. Session limits follow ASVS 5.0 §7.3 (idle and absolute).
 */
export const organisationSettingsSchema = z.object({
  /** Minutes without use after which a session ends. */
  sessionIdleMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** Hours after sign-in after which a session ends whatever its use. */
  sessionAbsoluteHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /**
   * Whether owners and admins must sign in with a second factor (ASVS 5.0 §6.3.3). On for new
   * organisations; organisations made before second factors existed have it off until turned on.
   */
  secondFactorRequired: z.boolean().default(true),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;
export const defaultOrganisationSettings: OrganisationSettings = organisationSettingsSchema.parse({});

/** Reads stored settings, falling back to the default for each missing or unreadable field. */
export function readOrganisationSettings(stored: unknown): OrganisationSettings {
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = { ...defaultOrganisationSettings };
  for (const key of Object.keys(settings) as (keyof OrganisationSettings)[]) {
    const field = organisationSettingsSchema.shape[key].safeParse(source[key]);
    if (field.success) settings[key] = field.data;
  }
  return settings as OrganisationSettings;
}

/** Whether a member of this role must sign in with a second factor: owners and admins, where the firm says so. */
export function secondFactorRequired(role: string, settings: unknown): boolean {
  return (role === 'owner' || role === 'admin') && readOrganisationSettings(settings).secondFactorRequired;
}

export const organisationSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** Session limits, the second-factor requirement, and the rule thresholds every member's findings are computed with. */
  settings: organisationSettingsSchema.extend(ruleSettingsSchema.shape),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationNameSchema = singleLine(z.string().trim().min(1).max(200));

export const updateOrganisationSchema = z.strictObject({
  name: organisationNameSchema.optional(),
  settings: z
    .strictObject({
      sessionIdleMinutes: organisationSettingsSchema.shape.sessionIdleMinutes.unwrap().optional(),
      sessionAbsoluteHours: organisationSettingsSchema.shape.sessionAbsoluteHours.unwrap().optional(),
      secondFactorRequired: z.boolean().optional(),
      ...ruleSettingsPatchSchema.shape,
    })
    .optional(),
});
