import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
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
} from '../../../shared/schemas/reviews';
import type { AppEnv } from '../app-env';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { members, systems } from '../db/schema';
import { asBatchItem, inJson } from '../db/versions';
import { ProblemError } from '../http/problem';
import { routeGroup } from '../http/route';
import {
  allItems,
  findCampaignRow,
  getCampaign,
  listCampaigns,
  listItems,
  planCampaign,
  planClose,
  planDecision,
  REVIEWER_ROLES,
  toReviewItem,
} from '../reviews/campaigns';
import { evidenceCsv, evidenceHtml } from '../reviews/evidence';
import { CSV_CONTENT_TYPE, EDITORS, problem, READERS } from './directory-access';

const api = routeGroup('/api/v1/reviews', 'Access reviews');

/**
 * Owners and admins run campaigns (start, close); the reviewers named on a campaign decide its
 * items; everyone reads progress and takes the evidence away (auditors above all).
 */
export const reviewsApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'Access-review campaigns, newest first, with progress per reviewer',
      roles: READERS,
      responses: { 200: { description: 'The campaigns', schema: campaignListSchema } },
    }),
    async (c) => c.json({ campaigns: await listCampaigns(database(c.env.DB), c.get('member').orgId) }),
  )
  .post(
    '/',
    api.route({
      method: 'post',
      path: '/',
      summary: 'Start a campaign over the accounts of some or all systems, with reviewers and a due date',
      roles: EDITORS,
      body: createCampaignSchema,
      responses: {
        201: { description: 'The campaign', schema: campaignSchema },
        422: problem(
          'A reviewer or system that does not exist or cannot review, a past due date, nothing to review',
        ),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const member = c.get('member');
      const input = c.req.valid('json');
      const { campaign, itemCount, statements } = await planCampaign(
        db,
        member.orgId,
        member.id,
        input,
        Date.now(),
      );
      await writeAudited(db, memberActor(c), statements.map(asBatchItem), [
        {
          action: 'review.create',
          targetType: 'review',
          targetId: campaign.id,
          after: {
            name: campaign.name,
            systemIds: campaign.systemIds,
            reviewerIds: campaign.reviewerIds,
            dueAt: campaign.dueAt,
            defaultDecision: campaign.defaultDecision,
            items: itemCount,
          },
        },
      ]);
      return c.json(await getCampaign(db, member.orgId, campaign.id), 201);
    },
  )
  .get(
    '/:id',
    api.route({
      method: 'get',
      path: '/:id',
      summary: 'One campaign and its progress',
      roles: READERS,
      params: campaignParamsSchema,
      responses: {
        200: { description: 'The campaign', schema: campaignSchema },
        404: problem('No such campaign'),
      },
    }),
    async (c) =>
      c.json(await getCampaign(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  )
  .get(
    '/:id/items',
    api.route({
      method: 'get',
      path: '/:id/items',
      summary: 'A page of the items: each account with owner, job role, permissions, last sign-in, findings',
      roles: READERS,
      params: campaignParamsSchema,
      query: listReviewItemsQuerySchema,
      responses: {
        200: { description: 'A page of items', schema: reviewItemPageSchema },
        404: problem('No such campaign'),
      },
    }),
    async (c) =>
      c.json(
        await listItems(
          database(c.env.DB),
          c.get('member').orgId,
          c.req.valid('param').id,
          c.req.valid('query'),
        ),
      ),
  )
  .post(
    '/:id/items/:itemId/decision',
    api.route({
      method: 'post',
      path: '/:id/items/:itemId/decision',
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
    }),
    async (c) => {
      const db = database(c.env.DB);
      const member = c.get('member');
      const { id, itemId } = c.req.valid('param');
      const { item, before, set, statement } = await planDecision(
        db,
        member,
        id,
        itemId,
        c.req.valid('json'),
        Date.now(),
      );
      const [rows] = await writeAudited(
        db,
        memberActor(c),
        [statement],
        [
          {
            action: 'review.decide',
            targetType: 'review_item',
            targetId: itemId,
            before,
            after: {
              campaignId: id,
              account: `${item.username} in ${item.systemName}`,
              decision: set.decision,
              newPermissions: set.newPermissions,
              comment: set.comment,
            },
          },
        ],
      );
      const row = rows[0];
      if (!row) throw new ProblemError(404, 'No such item in this campaign.');
      return c.json(toReviewItem(row));
    },
  )
  .post(
    '/:id/close',
    api.route({
      method: 'post',
      path: '/:id/close',
      summary: 'Close: undecided items get the default decision, the campaign freezes, revokes become to-dos',
      roles: EDITORS,
      params: campaignParamsSchema,
      responses: {
        200: { description: 'The closed campaign', schema: campaignSchema },
        404: problem('No such campaign'),
        409: problem('Already closed'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const member = c.get('member');
      const campaign = await findCampaignRow(db, member.orgId, c.req.valid('param').id);
      const now = Date.now();
      const { statements, summary } = await planClose(
        db,
        campaign,
        { memberId: member.id, name: member.name },
        now,
      );
      await writeAudited(db, memberActor(c), statements.map(asBatchItem), [
        {
          action: 'review.close',
          targetType: 'review',
          targetId: campaign.id,
          after: { ...summary, closedAt: now },
        },
      ]);
      return c.json(await getCampaign(db, member.orgId, campaign.id));
    },
  )
  .get(
    '/:id/evidence',
    api.route({
      method: 'get',
      path: '/:id/evidence',
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
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { orgId } = c.get('member');
      const campaign = await findCampaignRow(db, orgId, c.req.valid('param').id);
      if (campaign.status !== 'closed') {
        throw new ProblemError(409, 'The evidence is produced when the campaign closes.');
      }
      const items = await allItems(db, campaign.id);
      const file = `access-review-${campaign.createdAt}`;
      if (c.req.valid('query').format === 'csv') {
        return c.body(evidenceCsv(items), 200, {
          'content-type': CSV_CONTENT_TYPE,
          'content-disposition': `attachment; filename="${file}.csv"`,
        });
      }
      const [systemRows, memberRows] = await db.batch([
        db
          .select({ id: systems.id, name: systems.name })
          .from(systems)
          .where(and(eq(systems.orgId, orgId), inJson(systems.id, campaign.systemIds))),
        db
          .select({ id: members.id, name: members.name })
          .from(members)
          .where(and(eq(members.orgId, orgId), inJson(members.id, campaign.reviewerIds))),
      ]);
      const html = evidenceHtml(campaign, items, {
        systems: new Map(systemRows.map((row) => [row.id, row.name])),
        members: new Map(memberRows.map((row) => [row.id, row])),
      });
      return c.body(html, 200, {
        'content-type': 'text/html; charset=utf-8',
        // A report of typed text: no scripts, no outside resources, whatever a value holds.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'content-disposition': `inline; filename="${file}.html"`,
      });
    },
  );
