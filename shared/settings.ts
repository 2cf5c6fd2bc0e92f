import { z } from 'zod';
import { DEFAULT_GENERIC_USERNAME_MIN_CONFIDENCE } from './rules/generic-username.ts';

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
  genericUsernameMinConfidence: z.number().min(0.5).max(1).default(DEFAULT_GENERIC_USERNAME_MIN_CONFIDENCE),
  /** The firm's time zone (IANA name): it decides what "today" is for leavers' end dates. */
  timeZone: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/London').default('UTC'),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;
export type OrganisationSettingsInput = z.input<typeof organisationSettingsSchema>;

/**
 * A change to some of the thresholds, as `PATCH /api/v1/organisation` accepts it: a field left out
 * keeps its stored value (no default fills it in).
 */
const shape = organisationSettingsSchema.shape;
export const organisationSettingsPatchSchema = z.object({
  dormantDays: shape.dormantDays.unwrap().optional(),
  neverUsedDays: shape.neverUsedDays.unwrap().optional(),
  maxAdmins: shape.maxAdmins.unwrap().optional(),
  reviewOverdueDays: shape.reviewOverdueDays.unwrap().optional(),
  genericUsernameMinConfidence: shape.genericUsernameMinConfidence.unwrap().optional(),
  timeZone: shape.timeZone.unwrap().optional(),
});

export const DEFAULT_SETTINGS: OrganisationSettings = organisationSettingsSchema.parse({});

/** Stored or partial settings merged over the defaults; throws a ZodError naming a bad field. */
export function resolveSettings(
  input: OrganisationSettingsInput | null | undefined = {},
): OrganisationSettings {
  return organisationSettingsSchema.parse(input ?? {});
}

/**
 * Thresholds from stored settings (an organisation's JSON, or this browser's copy), each field read
 * on its own: a missing or unreadable one falls back to its default instead of failing them all.
 */
export function readRuleSettings(stored: unknown): OrganisationSettings {
  const source = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const picked: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(organisationSettingsSchema.shape)) {
    if (source[key] !== undefined && field.safeParse(source[key]).success) picked[key] = source[key];
  }
  return resolveSettings(picked);
}
