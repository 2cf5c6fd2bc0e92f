import type { Finding, RuleId } from '../schemas/findings.ts';
import { SEVERITY_RANK } from '../schemas/findings.ts';
import { type OrganisationSettings, resolveSettings } from '../settings.ts';
import { buildContext } from './context.ts';
import { defaultAccountRule } from './default-account.ts';
import { dormantAccountRule } from './dormant-account.ts';
import { duplicateAccountsRule } from './duplicate-accounts.ts';
import { excessPermissionRule } from './excess-permission.ts';
import { genericUsernameRule } from './generic-username.ts';
import { leaverStillActiveRule } from './leaver-still-active.ts';
import { neverUsedRule } from './never-used.ts';
import { reviewOverdueRule } from './review-overdue.ts';
import { rotatePasswordRule } from './rotate-password.ts';
import { sharedLoginRule } from './shared-login.ts';
import { tooManyAdminsRule } from './too-many-admins.ts';
import type { OrganisationData, Rule } from './types.ts';
import { unownedAccountRule } from './unowned-account.ts';

/** Every rule, in the order of the product's rule table. A test checks each has tests and a tip. */
export const RULES: readonly Rule[] = [
  leaverStillActiveRule,
  sharedLoginRule,
  genericUsernameRule,
  defaultAccountRule,
  excessPermissionRule,
  unownedAccountRule,
  dormantAccountRule,
  neverUsedRule,
  duplicateAccountsRule,
  tooManyAdminsRule,
  reviewOverdueRule,
  rotatePasswordRule,
];

export const RULES_BY_ID: ReadonlyMap<RuleId, Rule> = new Map(RULES.map((r) => [r.id, r]));

/**
 * Every finding for one organisation's data at `now`, worst first. Pure: the same data, settings and
 * moment give the same findings with the same ids.
 */
export function evaluate(
  data: OrganisationData,
  settings: Partial<OrganisationSettings> | OrganisationSettings = {},
  now: number = Date.now(),
): Finding[] {
  const ctx = buildContext(data, resolveSettings(settings), now);
  const findings = RULES.flatMap((rule) => rule.evaluate(ctx));
  // Worst first; the sort is stable, so within a severity the order is the rules' table order and
  // the data's order, the same on every run.
  return findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}
