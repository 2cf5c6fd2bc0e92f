import { type OrganisationSettings, readRuleSettings } from '../../../shared/settings';

/**
 * The stored settings read lately, by their JSON: an organisation's are the same from one request to
 * the next.
 */
const known = new Map<string, OrganisationSettings>();
const MAX_KNOWN = 256;

/**
 * `readRuleSettings` of an organisation's stored settings, remembered by their JSON text. It is a
 * pure function of them, but checks the time zone by making an Intl.DateTimeFormat, some 100
 * microseconds a call, and a findings read asks it twice. Each caller gets its own copy.
 */
export function ruleSettingsOf(stored: unknown): OrganisationSettings {
  const key = String(JSON.stringify(stored));
  let settings = known.get(key);
  if (!settings) {
    settings = readRuleSettings(stored);
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(key, settings);
  }
  return { ...settings };
}
