import { z } from 'zod';
import { RULE_SETTINGS, type RuleSettingKey } from './rules/registry.ts';
import type { RuleSetting } from './rules/types.ts';

/**
 * An organisation's thresholds for the rules in shared/rules, each declared by its rule (its
 * `setting`), and the firm's time zone. Every field has a default, so a partial object (or none)
 * is a valid input: `resolveSettings({ dormantDays: 30 })`.
 */

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A rule's threshold as a schema: a number in its bounds, whole where it must be. */
function thresholdSchema(setting: RuleSetting): z.ZodNumber {
  const number = setting.integer ? z.number().int() : z.number();
  return number.min(setting.min).max(setting.max);
}

const thresholds = Object.fromEntries(
  RULE_SETTINGS.map((setting) => [setting.key, thresholdSchema(setting).default(setting.default)]),
) as Record<RuleSettingKey, z.ZodDefault<z.ZodNumber>>;

/** The firm's time zone (IANA name): it decides what "today" is for leavers' end dates. */
const timeZoneSchema = z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Europe/London');

export const organisationSettingsSchema = z.object({
  ...thresholds,
  timeZone: timeZoneSchema.default('UTC'),
});
export type OrganisationSettings = z.infer<typeof organisationSettingsSchema>;
export type OrganisationSettingsInput = z.input<typeof organisationSettingsSchema>;

/**
 * A change to some of the thresholds, as `PATCH /api/v1/organisation` accepts it: a field left out
 * keeps its stored value (no default fills it in).
 */
export const organisationSettingsPatchSchema = z.object({
  ...(Object.fromEntries(
    RULE_SETTINGS.map((setting) => [setting.key, thresholdSchema(setting).optional()]),
  ) as Record<RuleSettingKey, z.ZodOptional<z.ZodNumber>>),
  timeZone: timeZoneSchema.optional(),
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
