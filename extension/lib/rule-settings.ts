import { storage } from 'wxt/utils/storage';
import {
  type OrganisationSettings,
  type OrganisationSettingsInput,
  organisationSettingsSchema,
} from '../../shared/settings';

/**
 * The rule thresholds the options page sets. The server has no settings API for them yet, so
 * they live in this browser; a stored field that no longer validates falls back to its default.
 */
export const ruleSettingsItem = storage.defineItem<OrganisationSettingsInput>('local:ruleSettings', {
  fallback: {},
  version: 1,
});

export function readRuleSettings(stored: OrganisationSettingsInput | null | undefined): OrganisationSettings {
  const source: Record<string, unknown> = { ...(stored ?? {}) };
  for (const key of Object.keys(organisationSettingsSchema.shape) as (keyof OrganisationSettings)[]) {
    if (!organisationSettingsSchema.shape[key].safeParse(source[key]).success) delete source[key];
  }
  return organisationSettingsSchema.parse(source);
}
