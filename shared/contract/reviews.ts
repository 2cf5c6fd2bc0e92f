import {
  campaignListSchema,
  campaignParamsSchema,
  campaignSchema,
  createCampaignSchema,
  decideItemSchema,
  evidenceQuerySchema,
  itemParamsSchema,
  listReviewItemsQuerySchema,
  reviewItemPageSchema,
  reviewItemSchema,
} from '../schemas/reviews';
import { EDITORS, READERS, REVIEWER_ROLES } from './access';
import { operations, problem } from './operation';

export const reviews = operations('Access reviews', {
  list: {
    method: 'get',
    path: '/api/v1/reviews',
    summary: 'Access-review campaigns, newest first, with progress per reviewer',
    roles: READERS,
    responses: { 200: { description: 'The campaigns', schema: campaignListSchema } },
  },
  create: {
    method: 'post',
    path: '/api/v1/reviews',
    summary: 'Start a campaign over the accounts of some or all systems, with reviewers and a due date',
    roles: EDITORS,
    body: createCampaignSchema,
    responses: {
      201: { description: 'The campaign', schema: campaignSchema },
      422: problem(
        'A reviewer or system that does not exist or cannot review, a past due date, nothing to review',
      ),
    },
  },
  get: {
    method: 'get',
    path: '/api/v1/reviews/:id',
    summary: 'One campaign and its progress',
    roles: READERS,
    params: campaignParamsSchema,
    responses: {
      200: { description: 'The campaign', schema: campaignSchema },
      404: problem('No such campaign'),
    },
  },
  listItems: {
    method: 'get',
    path: '/api/v1/reviews/:id/items',
    summary: 'A page of the items: each account with owner, job role, permissions, last sign-in, findings',
    roles: READERS,
    params: campaignParamsSchema,
    query: listReviewItemsQuerySchema,
    responses: {
      200: { description: 'A page of items', schema: reviewItemPageSchema },
      404: problem('No such campaign'),
    },
  },
  decide: {
    method: 'post',
    path: '/api/v1/reviews/:id/items/:itemId/decision',
    summary: 'Decide an item: keep, revoke, or change permissions (to which), with a comment',
    roles: REVIEWER_ROLES,
    params: itemParamsSchema,
    body: decideItemSchema,
    responses: {
      200: { description: 'The item as decided', schema: reviewItemSchema },
      403: problem('Not a reviewer of this campaign, or the account is your own'),
      404: problem('No such campaign or item'),
      409: problem('The campaign is closed'),
      422: problem('No comment, or permissions the system does not have'),
    },
  },
  close: {
    method: 'post',
    path: '/api/v1/reviews/:id/close',
    summary: 'Close: undecided items get the default decision, the campaign freezes, revokes become to-dos',
    roles: EDITORS,
    params: campaignParamsSchema,
    responses: {
      200: { description: 'The closed campaign', schema: campaignSchema },
      404: problem('No such campaign'),
      409: problem('Already closed'),
    },
  },
  evidence: {
    method: 'get',
    path: '/api/v1/reviews/:id/evidence',
    summary:
      'The evidence of a closed campaign: every item, decision, who and when, findings then (CSV or HTML)',
    roles: READERS,
    params: campaignParamsSchema,
    query: evidenceQuerySchema,
    responses: {
      200: { description: 'The evidence', contentType: 'text/csv or text/html' },
      404: problem('No such campaign'),
      409: problem('The campaign is still open'),
    },
  },
});
