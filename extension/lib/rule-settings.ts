import { storage } from 'wxt/utils/storage';
import type { OrganisationSettingsInput } from '../../shared/settings';

/**
 * The firm's rule thresholds as this browser last had them from the server (read with
 * `readRuleSettings` from shared/settings: a stored field that no longer validates falls back to
 * its default). Signed out, the options page sets them for this browser alone.
 */
export const ruleSettingsItem = storage.defineItem<OrganisationSettingsInput>('local:ruleSettings', {
  fallback: {},
  version: 1,
});
