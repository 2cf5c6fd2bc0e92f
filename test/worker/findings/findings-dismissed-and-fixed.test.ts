import { beforeAll, describe, expect, it } from 'vitest';
import {
  dismissedFindingListSchema,
  findingListSchema,
  fixClaimListSchema,
  fixClaimSchema,
} from '../../../shared/schemas/findings-api';
import { addMember, authed, type SignedIn, signUp } from '../helpers';

/**
 * The firm's dismissed findings and "I fixed this": a claimed fix waits for the next captured user
 * list of its system, which confirms it or shows the finding still there.
 */
let owner: SignedIn;
let reviewer: SignedIn;
let auditor: SignedIn;
let paydesk: string;
let crm: string;

const DAY = 86_400_000;

async function post<T>(path: string, body: unknown, who: SignedIn = owner) {
  const response = await authed<T>(who, path, { method: 'POST', body });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function findings(who: SignedIn = owner) {
  return findingListSchema.parse((await authed(who, '/api/v1/findings')).body).findings;
}

async function findingOf(rule: string, username: string) {
  const found = (await findings()).find((f) => f.ruleId === rule && f.subject.label.includes(username));
  if (!found) throw new Error(`no ${rule} finding for ${username}`);
  return found;
}

async function claims(who: SignedIn = owner) {
  const response = await authed(who, '/api/v1/findings/fixes');
  expect(response.status).toBe(200);
  return fixClaimListSchema.parse(response.body).claims;
}

async function auditActions(action: string) {
  const response = await authed<{ events: { action: string; actorName: string; targetId: string }[] }>(
    owner,
    `/api/v1/audit?action=${action}`,
  );
  return response.body.events;
}

beforeAll(async () => {
  owner = await signUp({ organisationName: 'Harbour Lettings' });
  reviewer = await addMember(owner, 'reviewer', 'Rita Reviewer');
  auditor = await addMember(owner, 'auditor', 'Audrey Auditor');
  paydesk = (await post<{ id: string }>('/api/v1/systems', { name: 'PayDesk' })).id;
  crm = (await post<{ id: string }>('/api/v1/systems', { name: 'CRM' })).id;
  const rose = await post<{ id: string }>('/api/v1/people', {
    name: 'Rose Baker',
    email: 'rose@lettings.example',
  });
  const sam = await post<{ id: string }>('/api/v1/people', {
    name: 'Sam Jones',
    email: 'sam@lettings.example',
  });
  const recent = Date.now() - DAY;
  const account = (systemId: string, username: string, ownerPersonId?: string) =>
    post('/api/v1/accounts', { systemId, username, ownerPersonId, lastSignInAt: recent });
  await account(paydesk, 'rbaker', rose.id);
  await account(paydesk, 'sjones', sam.id);
  await account(paydesk, 'frontdesk');
  await account(crm, 'rose.baker', rose.id);
  await post(`/api/v1/people/${rose.id}/leave`, {
    endDate: new Date(Date.now() - DAY).toISOString().slice(0, 10),
    reason: 'Moved away',
  });
});

describe('GET /api/v1/findings/dismissed', () => {
  it('lists the firm’s dismissals for every role: who, when, why and the finding hidden; undo brings it back', async () => {
    const generic = await findingOf('generic-username', 'frontdesk');
    const expiresAt = Date.now() + 30 * DAY;
    await post(
      `/api/v1/findings/${generic.id}/dismiss`,
      { reason: 'The front desk PC is locked down', expiresAt },
      reviewer,
    );
    for (const who of [owner, reviewer, auditor]) {
      const response = await authed(who, '/api/v1/findings/dismissed');
      expect(response.status).toBe(200);
      const { dismissals } = dismissedFindingListSchema.parse(response.body);
      expect(dismissals).toEqual([
        expect.objectContaining({
          findingId: generic.id,
          reason: 'The front desk PC is locked down',
          expiresAt,
          dismissedBy: reviewer.member.id,
          dismissedByName: 'Rita Reviewer',
          title: generic.title,
        }),
      ]);
    }
    expect((await findings(auditor)).some((f) => f.id === generic.id)).toBe(false);

    const undone = await authed(owner, `/api/v1/findings/${generic.id}/dismiss`, { method: 'DELETE' });
    expect(undone.status).toBe(204);
    expect(
      dismissedFindingListSchema.parse((await authed(auditor, '/api/v1/findings/dismissed')).body),
    ).toEqual({
      dismissals: [],
    });
    expect((await findings(auditor)).some((f) => f.id === generic.id)).toBe(true);
    expect((await auditActions('finding.undismiss')).map((e) => e.targetId)).toEqual([generic.id]);
  });
});

describe('POST /api/v1/findings/:id/fixed', () => {
  it('is for owners and admins, and only for a finding open now', async () => {
    const leaver = await findingOf('leaver-still-active', 'rbaker');
    for (const who of [reviewer, auditor]) {
      const refused = await authed(who, `/api/v1/findings/${leaver.id}/fixed`, { method: 'POST' });
      expect(refused.status).toBe(403);
    }
    const unknown = await authed(owner, '/api/v1/findings/dormant-account:account:nobody/fixed', {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.response.headers.get('content-type')).toContain('application/problem+json');
    const malformed = await authed(owner, '/api/v1/findings/not-a-finding/fixed', { method: 'POST' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('params.id');
    expect(await claims()).toEqual([]);
  });

  it('waits for the next capture of the system, which shows the finding still there', async () => {
    const leaver = await findingOf('leaver-still-active', 'rbaker');
    const claimed = await post(`/api/v1/findings/${leaver.id}/fixed`, undefined);
    expect(fixClaimSchema.parse(claimed)).toMatchObject({
      findingId: leaver.id,
      title: leaver.title,
      systemId: paydesk,
      claimedBy: owner.member.id,
      status: 'waiting',
      checkedAt: null,
    });
    // Still waiting without a capture, and after a list read before the claim was made.
    expect((await claims(auditor)).map((c) => c.status)).toEqual(['waiting']);
    await post(`/api/v1/systems/${paydesk}/snapshots`, {
      rows: [{ username: 'rbaker' }, { username: 'sjones' }, { username: 'frontdesk' }],
      capturedAt: Date.now() - 60_000,
    });
    expect((await claims()).map((c) => c.status)).toEqual(['waiting']);

    // The list still shows rbaker active: the fix did not take.
    await post(`/api/v1/systems/${paydesk}/snapshots`, {
      rows: [{ username: 'rbaker' }, { username: 'sjones' }, { username: 'frontdesk' }],
    });
    const [claim] = await claims(auditor);
    expect(claim).toMatchObject({
      findingId: leaver.id,
      status: 'still-present',
      claimedByName: owner.member.name,
    });
    expect(claim?.evidence).toBe(leaver.evidence);
    expect(claim?.checkedAt).toBeGreaterThan(claim?.claimedAt ?? 0);
    expect((await auditActions('finding.fix_still_present')).map((e) => [e.targetId, e.actorName])).toEqual([
      [leaver.id, 'Rollcall fix check'],
    ]);
  });

  it('is confirmed by a capture without the finding; a claim on another system keeps waiting', async () => {
    const leaver = await findingOf('leaver-still-active', 'rbaker');
    const crmLeaver = await findingOf('leaver-still-active', 'rose.baker');
    await post(`/api/v1/findings/${leaver.id}/fixed`, undefined);
    await post(`/api/v1/findings/${crmLeaver.id}/fixed`, undefined);
    expect((await claims()).map((c) => [c.findingId, c.status])).toEqual([
      [crmLeaver.id, 'waiting'],
      [leaver.id, 'waiting'],
    ]);
    // rbaker is gone from PayDesk's list: removed there.
    await post(`/api/v1/systems/${paydesk}/snapshots`, {
      rows: [{ username: 'sjones' }, { username: 'frontdesk' }],
    });
    const after = await claims(reviewer);
    expect(after.find((c) => c.findingId === leaver.id)).toMatchObject({
      status: 'confirmed',
      evidence: null,
    });
    expect(after.find((c) => c.findingId === crmLeaver.id)).toMatchObject({ status: 'waiting' });
    expect((await findings()).some((f) => f.id === leaver.id)).toBe(false);
    expect((await auditActions('finding.fix_claim')).length).toBe(3);
    expect((await auditActions('finding.fix_confirmed')).map((e) => e.targetId)).toEqual([leaver.id]);
    expect((await authed(owner, '/api/v1/audit/verify')).body).toMatchObject({ intact: true });
  });
});
