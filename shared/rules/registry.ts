import { defaultAccountRule } from './default-account.ts';
import { dormantAccountRule } from './dormant-account.ts';
import { duplicateAccountsRule } from './duplicate-accounts.ts';
import { excessPermissionRule } from './excess-permission.ts';
import { genericUsernameRule } from './generic-username.ts';
import { leaverStillActiveRule } from './leaver-still-active.ts';
import { lookalikeUsernameRule } from './lookalike-username.ts';
import { neverUsedRule } from './never-used.ts';
import { reviewOverdueRule } from './review-overdue.ts';
import { rotatePasswordRule } from './rotate-password.ts';
import { RULE_IDS, type RuleId } from './rule-ids.ts';
import { sharedLoginRule } from './shared-login.ts';
import { tooManyAdminsRule } from './too-many-admins.ts';
import type { PageKind, RuleSetting, SettingsOf } from './types.ts';
import { unownedAccountRule } from './unowned-account.ts';
import { usedByNonOwnerRule } from './used-by-non-owner.ts';

/**
 * Every rule, in the order of the product's rule table: the one list of them. The rule-id enum,
 * the settings and their patch schema, the options page's thresholds and the in-page badge kinds,
 * labels and order are all derived from it. A test checks each rule has its tests and a tip.
 *
 * It imports no zod and not the classifier's word lists (the context brings those), so the
 * extension's pages can read it.
 */
export const RULES = [
  leaverStillActiveRule,
  sharedLoginRule,
  usedByNonOwnerRule,
  genericUsernameRule,
  defaultAccountRule,
  lookalikeUsernameRule,
  excessPermissionRule,
  unownedAccountRule,
  dormantAccountRule,
  neverUsedRule,
  duplicateAccountsRule,
  tooManyAdminsRule,
  reviewOverdueRule,
  rotatePasswordRule,
] as const;

/**
 * The revision of what the rules find: raise it when a rule, the classifier or its word lists find
 * differently on the same data. Stored findings are kept with the revision they were evaluated
 * under, and a set of another revision is recomputed whole on its next read, so a new build's
 * findings reach every firm, not only the logins that change. test/unit/rules/revision.test.ts
 * fails when the rules find differently on its reference logins and the revision stayed.
 */
export const RULES_REVISION = 5;

/** Any one of the registered rules: its `evaluate` takes the context evaluate() builds. */
export type RegisteredRule = (typeof RULES)[number];

/** The ids of some rules, position by position. */
type IdsOf<Rules extends readonly { id: string }[]> = { [I in keyof Rules]: Rules[I]['id'] };
// The plain list of ids and the rules name the same rules in the same order, or this does not
// type-check: both are tuples of literals, so each position must match.
RULE_IDS satisfies IdsOf<typeof RULES>;

/** The rule ids in table order, as the rule-id enum of the API takes them (./rule-ids.ts). */
export { RULE_IDS, type RuleId };

export type RuleSettingKey = NonNullable<RegisteredRule['setting']>['key'];
/** What the rules read from the organisation's settings: each rule's threshold and the firm's time zone. */
export type RuleSettings = SettingsOf<RuleSettingKey>;
/** The rules' thresholds, in table order. */
export const RULE_SETTINGS: readonly RuleSetting<RuleSettingKey>[] = RULES.flatMap((rule) =>
  rule.setting ? [rule.setting] : [],
);

export type PageWarningKind = NonNullable<RegisteredRule['pageKind']>['kind'];
/** The badge kinds of user lists, most urgent first (table order), with the rule each comes from. */
export const PAGE_KINDS: readonly (PageKind<PageWarningKind> & { ruleId: RuleId })[] = RULES.flatMap(
  (rule) => (rule.pageKind ? [{ ...rule.pageKind, ruleId: rule.id }] : []),
);
export const PAGE_KIND_IDS = PAGE_KINDS.map((k) => k.kind) as readonly PageWarningKind[] as readonly [
  PageWarningKind,
  ...PageWarningKind[],
];
