import { z } from 'zod';
import {
  dismissFindingBodySchema,
  findingDismissalSchema,
  findingSchema,
  findingsQuerySchema,
  findingsSummarySchema,
} from './findings';

/**
 * The findings API's request and answer shapes, strict on input (an unknown field or query key is
 * refused and named), built from the Finding schemas of ./findings so the two never disagree.
 */

export const findingsListQuerySchema = z.strictObject({
  ...findingsQuerySchema.shape,
  /** A page of at most this many findings; every open finding when left out. */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** How many open findings (worst first) to skip before the page. */
  offset: z.coerce.number().int().min(0).default(0),
});
export type FindingsListQuery = z.infer<typeof findingsListQuerySchema>;

/** A finding id is `rule:subjectType:subjectId[:key]`. */
export const findingIdParamsSchema = z.strictObject({
  id: findingSchema.shape.id
    .min(3)
    .regex(/^[a-z-]+:[a-z]+:/, 'a finding id such as dormant-account:account:…'),
});

export const dismissFindingSchema = z.strictObject(dismissFindingBodySchema.shape);
export type DismissFinding = z.infer<typeof dismissFindingSchema>;

export const findingListSchema = z.object({
  findings: z.array(findingSchema),
  /** Open findings matching the filters, in all pages. */
  total: z.number().int().nonnegative(),
  /** Open findings hidden by a dismissal still in force (not listed). */
  dismissed: z.number().int().nonnegative(),
});
export type FindingList = z.infer<typeof findingListSchema>;

export { findingDismissalSchema, findingsSummarySchema };

/** A dismissal in force, for the firm's list of accepted risks: who, when, why, until when. */
export const dismissedFindingSchema = findingDismissalSchema.extend({
  /** The member who dismissed it, by name (kept after they leave the firm). */
  dismissedByName: z.string(),
  /** The finding's one line, while the finding is still there to hide; null once it is gone. */
  title: z.string().nullable(),
});
export type DismissedFinding = z.infer<typeof dismissedFindingSchema>;

export const dismissedFindingListSchema = z.object({ dismissals: z.array(dismissedFindingSchema) });
export type DismissedFindingList = z.infer<typeof dismissedFindingListSchema>;

/**
 * A member's word that a finding is fixed, checked at the next capture of the system's user list:
 * `waiting` until then, `confirmed` when the finding was gone, `still-present` when it was not.
 */
export const fixClaimStatusSchema = z.enum(['waiting', 'confirmed', 'still-present']);
export type FixClaimStatus = z.infer<typeof fixClaimStatusSchema>;

export const fixClaimSchema = z.object({
  findingId: findingSchema.shape.id,
  title: z.string(),
  /** The system whose next captured user list checks the claim; null: the next capture of any system. */
  systemId: z.string().nullable(),
  claimedAt: z.number().int(),
  claimedBy: z.string(),
  claimedByName: z.string(),
  status: fixClaimStatusSchema,
  /** When the capture that settled it came in; null while waiting. */
  checkedAt: z.number().int().nullable(),
  /** What the rule still saw, when the finding was still present after the fix. */
  evidence: z.string().nullable(),
});
export type FixClaim = z.infer<typeof fixClaimSchema>;

export const fixClaimListSchema = z.object({ claims: z.array(fixClaimSchema) });
export type FixClaimList = z.infer<typeof fixClaimListSchema>;
