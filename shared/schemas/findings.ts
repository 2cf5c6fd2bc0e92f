import { z } from 'zod';
import { RULE_IDS } from '../rules/rule-ids.ts';
import { idSchema, timestampSchema } from './directory.ts';
import { ruleFindingSchema, severitySchema } from './rule-finding.ts';

/**
 * A finding: one warning a rule in shared/rules raised about the organisation's data. Findings are
 * computed, not stored: the same data gives the same findings with the same ids, so a dismissal
 * (stored by finding id) sticks across runs, and lapses when the evidence fingerprint changes.
 */

export {
  type FindingSubject,
  findingSubjectSchema,
  SEVERITIES,
  SEVERITY_RANK,
  type Severity,
  severitySchema,
  type Tip,
  tipSchema,
} from './rule-finding.ts';

/** The rules' ids, from the rule registry. */
export const ruleIdSchema = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof ruleIdSchema>;

/** A finding of any registered rule (the fields are described in ./rule-finding.ts). */
export const findingSchema = ruleFindingSchema.extend({ ruleId: ruleIdSchema });
export type Finding = z.infer<typeof findingSchema>;

/** A member's decision to accept a finding's risk for a while, as the dismiss API stores it. */
export const findingDismissalSchema = z.object({
  findingId: z.string().max(200),
  /** The evidence fingerprint the member saw; new evidence brings the finding back. */
  fingerprint: z.string(),
  reason: z.string().min(1).max(1000),
  expiresAt: timestampSchema,
  dismissedAt: timestampSchema,
  dismissedBy: idSchema,
});
export type FindingDismissal = z.infer<typeof findingDismissalSchema>;

/** `POST /api/v1/findings/:id/dismiss` body. */
export const dismissFindingBodySchema = z.object({
  reason: z.string().trim().min(1).max(1000),
  expiresAt: timestampSchema,
});

/** `GET /api/v1/findings` query: every filter optional, repeated values allowed as a comma list. */
export const findingsQuerySchema = z.object({
  severity: severitySchema.optional(),
  rule: ruleIdSchema.optional(),
  system: idSchema.optional(),
  person: idSchema.optional(),
});
export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

/** What the rules looked at: the people in the directory, its systems and their logins (not deleted). */
export const checkedCountsSchema = z.object({
  people: z.number().int().nonnegative(),
  systems: z.number().int().nonnegative(),
  logins: z.number().int().nonnegative(),
});
export type CheckedCounts = z.infer<typeof checkedCountsSchema>;

/**
 * Why there is no health score yet: no staff in the directory, no system, or no login in any
 * system (a system whose user list was never read has not been checked).
 */
export const notCheckedReasonSchema = z.enum(['no-people', 'no-systems', 'no-logins']);
export type NotCheckedReason = z.infer<typeof notCheckedReasonSchema>;

export const findingsSummarySchema = z.object({
  counts: z.record(severitySchema, z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
  /**
   * 0..100, null until the firm has staff, a system and logins to check (`notChecked` says which is
   * missing). See healthScore in shared/rules/health.ts for the formula.
   */
  healthScore: z.number().int().min(0).max(100).nullable(),
  notChecked: notCheckedReasonSchema.nullable(),
  checked: checkedCountsSchema,
});
export type FindingsSummary = z.infer<typeof findingsSummarySchema>;
