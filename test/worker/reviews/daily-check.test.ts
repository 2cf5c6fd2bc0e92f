import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  campaignSchema,
  createdWebhookSchema,
  notificationListSchema,
  reviewItemPageSchema,
  webhookPayloadSchema,
} from '../../../shared/schemas/reviews';
import { runDailyCheck, SIGNATURE_HEADER, signBody } from '../../../worker/src/daily-check/daily-check';
import worker from '../../../worker/src/index';
import { authed, signUp } from '../helpers';
import { DAY, post, smallFirm } from './setup';

/** The daily check, run as workerd runs it: the worker's own `scheduled` handler. */
async function runScheduled(scheduledTime: number) {
  const controller = createScheduledController({ scheduledTime, cron: '15 6 * * *' });
  const ctx = createExecutionContext();
  // Each run logs one line of what it did (the operator's record in the worker's log).
  const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
  expect(logged.mock.calls.at(-1)?.[0]).toMatch(/^daily check: \d+ organisation\(s\), \d+ notification\(s\)/);
  logged.mockRestore();
}

let firm: Awaited<ReturnType<typeof smallFirm>>;
let secret: string;
let campaignId: string;
const posted: { url: string; headers: Headers; body: string }[] = [];

beforeAll(async () => {
  firm = await smallFirm();
  const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
  await post(firm.owner, `/api/v1/people/${firm.rose.id}/leave`, { endDate: yesterday, reason: 'Left' });
  const campaign = await post<{ id: string }>(firm.owner, '/api/v1/reviews', {
    name: 'CRM spot check',
    systemIds: [firm.crm.id],
    reviewerIds: [firm.rita.member.id],
    dueAt: Date.now() + DAY,
  });
  campaignId = campaign.id;
});

afterEach(() => vi.restoreAllMocks());

function captureWebhook(status = 200) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    posted.push({ url: request.url, headers: request.headers, body: await request.text() });
    return new Response('ok', { status });
  });
}

describe('the webhook setting', () => {
  it('is the owner’s alone, https only, and its secret is shown once', async () => {
    const body = { url: 'https://hooks.harbour.example/rollcall' };
    expect((await authed(firm.rita, '/api/v1/organisation/webhook', { method: 'PUT', body })).status).toBe(
      403,
    );
    for (const url of ['http://hooks.harbour.example/x', 'javascript:alert(1)', 'https://', 'not a url']) {
      const refused = await authed(firm.owner, '/api/v1/organisation/webhook', {
        method: 'PUT',
        body: { url },
      });
      expect(refused.status, url).toBe(422);
      expect(JSON.stringify(refused.body)).toContain('body.url');
    }
    const set = await authed(firm.owner, '/api/v1/organisation/webhook', { method: 'PUT', body });
    expect(set.status).toBe(200);
    secret = createdWebhookSchema.parse(set.body).secret;
    expect(secret.length).toBeGreaterThan(30);
    const read = await authed(firm.owner, '/api/v1/organisation/webhook');
    expect(read.body).toMatchObject({ webhook: { url: body.url } });
    expect(JSON.stringify(read.body)).not.toContain(secret);
    const audit = await authed(firm.owner, '/api/v1/audit?action=organisation.webhook_set');
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });
});

describe('the scheduled daily check', () => {
  it('records new critical and high findings and due reviews, and posts them signed', async () => {
    const spy = captureWebhook();
    await runScheduled(Date.now());
    expect(spy).toHaveBeenCalledTimes(1);
    const [sent] = posted;
    expect(sent?.url).toBe('https://hooks.harbour.example/rollcall');
    // The signature is HMAC-SHA256 over the exact bytes sent, under the secret shown at creation.
    expect(sent?.headers.get(SIGNATURE_HEADER)).toBe(`sha256=${await signBody(secret, sent?.body ?? '')}`);
    expect(sent?.headers.get(SIGNATURE_HEADER)).not.toBe(
      `sha256=${await signBody('wrong', sent?.body ?? '')}`,
    );
    const payload = webhookPayloadSchema.parse(JSON.parse(sent?.body ?? '{}'));
    expect(payload.organisationId).toBe(firm.owner.organisation.id);
    const titles = payload.notifications.map((n) => `${n.kind} ${n.severity} ${n.title}`);
    expect(titles).toContainEqual(expect.stringMatching(/^finding critical .*rbaker/));
    expect(titles).toContainEqual(expect.stringMatching(/^review-due medium .*CRM spot check/));
    expect(
      payload.notifications.every((n) => n.kind !== 'finding' || ['critical', 'high'].includes(n.severity)),
    ).toBe(true);

    const list = notificationListSchema.parse((await authed(firm.auditor, '/api/v1/notifications')).body);
    expect(list.unread).toBe(payload.notifications.length);
    expect(list.notifications).toHaveLength(payload.notifications.length);
  });

  it('sends nothing twice when run again the same day', async () => {
    const spy = captureWebhook();
    await runScheduled(Date.now() + 60_000);
    expect(spy).not.toHaveBeenCalled();
    // Even past the day's bookkeeping (a new day), the same findings are not notified again.
    await runScheduled(Date.now() + 0.5 * DAY);
    expect(spy).not.toHaveBeenCalled();
    const list = notificationListSchema.parse((await authed(firm.owner, '/api/v1/notifications')).body);
    expect(new Set(list.notifications.map((n) => n.title)).size).toBe(list.notifications.length);
  });

  it('marks notifications read for the badge', async () => {
    const before = notificationListSchema.parse((await authed(firm.owner, '/api/v1/notifications')).body);
    const first = before.notifications[0];
    const marked = await authed(firm.rita, '/api/v1/notifications/read', {
      method: 'POST',
      body: { ids: [first?.id] },
    });
    expect(marked.body).toEqual({ marked: 1 });
    expect(
      notificationListSchema.parse((await authed(firm.owner, '/api/v1/notifications')).body).unread,
    ).toBe(before.unread - 1);
    await authed(firm.owner, '/api/v1/notifications/read', { method: 'POST', body: { all: true } });
    const after = notificationListSchema.parse(
      (await authed(firm.owner, '/api/v1/notifications?unread=true')).body,
    );
    expect(after).toEqual({ notifications: [], unread: 0 });
  });

  it('closes a campaign at its due date with the default decisions, and says so once', async () => {
    const spy = captureWebhook();
    await runScheduled(Date.now() + 2 * DAY);
    const campaign = campaignSchema.parse((await authed(firm.owner, `/api/v1/reviews/${campaignId}`)).body);
    expect(campaign).toMatchObject({ status: 'closed', closedBy: null, progress: { remaining: 0 } });
    const items = reviewItemPageSchema.parse(
      (await authed(firm.owner, `/api/v1/reviews/${campaignId}/items`)).body,
    ).items;
    expect(items.map((i) => [i.username, i.decision, i.defaulted])).toEqual([['rose', 'revoke', true]]);
    const audit = await authed<{ events: { actorName: string; actorId: string | null }[] }>(
      firm.owner,
      '/api/v1/audit?action=review.close',
    );
    expect(audit.body.events[0]).toMatchObject({ actorName: 'Rollcall daily check', actorId: null });
    expect((await authed(firm.owner, '/api/v1/audit/verify')).body).toMatchObject({ intact: true });
    const payload = webhookPayloadSchema.parse(JSON.parse(posted.at(-1)?.body ?? '{}'));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(payload.notifications.map((n) => n.kind)).toContain('review-overdue');
  });

  it('retries a failed post on the next run, and only then', async () => {
    await post(firm.owner, '/api/v1/accounts', {
      systemId: firm.paydesk.id,
      username: 'admin',
      lastSignInAt: Date.now(),
    });
    let spy = captureWebhook(500);
    await runScheduled(Date.now() + 3 * DAY);
    expect(spy).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
    spy = captureWebhook(202);
    await runScheduled(Date.now() + 4 * DAY);
    expect(spy).toHaveBeenCalledTimes(1);
    const payload = webhookPayloadSchema.parse(JSON.parse(posted.at(-1)?.body ?? '{}'));
    expect(payload.notifications.some((n) => n.title.includes('"admin"') || n.title.includes('admin'))).toBe(
      true,
    );
    vi.restoreAllMocks();
    spy = captureWebhook(202);
    await runScheduled(Date.now() + 5 * DAY);
    expect(spy).not.toHaveBeenCalled();
  });

  it('checks each organisation once a day across runs that take a few organisations each', async () => {
    await signUp();
    await signUp();
    // 01:00 UTC ten days on: the runs, 15 minutes apart, all fall on one UTC day whatever time it is now.
    const day = Math.floor(Date.now() / DAY) * DAY + 10 * DAY + DAY / 24;
    const seen: string[] = [];
    for (let run = 0; run < 10; run++) {
      const checks = await runDailyCheck(env.DB, day + run * 900_000, {
        maxOrganisations: 2,
        fetcher: async () => new Response('ok'),
      });
      expect(checks.length).toBeLessThanOrEqual(2);
      if (checks.length === 0) break;
      seen.push(...checks.map((check) => check.orgId));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(firm.owner.organisation.id);
    expect(seen.length).toBeGreaterThanOrEqual(3);
  });
});
