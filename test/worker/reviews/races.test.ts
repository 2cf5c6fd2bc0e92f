import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type Campaign, type ReviewItem, reviewItemPageSchema } from '../../../shared/schemas/reviews';
import { authed } from '../helpers';
import { DAY, post, smallFirm } from './setup';

/**
 * Decisions and closing race each other: what a campaign's close records must be what it closed on,
 * and nothing may change a campaign once closed. Each is checked by the write, not by a read before.
 */

async function openCampaign(firm: Awaited<ReturnType<typeof smallFirm>>) {
  const campaign = await post<Campaign>(firm.owner, '/api/v1/reviews', {
    name: `Race ${crypto.randomUUID().slice(0, 6)}`,
    systemIds: [firm.paydesk.id],
    reviewerIds: [firm.rita.member.id, firm.ray.member.id],
    dueAt: Date.now() + 7 * DAY,
  });
  const items = reviewItemPageSchema.parse(
    (await authed(firm.owner, `/api/v1/reviews/${campaign.id}/items`)).body,
  ).items;
  return { campaign, items };
}

async function closeEvents(orgId: string, campaignId: string) {
  const rows = await env.DB.prepare(
    "SELECT after FROM audit_events WHERE org_id = ? AND action = 'review.close' AND target_id = ?",
  )
    .bind(orgId, campaignId)
    .all<{ after: string }>();
  return rows.results.map((row) => JSON.parse(row.after) as Record<string, number>);
}

describe('a campaign closed while decisions arrive', () => {
  it('closes once: two closes at the same moment record one close', { timeout: 30_000 }, async () => {
    const firm = await smallFirm();
    const { campaign } = await openCampaign(firm);
    const answers = await Promise.all(
      [0, 1, 2].map(() => authed(firm.owner, `/api/v1/reviews/${campaign.id}/close`, { method: 'POST' })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    expect(await closeEvents(firm.owner.organisation.id, campaign.id)).toHaveLength(1);

    // Its to-dos are confirmed once too, however many admins press Confirm at once.
    const todos = await authed<{ items: { id: string }[] }>(firm.owner, '/api/v1/todos?status=open');
    const todo = todos.body.items[0];
    if (!todo) throw new Error('the close made no to-do');
    const confirmations = await Promise.all(
      [0, 1, 2].map((i) =>
        authed(firm.owner, `/api/v1/todos/${todo.id}/confirm`, {
          method: 'POST',
          body: { comment: `Removed in PayDesk (${i})` },
        }),
      ),
    );
    expect(confirmations.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    const events = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE action = 'todo.confirm' AND target_id = ?",
    )
      .bind(todo.id)
      .first<{ n: number }>();
    expect(events?.n).toBe(1);
  });

  it('takes no decision after closing, and its close event counts the decisions it closed on', {
    timeout: 30_000,
  }, async () => {
    const firm = await smallFirm();
    const { campaign, items } = await openCampaign(firm);
    // Ray decides every item he may (not his own: he has none) again and again while the owner closes.
    const decisions = items.flatMap((item) =>
      [0, 1].map(() =>
        authed<ReviewItem>(firm.ray, `/api/v1/reviews/${campaign.id}/items/${item.id}/decision`, {
          method: 'POST',
          body: { decision: 'keep' },
        }),
      ),
    );
    const [closed, ...decided] = await Promise.all([
      authed(firm.owner, `/api/v1/reviews/${campaign.id}/close`, { method: 'POST' }),
      ...decisions,
    ]);
    expect(closed.status).toBe(200);
    for (const answer of decided) expect([200, 409]).toContain(answer.status);

    const final = reviewItemPageSchema.parse(
      (await authed(firm.owner, `/api/v1/reviews/${campaign.id}/items`)).body,
    ).items;
    const [event] = await closeEvents(firm.owner.organisation.id, campaign.id);
    const count = (decision: string) => final.filter((item) => item.decision === decision).length;
    expect(event).toMatchObject({ keep: count('keep'), revoke: count('revoke'), change: count('change') });
    expect(event?.defaulted).toBe(final.filter((item) => item.defaulted).length);
    // Nothing was decided after the close.
    const closedAt = Number(event?.closedAt);
    for (const item of final) expect(item.decidedAt ?? 0).toBeLessThanOrEqual(closedAt);
  });
});

describe('two reviewers deciding one item at the same moment', () => {
  it('records each decision with the decision it replaced, in order', { timeout: 30_000 }, async () => {
    const firm = await smallFirm();
    const { campaign, items } = await openCampaign(firm);
    const target = items.find((item) => item.username === 'sjones');
    if (!target) throw new Error('no sjones item');
    const answers = await Promise.all(
      (['keep', 'revoke', 'keep', 'revoke'] as const).map((decision, i) =>
        authed<ReviewItem>(
          i % 2 ? firm.ray : firm.rita,
          `/api/v1/reviews/${campaign.id}/items/${target.id}/decision`,
          { method: 'POST', body: { decision, comment: `reason ${i}` } },
        ),
      ),
    );
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const events = await env.DB.prepare(
      `SELECT before, after FROM audit_events WHERE org_id = ? AND action = 'review.decide' AND target_id = ?
        ORDER BY seq`,
    )
      .bind(firm.owner.organisation.id, target.id)
      .all<{ before: string | null; after: string }>();
    // Each event's "before" is the previous event's decision: the trail tells the item's history.
    let previous: string | null = null;
    for (const event of events.results) {
      const before = (JSON.parse(event.before ?? 'null') as { comment: string } | null)?.comment ?? null;
      expect(before).toBe(previous);
      previous = (JSON.parse(event.after) as { comment: string }).comment;
    }
    expect(events.results).toHaveLength(answers.filter((answer) => answer.status === 200).length);
  });
});
