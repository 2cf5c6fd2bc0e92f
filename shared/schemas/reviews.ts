import { z } from 'zod';
import { idSchema, permissionNameSchema, timestampSchema } from './directory';
import { ruleIdSchema, severitySchema } from './findings';
import { singleLine } from './text';

/**
 * Access reviews (campaigns, items, decisions), their follow-up to-dos and leavers' offboarding
 * checklists, daily-check notifications and the webhook setting: the API's shapes.
 */

const limitSchema = z.coerce.number().int().min(1).max(500).default(100);
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

// ---------------------------------------------------------------- campaigns

export const reviewDecisionSchema = z.enum(['keep', 'revoke', 'change']);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;
/** What an item nobody decided by the due date becomes at closing; revoke is the safe default. */
export const defaultDecisionSchema = z.enum(['keep', 'revoke']);

export const createCampaignSchema = z.strictObject({
  name: singleLine(z.string().trim().min(1).max(200)),
  /** The systems to review; leave out for all of them. */
  systemIds: z.array(idSchema).min(1).max(200).optional(),
  /** Members with the reviewer role or above who decide. */
  reviewerIds: z.array(idSchema).min(1).max(50),
  dueAt: timestampSchema,
  defaultDecision: defaultDecisionSchema.default('revoke'),
});
export type CreateCampaign = z.infer<typeof createCampaignSchema>;

export const reviewerProgressSchema = z.object({
  memberId: idSchema,
  name: z.string(),
  decided: z.number().int().nonnegative(),
});

export const campaignSchema = z.object({
  id: idSchema,
  name: z.string(),
  systemIds: z.array(idSchema),
  reviewerIds: z.array(idSchema),
  dueAt: timestampSchema,
  defaultDecision: defaultDecisionSchema,
  status: z.enum(['open', 'closed']),
  createdBy: idSchema,
  createdAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
  /** Null when the daily check closed it at the due date. */
  closedBy: idSchema.nullable(),
  progress: z.object({
    total: z.number().int().nonnegative(),
    decided: z.number().int().nonnegative(),
    remaining: z.number().int().nonnegative(),
    byReviewer: z.array(reviewerProgressSchema),
  }),
});
export type Campaign = z.infer<typeof campaignSchema>;
export const campaignListSchema = z.object({ campaigns: z.array(campaignSchema) });

export const itemFindingSchema = z.object({
  id: z.string(),
  ruleId: ruleIdSchema,
  severity: severitySchema,
  title: z.string(),
});

export const reviewItemSchema = z.object({
  id: idSchema,
  campaignId: idSchema,
  accountId: idSchema,
  systemId: idSchema,
  systemName: z.string(),
  username: z.string(),
  displayName: z.string().nullable(),
  accountStatus: z.string(),
  owner: z.object({ personId: idSchema, name: z.string(), email: z.string().nullable() }).nullable(),
  jobRole: z.string().nullable(),
  permissions: z.array(z.string()),
  lastSignInAt: timestampSchema.nullable(),
  /** The open findings on the account when the campaign began. */
  findings: z.array(itemFindingSchema),
  decision: reviewDecisionSchema.nullable(),
  newPermissions: z.array(z.string()).nullable(),
  comment: z.string().nullable(),
  decidedBy: idSchema.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: timestampSchema.nullable(),
  /** The campaign's default, applied at closing because nobody decided. */
  defaulted: z.boolean(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewItemPageSchema = z.object({
  items: z.array(reviewItemSchema),
  nextCursor: z.string().nullable(),
});

export const listReviewItemsQuerySchema = z.strictObject({
  /** `true`: only items nobody has decided yet. */
  undecided: booleanQuery.optional(),
  systemId: idSchema.optional(),
  limit: limitSchema,
  /** The id of the last item of the previous page. */
  cursor: idSchema.optional(),
});
export type ListReviewItemsQuery = z.infer<typeof listReviewItemsQuerySchema>;

export const campaignParamsSchema = z.strictObject({ id: idSchema });
export const itemParamsSchema = z.strictObject({ id: idSchema, itemId: idSchema });

const comment = z.string().trim().max(1000);
/** Keep may go without a comment (the common case, decided fast); revoke and change say why. */
export const decideItemSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('keep'), comment: comment.default('') }),
  z.strictObject({ decision: z.literal('revoke'), comment: comment.min(1) }),
  z.strictObject({
    decision: z.literal('change'),
    /** The permissions the account should hold from now on. */
    permissions: z.array(permissionNameSchema).max(500),
    comment: comment.min(1),
  }),
]);
export type DecideItem = z.infer<typeof decideItemSchema>;

export const evidenceQuerySchema = z.strictObject({ format: z.enum(['csv', 'html']).default('csv') });

// ---------------------------------------------------------------- to-dos and checklists

export const todoActionSchema = z.enum(['remove', 'change-permissions', 'rotate-password']);
export const todoSchema = z.object({
  id: idSchema,
  source: z.enum(['review', 'leaver']),
  /** The campaign or the leaver (person) it comes from. */
  sourceId: idSchema,
  accountId: idSchema,
  systemId: idSchema,
  label: z.string(),
  action: todoActionSchema,
  targetPermissions: z.array(z.string()).nullable(),
  reason: z.string(),
  status: z.enum(['open', 'done']),
  createdAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
  /** A later captured user list showed it done, or the admin confirmed it. */
  closedVia: z.enum(['snapshot', 'confirmation']).nullable(),
  closedBy: z.string().nullable(),
  closedComment: z.string().nullable(),
});
export type Todo = z.infer<typeof todoSchema>;

export const listTodosQuerySchema = z.strictObject({
  status: z.enum(['open', 'done']).optional(),
  source: z.enum(['review', 'leaver']).optional(),
  limit: limitSchema,
  cursor: idSchema.optional(),
});
export const todoPageSchema = z.object({ items: z.array(todoSchema), nextCursor: z.string().nullable() });
export const todoParamsSchema = z.strictObject({ id: idSchema });
export const confirmTodoSchema = z.strictObject({ comment: z.string().trim().min(1).max(1000) });

export const checklistSchema = z.object({
  personId: idSchema,
  name: z.string(),
  endDate: z.string().nullable(),
  open: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  items: z.array(todoSchema),
});
export const checklistListSchema = z.object({ checklists: z.array(checklistSchema) });

// ---------------------------------------------------------------- notifications and webhook

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(['finding', 'review-due', 'review-overdue']),
  severity: z.string(),
  title: z.string(),
  detail: z.string(),
  subjectId: z.string(),
  day: z.string(),
  createdAt: timestampSchema,
  readAt: timestampSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const listNotificationsQuerySchema = z.strictObject({
  unread: booleanQuery.optional(),
  limit: limitSchema,
});
export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  /** For the badge. */
  unread: z.number().int().nonnegative(),
});
export const markReadSchema = z.union([
  z.strictObject({ ids: z.array(idSchema).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export const markReadResultSchema = z.object({ marked: z.number().int().nonnegative() });

/** The daily check posts only to https endpoints. */
export const webhookUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(2000);
export const setWebhookSchema = z.strictObject({ url: webhookUrlSchema });
export const webhookSchema = z.object({
  url: z.string(),
  createdAt: timestampSchema,
  lastStatus: z.number().int().nullable(),
  lastAttemptAt: timestampSchema.nullable(),
});
/** Answered once, when the webhook is set: the signing secret is never shown again. */
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() });
export const webhookStateSchema = z.object({ webhook: webhookSchema.nullable() });

/** The JSON body the daily check posts; the signature header covers these exact bytes. */
export const webhookPayloadSchema = z.object({
  organisationId: idSchema,
  day: z.string(),
  sentAt: timestampSchema,
  /** True on a test delivery an owner asked for, which carries no notifications. */
  test: z.literal(true).optional(),
  notifications: z.array(notificationSchema.omit({ readAt: true })),
});

/** What a test delivery to the webhook came to, in plain words. */
export const webhookTestResultSchema = z.object({
  delivered: z.boolean(),
  /** The receiver's HTTP status; null when it could not be reached or did not answer in time. */
  status: z.number().int().nullable(),
  ms: z.number().int().nonnegative(),
  message: z.string(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
