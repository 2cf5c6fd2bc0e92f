import { contract } from '../../../shared/contract';
import { latestCheckpoint } from '../audit/queries';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { asBatchItem, isGuardFailure } from '../db/versions';
import { CSV_CONTENT_TYPE } from '../http/content-types';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';
import {
  allItems,
  closeCampaign,
  decisionRefusal,
  findCampaignRow,
  getCampaign,
  listCampaigns,
  listItems,
  planCampaign,
  planDecision,
  toReviewItem,
} from '../reviews/campaigns';
import { evidenceCsv, evidenceHtml, evidenceNames } from '../reviews/evidence';

/**
 * Owners and admins run campaigns (start, close); the reviewers named on a campaign decide its
 * items; everyone reads progress and takes the evidence away (auditors above all).
 */
export const reviewsRoutes = handlers(contract.reviews, {
  list: async (c) => c.json({ campaigns: await listCampaigns(database(c.env.DB), c.get('member').orgId) }),
  create: async (c) => {
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
  get: async (c) =>
    c.json(await getCampaign(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  listItems: async (c) =>
    c.json(
      await listItems(
        database(c.env.DB),
        c.get('member').orgId,
        c.req.valid('param').id,
        c.req.valid('query'),
      ),
    ),
  decide: async (c) => {
    const db = database(c.env.DB);
    const member = c.get('member');
    const { id, itemId } = c.req.valid('param');
    const { item, before, set, statements } = await planDecision(
      db,
      member,
      id,
      itemId,
      c.req.valid('json'),
      Date.now(),
    );
    let rows: Awaited<(typeof statements)[0]>;
    try {
      [rows] = await writeAudited(db, memberActor(c), statements, [
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
      ]);
    } catch (error) {
      if (!isGuardFailure(error)) throw error;
      throw await decisionRefusal(db, member.orgId, id);
    }
    const row = rows[0];
    if (!row) throw new ProblemError(404, 'No such item in this campaign.');
    return c.json(toReviewItem(row));
  },
  close: async (c) => {
    const db = database(c.env.DB);
    const member = c.get('member');
    const campaign = await findCampaignRow(db, member.orgId, c.req.valid('param').id);
    const closed = await closeCampaign(
      db,
      memberActor(c),
      campaign,
      { memberId: member.id, name: member.name },
      Date.now(),
    );
    if (!closed) throw new ProblemError(409, 'The campaign is already closed.');
    return c.json(await getCampaign(db, member.orgId, campaign.id));
  },
  evidence: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const campaign = await findCampaignRow(db, orgId, c.req.valid('param').id);
    if (campaign.status !== 'closed') {
      throw new ProblemError(409, 'The evidence is produced when the campaign closes.');
    }
    const items = await allItems(db, campaign.id);
    const checkpoint = await latestCheckpoint(db, orgId);
    const file = `access-review-${campaign.createdAt}`;
    if (c.req.valid('query').format === 'csv') {
      return c.body(evidenceCsv(items, checkpoint), 200, {
        'content-type': CSV_CONTENT_TYPE,
        'content-disposition': `attachment; filename="${file}.csv"`,
      });
    }
    const html = evidenceHtml(campaign, items, await evidenceNames(db, orgId, campaign), checkpoint);
    return c.body(html, 200, {
      'content-type': 'text/html; charset=utf-8',
      // A report of typed text: no scripts, no outside resources, whatever a value holds.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'content-disposition': `inline; filename="${file}.html"`,
    });
  },
});
