import { contract } from '../../../shared/contract';
import { type OrganisationSettingsInput, readRuleSettings } from '../../../shared/settings';
import { done, type Result } from '../result';
import { ruleSettingsItem, signedInAsItem } from '../storage';
import type { ApiClient } from '../sync/api-client';
import { failed } from './shared';

/** The rule thresholds: the firm's, kept by the server, or this browser's while signed out. */
export function createSettings({ api, recompute }: { api: ApiClient; recompute: () => Promise<void> }) {
  return {
    /** The firm's thresholds, as the owner last set them; answers whether they changed here. */
    async pullRuleSettings(): Promise<boolean> {
      const organisation = await api.call(contract.organisation.get);
      if (!organisation.ok) return false;
      const next = readRuleSettings(organisation.value.settings);
      if (JSON.stringify(readRuleSettings(await ruleSettingsItem.getValue())) === JSON.stringify(next))
        return false;
      await ruleSettingsItem.setValue(next);
      return true;
    },

    /**
     * New thresholds from the options page. Signed in, they are the firm's: the server keeps them
     * (owners only) and every member's findings follow. Signed out, they apply in this browser.
     */
    async saveRuleSettings(settings: OrganisationSettingsInput): Promise<Result> {
      const who = await signedInAsItem.getValue();
      if (who?.state === 'signed-in') {
        const organisation = await api.call(contract.organisation.update, {
          body: { settings: readRuleSettings(settings) },
        });
        if (!organisation.ok) return failed(organisation.error);
        await ruleSettingsItem.setValue(readRuleSettings(organisation.value.settings));
      } else {
        await ruleSettingsItem.setValue(readRuleSettings(settings));
      }
      await recompute();
      return done();
    },

    /** Whether the firm asks owners and admins for a second factor, as the server says. */
    async getSecondFactorRequirement(): Promise<Result<boolean>> {
      const organisation = await api.call(contract.organisation.get);
      return organisation.ok
        ? done(organisation.value.settings.secondFactorRequired)
        : failed(organisation.error);
    },

    /** An owner turns the requirement on or off; answers it as the server now holds it. */
    async setSecondFactorRequirement(required: boolean): Promise<Result<boolean>> {
      const organisation = await api.call(contract.organisation.update, {
        body: { settings: { secondFactorRequired: required } },
      });
      return organisation.ok
        ? done(organisation.value.settings.secondFactorRequired)
        : failed(organisation.error);
    },
  };
}
