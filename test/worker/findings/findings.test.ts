import { beforeAll, describe, expect, it } from 'vitest';
import { healthScore } from '../../../shared/rules';
import type { Finding } from '../../../shared/schemas/findings';
import { findingListSchema, findingsSummarySchema } from '../../../shared/schemas/findings-api';
import { addMember, authed, request, type SignedIn, signUp } from '../helpers';

/** The findings API over a small firm set up through the API itself, as the extension would. */
let owner: SignedIn;
let reviewer: SignedIn;
let auditor: SignedIn;
let systemId: string;
let rose: { id: string };
let leaverAccount: { id: string };

const DAY = 86_400_000;
const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);

async function post<T>(path: string, body: unknown, who: SignedIn = owner) {
  const response = await authed<T>(who, path, { method: 'POST', body });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function list(query = '', who: SignedIn = owner) {
  const response = await authed(who, `/api/v1/findings${query}`);
  expect(response.status).toBe(200);
  return findingListSchema.parse(response.body);
}

beforeAll(async () => {
  owner = await signUp({ organisationName: 'Harbour Conveyancing' });
  reviewer = await addMember(owner, 'reviewer', 'Rita Reviewer');
  auditor = await addMember(owner, 'auditor', 'Audrey Auditor');
  const system = await post<{ id: string }>('/api/v1/systems', {
    name: 'PayDesk',
    permissions: [{ name: 'payments.add' }, { name: 'refunds.process', privileged: true }],
  });
  systemId = system.id;
  rose = await post('/api/v1/people', { name: 'Rose Baker', email: 'rose@harbour.example' });
  const sam = await post<{ id: string }>('/api/v1/people', {
    name: 'Sam Jones',
    email: 'sam@harbour.example',
  });
  leaverAccount = await post('/api/v1/accounts', {
    systemId,
    username: 'rbaker',
    displayName: 'Rose Baker',
    ownerPersonId: rose.id,
    lastSignInAt: Date.now() - DAY,
  });
  await post('/api/v1/accounts', {
    systemId,
    username: 'sjones',
    displayName: 'Sam Jones',
    ownerPersonId: sam.id,
    lastSignInAt: Date.now() - DAY,
  });
  await post('/api/v1/accounts', { systemId, username: 'frontdesk', lastSignInAt: Date.now() - DAY });
  await post(`/api/v1/people/${rose.id}/leave`, { endDate: yesterday, reason: 'Moved away' });
});

describe('GET /api/v1/findings', () => {
  it('lists the findings of the directory, worst first, for every role', async () => {
    for (const who of [owner, reviewer, auditor]) {
      const { findings } = await list('', who);
      const leaver = findings[0] as Finding;
      expect(leaver).toMatchObject({ ruleId: 'leaver-still-active', severity: 'critical', systemId });
      expect(leaver.subject).toMatchObject({ type: 'account', id: leaverAccount.id });
      expect(leaver.title).toContain('rbaker');
      expect(
        findings.some((f) => f.ruleId === 'generic-username' && f.subject.label.includes('frontdesk')),
      ).toBe(true);
    }
  });

  it('filters by severity, rule, system and person', async () => {
    const critical = await list('?severity=critical');
    expect(critical.findings.map((f) => f.ruleId)).toEqual(['leaver-still-active']);
    const generic = await list('?rule=generic-username');
    expect(generic.findings.length).toBeGreaterThan(0);
    expect(generic.findings.every((f) => f.ruleId === 'generic-username')).toBe(true);
    expect((await list(`?system=${systemId}`)).findings.length).toBe((await list()).findings.length);
    expect((await list('?system=some-other-system')).findings).toEqual([]);
    const roses = await list(`?person=${rose.id}`);
    expect(roses.findings.length).toBeGreaterThan(0);
    expect(roses.findings.every((f) => f.personIds.includes(rose.id))).toBe(true);
  });

  it('refuses an unknown filter value or key, naming it', async () => {
    const bad = await authed(owner, '/api/v1/findings?severity=urgent');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('query.severity');
    const unknown = await authed(owner, '/api/v1/findings?colour=red');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('colour');
  });

  it('reads the organisation in the same few statements after a change, and a page of rows after that', async () => {
    const meter = async (who: SignedIn, query = '') => {
      const { response } = await authed(who, `/api/v1/findings${query}`, { headers: { 'x-d1-meter': '1' } });
      return {
        statements: Number(response.headers.get('x-d1-statements')),
        rowsRead: Number(response.headers.get('x-d1-rows-read')),
      };
    };
    const empty = await signUp();
    const recomputed = await meter(empty);
    expect(recomputed.statements).toBeGreaterThan(0);
    // The sign-in's batch (with the page read before it was known stale), the load, the scoped
    // recompute, its write, and the claimed fixes and the page again: a fixed number, whatever the size.
    expect(recomputed.statements).toBeLessThanOrEqual(23);
    const unchanged = await meter(empty);
    expect(unchanged.statements).toBeLessThan(recomputed.statements);
    expect((await meter(owner)).statements).toBe(unchanged.statements);
    const firstPage = await meter(owner, '?limit=1');
    const everything = await meter(owner);
    expect(firstPage.rowsRead).toBeLessThan(everything.rowsRead);
  });

  it("recomputes a login's change from its own rows, not by walking every login of the firm", async () => {
    const firm = await signUp({ organisationName: 'Wharf Accountants' });
    const desk = await post<{ id: string }>('/api/v1/systems', { name: 'LedgerDesk' }, firm);
    const books = await post<{ id: string }>('/api/v1/systems', { name: 'BookRoom' }, firm);
    const logins = 200;
    const rows = Array.from({ length: logins }, (_, i) => ({ username: `clerk${i}` }));
    expect(
      (await authed(firm, `/api/v1/systems/${books.id}/snapshots`, { method: 'POST', body: { rows } }))
        .status,
    ).toBe(200);
    const solo = await post<{ id: string }>(
      '/api/v1/accounts',
      { systemId: desk.id, username: 'solo' },
      firm,
    );
    await list('', firm);
    const change = await authed(firm, `/api/v1/accounts/${solo.id}`, {
      method: 'PATCH',
      body: { lastSignInAt: Date.now() },
    });
    expect(change.status).toBe(200);
    const { response } = await authed(firm, '/api/v1/findings?limit=1', { headers: { 'x-d1-meter': '1' } });
    expect(response.status).toBe(200);
    // The firm's live counts read every login once; the login's own findings need no other.
    expect(Number(response.headers.get('x-d1-rows-read'))).toBeLessThan(1.5 * logins);
  });

  it('pages the open findings worst first and counts them all', async () => {
    const all = await list();
    expect(all.total).toBe(all.findings.length);
    const second = await list('?limit=1&offset=1');
    expect(second.findings).toEqual(all.findings.slice(1, 2));
    expect(second.total).toBe(all.total);
  });

  it('shows a change at the next read', async () => {
    const firm = await signUp({ organisationName: 'Quay Lettings' });
    const desk = await post<{ id: string }>('/api/v1/systems', { name: 'LetDesk' }, firm);
    expect((await list('?rule=generic-username', firm)).total).toBe(0);
    await post('/api/v1/accounts', { systemId: desk.id, username: 'reception' }, firm);
    const after = await list('?rule=generic-username', firm);
    expect(after.total).toBe(1);
    expect(after.findings[0]?.subject.label).toContain('reception');
  });

  it('names a bad page size', async () => {
    const response = await authed(owner, '/api/v1/findings?limit=0');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('limit');
  });

  it('shows nothing of another organisation', async () => {
    const other = await signUp({ organisationName: 'Other Firm' });
    expect((await list('', other)).findings).toEqual([]);
    expect((await list(`?person=${rose.id}`, other)).findings).toEqual([]);
  });
});

describe('GET /api/v1/findings/summary', () => {
  async function summary(who: SignedIn) {
    const response = await authed(who, '/api/v1/findings/summary');
    expect(response.status).toBe(200);
    return findingsSummarySchema.parse(response.body);
  }

  it('counts open findings by severity, says what was checked, and scores them by the firm’s size', async () => {
    const { findings } = await list();
    const read = await summary(auditor);
    expect(read.total).toBe(findings.length);
    expect(read.counts.critical).toBe(1);
    expect(read.checked).toEqual({ people: 2, systems: 1, logins: 3 });
    expect(read.notChecked).toBeNull();
    expect(read.healthScore).toBe(healthScore(read.counts, read.checked));
    expect(read.healthScore).toBeLessThan(50);
  });

  it('is not checked yet for a new firm, and says what is missing until there is something to check', async () => {
    const firm = await signUp();
    expect(await summary(firm)).toEqual({
      counts: { critical: 0, high: 0, medium: 0, low: 0 },
      total: 0,
      healthScore: null,
      notChecked: 'no-people',
      checked: { people: 0, systems: 0, logins: 0 },
    });
    const person = await post<{ id: string }>('/api/v1/people', { name: 'Ola Berg' }, firm);
    expect(await summary(firm)).toMatchObject({ healthScore: null, notChecked: 'no-systems' });
    const system = await post<{ id: string }>('/api/v1/systems', { name: 'DocVault' }, firm);
    expect(await summary(firm)).toMatchObject({ healthScore: null, notChecked: 'no-logins' });
    await post(
      '/api/v1/accounts',
      { systemId: system.id, username: 'oberg', ownerPersonId: person.id, lastSignInAt: Date.now() - DAY },
      firm,
    );
    // One login, owned and in use: nothing wrong but the review the new system has not had yet.
    const checked = await summary(firm);
    expect(checked.notChecked).toBeNull();
    expect(checked.healthScore).toBe(healthScore(checked.counts, checked.checked));
  });

  it('is described in the OpenAPI document: the score may be null, with the reason why', async () => {
    type Schema = { properties: Record<string, { anyOf?: { type: string; enum?: string[] }[] }> };
    const document = (await (await request('/api/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } }
      >;
    };
    const schema = document.paths['/api/v1/findings/summary']?.get.responses['200']?.content[
      'application/json'
    ]?.schema as Schema;
    expect(schema.properties.healthScore?.anyOf?.map((option) => option.type)).toEqual(['integer', 'null']);
    expect(schema.properties.notChecked?.anyOf?.[0]?.enum).toEqual(['no-people', 'no-systems', 'no-logins']);
    expect(schema.properties.checked).toBeDefined();
  });

  it('rises as findings are fixed', async () => {
    const firm = await signUp();
    const system = await post<{ id: string }>('/api/v1/systems', { name: 'PayDesk' }, firm);
    const people = [];
    for (const name of ['Ann Lee', 'Bo Chan', 'Cy Diaz', 'Di Ekwe'])
      people.push(await post<{ id: string }>('/api/v1/people', { name }, firm));
    const dormant = [];
    for (const [index, person] of people.entries())
      dormant.push(
        await post<{ id: string }>(
          '/api/v1/accounts',
          {
            systemId: system.id,
            username: `user${index}`,
            ownerPersonId: person.id,
            lastSignInAt: Date.now() - 200 * DAY,
          },
          firm,
        ),
      );
    const scores = [(await summary(firm)).healthScore ?? 100];
    for (const account of dormant) {
      const disabled = await authed(firm, `/api/v1/accounts/${account.id}`, {
        method: 'PATCH',
        body: { status: 'disabled' },
      });
      expect(disabled.status).toBe(200);
      scores.push((await summary(firm)).healthScore ?? 100);
    }
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThan(scores[i - 1] ?? 100);
  });
});

describe('POST /api/v1/findings/:id/dismiss', () => {
  const leaverFindingId = () => `leaver-still-active:account:${leaverAccount.id}`;

  it('is refused to auditors, and needs a reason and an expiry within the year', async () => {
    const body = { reason: 'Handover week', expiresAt: Date.now() + 7 * DAY };
    expect(
      (await authed(auditor, `/api/v1/findings/${leaverFindingId()}/dismiss`, { method: 'POST', body }))
        .status,
    ).toBe(403);
    const noReason = await authed(owner, `/api/v1/findings/${leaverFindingId()}/dismiss`, {
      method: 'POST',
      body: { reason: '  ', expiresAt: Date.now() + DAY },
    });
    expect(noReason.status).toBe(422);
    expect(JSON.stringify(noReason.body)).toContain('body.reason');
    const past = await authed(owner, `/api/v1/findings/${leaverFindingId()}/dismiss`, {
      method: 'POST',
      body: { reason: 'Too late', expiresAt: Date.now() - DAY },
    });
    expect(past.status).toBe(422);
    expect(JSON.stringify(past.body)).toContain('body.expiresAt');
    const unknown = await authed(owner, '/api/v1/findings/dormant-account:account:nope/dismiss', {
      method: 'POST',
      body: { reason: 'x', expiresAt: Date.now() + DAY },
    });
    expect(unknown.status).toBe(404);
  });

  it('hides the finding, is audited, and the finding returns when its evidence changes', async () => {
    const before = await list();
    const dismissed = await authed(reviewer, `/api/v1/findings/${leaverFindingId()}/dismiss`, {
      method: 'POST',
      body: { reason: 'Handover week: Rose trains her successor', expiresAt: Date.now() + 7 * DAY },
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ findingId: leaverFindingId(), dismissedBy: reviewer.member.id });

    const after = await list();
    expect(after.findings.some((f) => f.id === leaverFindingId())).toBe(false);
    expect(after.findings.length).toBe(before.findings.length - 1);
    expect(after.dismissed).toBe(1);
    const summary = findingsSummarySchema.parse((await authed(owner, '/api/v1/findings/summary')).body);
    expect(summary.counts.critical).toBe(0);

    const audit = await authed<{ events: { action: string; targetId: string; actorName: string }[] }>(
      owner,
      '/api/v1/audit?action=finding.dismiss',
    );
    expect(audit.body.events[0]).toMatchObject({ targetId: leaverFindingId(), actorName: 'Rita Reviewer' });

    // New evidence: the end date moves. The dismissal was for the old facts, so the warning is back.
    const earlier = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    await authed(owner, `/api/v1/people/${rose.id}`, { method: 'PATCH', body: { endDate: earlier } });
    expect((await list()).findings.some((f) => f.id === leaverFindingId())).toBe(true);
  });
});

describe('DELETE /api/v1/findings/:id/dismiss', () => {
  it('takes a dismissal back: the finding is open again in the list and the summary, and it is audited', async () => {
    const generic = (await list('?rule=generic-username')).findings[0] as Finding;
    const counted = async () =>
      findingsSummarySchema.parse((await authed(owner, '/api/v1/findings/summary')).body).counts[
        generic.severity
      ];
    const before = { findings: (await list()).findings.length, counted: await counted() };
    const path = `/api/v1/findings/${generic.id}/dismiss`;
    await post(path, { reason: 'The front desk shares it on purpose', expiresAt: Date.now() + 7 * DAY });
    expect((await list()).findings.some((f) => f.id === generic.id)).toBe(false);
    expect(await counted()).toBe(before.counted - 1);

    expect((await authed(auditor, path, { method: 'DELETE' })).status).toBe(403);
    const undone = await authed(reviewer, path, { method: 'DELETE' });
    expect(undone.status).toBe(204);

    const after = await list();
    expect(after.findings.some((f) => f.id === generic.id)).toBe(true);
    expect(after.findings.length).toBe(before.findings);
    expect(await counted()).toBe(before.counted);
    const audit = await authed<{ events: { action: string; targetId: string; actorName: string }[] }>(
      owner,
      '/api/v1/audit?action=finding.undismiss',
    );
    expect(audit.body.events[0]).toMatchObject({ targetId: generic.id, actorName: 'Rita Reviewer' });
  });

  it('answers 404 when the finding has no dismissal in force', async () => {
    const generic = (await list('?rule=generic-username')).findings[0] as Finding;
    const path = `/api/v1/findings/${generic.id}/dismiss`;
    expect((await authed(owner, path, { method: 'DELETE' })).status).toBe(404);
    expect(
      (await authed(owner, '/api/v1/findings/dormant-account:account:nope/dismiss', { method: 'DELETE' }))
        .status,
    ).toBe(404);
  });
});
