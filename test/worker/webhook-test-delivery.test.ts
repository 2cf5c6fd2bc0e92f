import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createdWebhookSchema,
  webhookPayloadSchema,
  webhookTestResultSchema,
} from '../../shared/schemas/reviews';
import { SIGNATURE_HEADER, signBody } from '../../worker/src/organisation/webhook-delivery';
import { addMember, authed, type SignedIn, signUp } from './helpers';

/** "Send a test": a signed test event posted to the firm's webhook at once, and what came of it. */
let owner: SignedIn;
let admin: SignedIn;
const URL = 'https://hooks.harbour.example/rollcall';

beforeAll(async () => {
  owner = await signUp({ organisationName: 'Harbour Audit' });
  admin = await addMember(owner, 'admin', 'Adam Admin');
});

afterEach(() => vi.restoreAllMocks());

const sendTest = (who: SignedIn = owner) =>
  authed(who, '/api/v1/organisation/webhook/test', { method: 'POST' });

/** The receiver: answers as told and keeps what it was sent. */
function receiver(answer: () => Promise<Response>) {
  const received: { url: string; headers: Headers; body: string }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    received.push({ url: request.url, headers: request.headers, body: await request.text() });
    return answer();
  });
  return received;
}

describe('POST /api/v1/organisation/webhook/test', () => {
  it('says there is no webhook to test until one is set', async () => {
    const response = await sendTest();
    expect(response.status).toBe(404);
    expect(response.response.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(response.body)).toContain('No webhook is set');
  });

  it('is the owner’s alone, as the webhook is', async () => {
    expect((await sendTest(admin)).status).toBe(403);
  });

  it('posts a test event signed as real deliveries are, and says it was delivered', async () => {
    const set = await authed(owner, '/api/v1/organisation/webhook', { method: 'PUT', body: { url: URL } });
    const { secret } = createdWebhookSchema.parse(set.body);
    const received = receiver(async () => new Response('ok'));
    const response = await sendTest();
    expect(response.status).toBe(200);
    const result = webhookTestResultSchema.parse(response.body);
    expect(result).toMatchObject({ delivered: true, status: 200 });
    expect(result.message).toMatch(/^Delivered: the receiver answered 200 in \d+ ms\.$/);

    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent?.url).toBe(URL);
    const body = sent?.body ?? '';
    expect(sent?.headers.get(SIGNATURE_HEADER)).toBe(`sha256=${await signBody(secret, body)}`);
    expect(webhookPayloadSchema.parse(JSON.parse(body))).toMatchObject({
      organisationId: owner.organisation.id,
      test: true,
      notifications: [],
    });
    const audit = await authed<{ events: { after: unknown }[] }>(
      owner,
      '/api/v1/audit?action=organisation.webhook_test',
    );
    expect(audit.body.events).toHaveLength(1);
    expect(audit.body.events[0]?.after).toMatchObject({ url: URL, status: 200, delivered: true });
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('says in plain words what went wrong: an error status, a redirect, no answer at all', async () => {
    receiver(async () => new Response('broken', { status: 500 }));
    expect(webhookTestResultSchema.parse((await sendTest()).body)).toMatchObject({
      delivered: false,
      status: 500,
      message: expect.stringMatching(/^Not delivered: the receiver answered 500 after \d+ ms\.$/),
    });
    vi.restoreAllMocks();

    receiver(
      async () => new Response(null, { status: 301, headers: { location: 'https://elsewhere.example/' } }),
    );
    expect(webhookTestResultSchema.parse((await sendTest()).body).message).toBe(
      'Not delivered: the receiver answered 301, a redirect to https://elsewhere.example/. Rollcall does not follow redirects: set the final address.',
    );
    vi.restoreAllMocks();

    receiver(async () => {
      throw new TypeError('Network connection lost.');
    });
    expect(webhookTestResultSchema.parse((await sendTest()).body)).toMatchObject({
      delivered: false,
      status: null,
      message: 'Not delivered: Network connection lost.',
    });
    const audit = await authed<{ events: unknown[] }>(
      owner,
      '/api/v1/audit?action=organisation.webhook_test',
    );
    expect(audit.body.events).toHaveLength(4);
  });
});
