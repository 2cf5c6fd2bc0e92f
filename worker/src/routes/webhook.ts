import { contract } from '../../../shared/contract';
import type { WebhookPayload, WebhookTestResult } from '../../../shared/schemas/reviews';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';
import { removeWebhookStatement, setWebhookStatement, webhookOf } from '../organisation/organisation-queries';
import { deliverToWebhook, type WebhookDelivery } from '../organisation/webhook-delivery';

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '')}`;
}

/** What a delivery came to, for the owner who asked for it. */
function describeDelivery({ status, ms, error, location }: WebhookDelivery): WebhookTestResult {
  const delivered = status >= 200 && status < 300;
  const message = delivered
    ? `Delivered: the receiver answered ${status} in ${ms} ms.`
    : status === 0
      ? `Not delivered: ${(error ?? 'the receiver could not be reached').replace(/\.$/, '')}.`
      : status >= 300 && status < 400
        ? `Not delivered: the receiver answered ${status}, a redirect${location ? ` to ${location}` : ''}. Rollcall does not follow redirects: set the final address.`
        : `Not delivered: the receiver answered ${status} after ${ms} ms.`;
  return { delivered, status: status === 0 ? null : status, ms, message };
}

export const webhookRoutes = handlers(contract.webhook, {
  get: async (c) => {
    const row = await webhookOf(database(c.env.DB), c.get('member').orgId);
    if (!row) return c.json({ webhook: null });
    const { secret: _, orgId: __, ...webhook } = row;
    return c.json({ webhook });
  },
  set: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const { url } = c.req.valid('json');
    const row = {
      orgId,
      url,
      secret: randomSecret(),
      createdAt: Date.now(),
      lastStatus: null,
      lastAttemptAt: null,
    };
    await writeAudited(
      db,
      memberActor(c),
      [setWebhookStatement(db, row)],
      [{ action: 'organisation.webhook_set', targetType: 'organisation', targetId: orgId, after: { url } }],
    );
    const { orgId: _, ...answer } = row;
    return c.json(answer);
  },
  remove: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const row = await webhookOf(db, orgId);
    if (!row) throw new ProblemError(404, 'No webhook is set.');
    await writeAudited(
      db,
      memberActor(c),
      [removeWebhookStatement(db, orgId)],
      [
        {
          action: 'organisation.webhook_remove',
          targetType: 'organisation',
          targetId: orgId,
          before: { url: row.url },
        },
      ],
    );
    return c.body(null, 204);
  },
  test: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const hook = await webhookOf(db, orgId);
    if (!hook) throw new ProblemError(404, 'No webhook is set: set its URL first.');
    const now = Date.now();
    const payload: WebhookPayload = {
      organisationId: orgId,
      day: new Date(now).toISOString().slice(0, 10),
      sentAt: now,
      test: true,
      notifications: [],
    };
    const result = describeDelivery(await deliverToWebhook(hook, JSON.stringify(payload), now));
    await writeAudited(
      db,
      memberActor(c),
      [],
      [
        {
          action: 'organisation.webhook_test',
          targetType: 'organisation',
          targetId: orgId,
          after: { url: hook.url, status: result.status, ms: result.ms, delivered: result.delivered },
        },
      ],
    );
    return c.json(result);
  },
});
