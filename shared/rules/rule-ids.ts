/**
 * The rules' ids in the order of the product's rule table, as plain data: what the API's rule-id
 * enum (shared/schemas/findings.ts) is built from, so the contract, the popup and the console can
 * name rules without loading any rule's code or the username classifier's word lists. The
 * registry (./registry.ts) does not type-check unless its rules are exactly these, in this order.
 */
export const RULE_IDS = [
  'leaver-still-active',
  'shared-login',
  'used-by-non-owner',
  'generic-username',
  'default-account',
  'lookalike-username',
  'excess-permission',
  'unowned-account',
  'dormant-account',
  'never-used',
  'duplicate-accounts',
  'too-many-admins',
  'review-overdue',
  'rotate-password',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
