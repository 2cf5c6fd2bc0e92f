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
