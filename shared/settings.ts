import { z } from 'zod';

/**
 * An organisation's thresholds for the rules in shared/rules. Every field has a default, so a
 * partial object (or none) is a valid input: `resolveSettings({ dormantDays: 30 })`.
 */

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const organisationSettingsSchema = z.object({
  /** No sign-in for this many days makes an active account dormant (CIS Controls v8 5.3: 45). */
  dormantDays: z.number().int().min(1).max(3650).default(45),
  /** An account made this many days ago and never used is flagged. */
  neverUsedDays: z.number().int().min(1).max(3650).default(14),
  /** How many active user-managing accounts one system may have before it is too many. */
  maxAdmins: z.number().int().min(1).max(1000).default(2),
  /** A system's last completed access review older than this is overdue. */
  reviewOverdueDays: z.number().int().min(1).max(3650).default(90),
  /** How sure the username classifier must be before a login is called generic, 0.5..1. */
  genericUsernameMinConfidence: z.number().min(0.5).max(1).default(0.6),
  /** The firm's time zone (IANA name): it decides what "today" is for leavers' end dates. */
  timeZone: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/London').default('UTC'),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;
export type OrganisationSettingsInput = z.input<typeof organisationSettingsSchema>;

/** A change to some of the settings, as the settings API accepts it. */
export const organisationSettingsPatchSchema = organisationSettingsSchema.partial();

export const DEFAULT_SETTINGS: OrganisationSettings = organisationSettingsSchema.parse({});

/** Stored or partial settings merged over the defaults; throws a ZodError naming a bad field. */
export function resolveSettings(
  input: OrganisationSettingsInput | null | undefined = {},
): OrganisationSettings {
  return organisationSettingsSchema.parse(input ?? {});
}
