import { beforeAll, describe, expect, it } from 'vitest';
import { auditSigningKeySchema } from '../../../shared/audit/checkpoint';
import { verifyExport } from '../../../shared/audit/verify-export';
import { parseCsv } from '../../../shared/csv';
import {
  type Campaign,
  campaignSchema,
  checklistListSchema,
  type ReviewItem,
  reviewItemPageSchema,
  todoPageSchema,
} from '../../../shared/schemas/reviews';
import { authed, request } from '../helpers';
import { DAY, post, smallFirm } from './setup';

const signingKey = async () =>
  auditSigningKeySchema.parse(await (await request('/api/v1/audit/signing-key')).json());

let firm: Awaited<ReturnType<typeof smallFirm>>;
let campaign: Campaign;
let items: ReviewItem[];

const item = (username: string) => {
  const found = items.find((candidate) => candidate.username === username);
  if (!found) throw new Error(`no item ${username}`);
  return found;
};
const decide = (who: typeof firm.owner, username: string, body: unknown) =>
  authed<ReviewItem>(who, `/api/v1/reviews/${campaign.id}/items/${item(username).id}/decision`, {
    method: 'POST',
    body,
  });

beforeAll(async () => {
  firm = await smallFirm();
});

describe('starting a campaign', () => {
  it('refuses reviewers who cannot review, unknown systems and a past due date, naming the field', async () => {
    const base = { name: 'Q4 review', reviewerIds: [firm.rita.member.id], dueAt: Date.now() + 7 * DAY };
    const cases: [unknown, string][] = [
      [{ ...base, reviewerIds: [firm.auditor.member.id] }, 'body.reviewerIds.0'],
      [{ ...base, reviewerIds: ['nobody'] }, 'body.reviewerIds.0'],
      [{ ...base, systemIds: ['no-such-system'] }, 'body.systemIds.0'],
      [{ ...base, dueAt: Date.now() - DAY }, 'body.dueAt'],
      [{ ...base, defaultDecision: 'maybe' }, 'body.defaultDecision'],
    ];
    for (const [body, field] of cases) {
      const response = await authed(firm.owner, '/api/v1/reviews', { method: 'POST', body });
      expect(response.status, field).toBe(422);
      expect(JSON.stringify(response.body)).toContain(field);
    }
    expect((await authed(firm.rita, '/api/v1/reviews', { method: 'POST', body: base })).status).toBe(403);
  });

  it('makes one item per account in scope, with owner, job role, permissions, last sign-in and findings', async () => {
    const response = await authed(firm.owner, '/api/v1/reviews', {
      method: 'POST',
      body: {
        name: 'PayDesk Q4',
        systemIds: [firm.paydesk.id],
        reviewerIds: [firm.rita.member.id, firm.ray.member.id],
        dueAt: Date.now() + 7 * DAY,
      },
    });
    expect(response.status).toBe(201);
    campaign = campaignSchema.parse(response.body);
    expect(campaign).toMatchObject({
      status: 'open',
      defaultDecision: 'revoke',
      systemIds: [firm.paydesk.id],
    });
    expect(campaign.progress).toMatchObject({ total: 4, decided: 0, remaining: 4 });
    const page = reviewItemPageSchema.parse(
      (await authed(firm.auditor, `/api/v1/reviews/${campaign.id}/items`)).body,
    );
    items = page.items;
    expect(items.map((i) => i.username)).toEqual(['frontdesk', 'rbaker', 'rita.r', 'sjones']);
    expect(item('rbaker')).toMatchObject({
      systemName: 'PayDesk',
      owner: { personId: firm.rose.id, name: 'Rose Baker' },
      jobRole: 'Booking clerk',
      permissions: ['payments.add', 'refunds.process'],
      decision: null,
    });
    expect(item('rbaker').lastSignInAt).toBeGreaterThan(Date.now() - 2 * DAY);
    expect(item('rbaker').findings.map((f) => f.ruleId)).toContain('excess-permission');
    expect(item('frontdesk').findings.map((f) => f.ruleId)).toContain('shared-login');
  });

  it('pages the items with a cursor and filters the undecided', async () => {
    const first = reviewItemPageSchema.parse(
      (await authed(firm.owner, `/api/v1/reviews/${campaign.id}/items?limit=3`)).body,
    );
    expect(first.items).toHaveLength(3);
    const second = reviewItemPageSchema.parse(
      (await authed(firm.owner, `/api/v1/reviews/${campaign.id}/items?limit=3&cursor=${first.nextCursor}`))
        .body,
    );
    expect(second.items.map((i) => i.username)).toEqual(['sjones']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('deciding', () => {
  it('records keep, revoke and change with comments, audited, with progress per reviewer', async () => {
    const kept = await decide(firm.rita, 'sjones', { decision: 'keep' });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({
      decision: 'keep',
      decidedBy: firm.rita.member.id,
      decidedByName: 'Rita Reviewer',
    });
    const changed = await decide(firm.rita, 'rbaker', {
      decision: 'change',
      permissions: ['payments.add'],
      comment: 'Refunds are for the office manager only',
    });
    expect(changed.body).toMatchObject({ decision: 'change', newPermissions: ['payments.add'] });
    const progress = campaignSchema.parse(
      (await authed(firm.owner, `/api/v1/reviews/${campaign.id}`)).body,
    ).progress;
    expect(progress).toMatchObject({ total: 4, decided: 2, remaining: 2 });
    expect(progress.byReviewer).toEqual([
      { memberId: firm.rita.member.id, name: 'Rita Reviewer', decided: 2 },
      { memberId: firm.ray.member.id, name: 'Ray Reviewer', decided: 0 },
    ]);
    const audit = await authed<{ events: { action: string; actorName: string; after: unknown }[] }>(
      firm.owner,
      '/api/v1/audit?action=review.decide',
    );
    expect(audit.body.events).toHaveLength(2);
    expect(audit.body.events[0]).toMatchObject({
      actorName: 'Rita Reviewer',
      after: { decision: 'change', comment: 'Refunds are for the office manager only' },
    });
  });

  it('refuses a reviewer deciding on their own account', async () => {
    const own = await decide(firm.rita, 'rita.r', { decision: 'keep' });
    expect(own.status).toBe(403);
    expect(JSON.stringify(own.body)).toMatch(/own access/);
    expect(
      (await decide(firm.ray, 'rita.r', { decision: 'keep', comment: 'Her own login, in use' })).status,
    ).toBe(200);
  });

  it('refuses members not named on the campaign, missing comments and unknown permissions', async () => {
    expect((await decide(firm.owner, 'frontdesk', { decision: 'keep' })).status).toBe(403);
    expect((await decide(firm.auditor, 'frontdesk', { decision: 'keep' })).status).toBe(403);
    const noComment = await decide(firm.ray, 'frontdesk', { decision: 'revoke' });
    expect(noComment.status).toBe(422);
    expect(JSON.stringify(noComment.body)).toContain('body.comment');
    const unknown = await decide(firm.ray, 'frontdesk', {
      decision: 'change',
      permissions: ['rockets.launch'],
      comment: 'x',
    });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body)).toContain('body.permissions.0');
  });

  it('has no evidence while open', async () => {
    expect((await authed(firm.auditor, `/api/v1/reviews/${campaign.id}/evidence`)).status).toBe(409);
  });
});

describe('closing', () => {
  it('applies the default to undecided items, freezes the campaign and makes to-dos of revokes and changes', async () => {
    expect((await authed(firm.rita, `/api/v1/reviews/${campaign.id}/close`, { method: 'POST' })).status).toBe(
      403,
    );
    const closed = await authed(firm.owner, `/api/v1/reviews/${campaign.id}/close`, { method: 'POST' });
    expect(closed.status).toBe(200);
    expect(campaignSchema.parse(closed.body)).toMatchObject({
      status: 'closed',
      closedBy: firm.owner.member.id,
      progress: { total: 4, decided: 4, remaining: 0 },
    });
    items = reviewItemPageSchema.parse(
      (await authed(firm.owner, `/api/v1/reviews/${campaign.id}/items`)).body,
    ).items;
    expect(item('frontdesk')).toMatchObject({ decision: 'revoke', defaulted: true, decidedBy: null });
    expect(item('sjones')).toMatchObject({ decision: 'keep', defaulted: false });
    expect((await decide(firm.ray, 'frontdesk', { decision: 'keep' })).status).toBe(409);
    expect(
      (await authed(firm.owner, `/api/v1/reviews/${campaign.id}/close`, { method: 'POST' })).status,
    ).toBe(409);

    const todos = todoPageSchema.parse(
      (await authed(firm.owner, '/api/v1/todos?status=open&source=review')).body,
    ).items;
    expect(todos.map((t) => [t.label, t.action]).sort()).toEqual([
      ['frontdesk in PayDesk', 'remove'],
      ['rbaker in PayDesk', 'change-permissions'],
    ]);
    expect(todos.find((t) => t.action === 'change-permissions')?.targetPermissions).toEqual(['payments.add']);
    const audit = await authed<{ events: { after: unknown }[] }>(
      firm.owner,
      '/api/v1/audit?action=review.close',
    );
    expect(audit.body.events[0]?.after).toMatchObject({ defaulted: 1, revoke: 1, change: 1, keep: 2 });
  });

  it('counts as a completed review of the system: no review-overdue finding for PayDesk', async () => {
    const findings = (
      await authed<{ findings: { ruleId: string; systemId: string }[] }>(firm.owner, '/api/v1/findings')
    ).body.findings;
    const overdue = findings.filter((f) => f.ruleId === 'review-overdue').map((f) => f.systemId);
    expect(overdue).toEqual([firm.crm.id]);
  });

  it('exports every item as CSV evidence: decision, who, when, findings at the time', async () => {
    const response = await authed<string>(firm.auditor, `/api/v1/reviews/${campaign.id}/evidence?format=csv`);
    expect(response.status).toBe(200);
    expect(response.response.headers.get('content-type')).toContain('text/csv');
    const { records } = parseCsv(response.body);
    const [header, ...rest] = records.map((r) => r.cells);
    // The items, then the signed checkpoint of the audit trail that records their decisions.
    const rows = rest.slice(0, -1);
    expect(rows).toHaveLength(4);
    expect(rest.at(-1)?.[0]).toBe('audit checkpoint');
    expect(await verifyExport(response.body, await signingKey())).toMatchObject({
      kind: 'review evidence',
      ok: true,
    });
    const forged = response.body.replace(/""seq"":(\d+)/, (_, seq) => `""seq"":${Number(seq) + 5}`);
    expect(forged).not.toBe(response.body);
    expect((await verifyExport(forged, await signingKey())).ok).toBe(false);
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const row = (username: string) => rows.find((r) => r[column('username')] === username) ?? [];
    expect(row('rbaker')[column('decision')]).toBe('change');
    expect(row('rbaker')[column('new_permissions')]).toBe('payments.add');
    expect(row('rbaker')[column('decided_by')]).toBe('Rita Reviewer');
    expect(row('rbaker')[column('comment')]).toBe('Refunds are for the office manager only');
    expect(row('rbaker')[column('findings_at_review')]).toMatch(/^high: .*job role does not grant/);
    expect(row('rita.r')[column('decided_by')]).toBe('Ray Reviewer');
    expect(row('frontdesk')[column('decided_by')]).toMatch(/default/);
    expect(row('frontdesk')[column('defaulted')]).toBe('yes');
    expect(new Date(row('sjones')[column('decided_at')] ?? '').getTime()).toBeGreaterThan(Date.now() - DAY);
  });

  it('prints an HTML report with every value escaped', async () => {
    const response = await authed<string>(
      firm.auditor,
      `/api/v1/reviews/${campaign.id}/evidence?format=html`,
    );
    expect(response.status).toBe(200);
    expect(response.response.headers.get('content-type')).toContain('text/html');
    expect(response.response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = response.body;
    expect(html).toContain('PayDesk Q4');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html.match(/<tr>\n<td>/g)?.length).toBe(4);
    expect(html).toContain('Rita Reviewer, Ray Reviewer');
    expect(html).toContain('Audit checkpoint');
    expect(await verifyExport(html, await signingKey())).toMatchObject({ kind: 'review evidence', ok: true });
  });
});

describe('follow-through', () => {
  it('closes to-dos when a later captured user list shows them done, audited', async () => {
    // The admin fixed rbaker's permissions and disabled frontdesk; the list shows it.
    const diff = await authed(firm.owner, `/api/v1/systems/${firm.paydesk.id}/snapshots`, {
      method: 'POST',
      body: {
        rows: [
          { username: 'rbaker', permissions: ['payments.add'] },
          { username: 'sjones' },
          { username: 'rita.r' },
          { username: 'frontdesk', status: 'Disabled' },
        ],
      },
    });
    expect(diff.status).toBe(200);
    const todos = todoPageSchema.parse((await authed(firm.owner, '/api/v1/todos?source=review')).body).items;
    expect(todos.every((t) => t.status === 'done' && t.closedVia === 'snapshot')).toBe(true);
    const audit = await authed<{ events: unknown[] }>(firm.owner, '/api/v1/audit?action=todo.close');
    expect(audit.body.events).toHaveLength(2);
  });
});

describe('a leaver', () => {
  it('gets an offboarding checklist of every account they own or use, across systems', async () => {
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    await post(firm.owner, `/api/v1/people/${firm.rose.id}/leave`, {
      endDate: yesterday,
      reason: 'Moved abroad',
    });
    await post(firm.owner, `/api/v1/people/${firm.rose.id}/leave`, {
      endDate: yesterday,
      reason: 'Moved abroad',
    });
    const { checklists } = checklistListSchema.parse(
      (await authed(firm.rita, '/api/v1/todos/checklists')).body,
    );
    expect(checklists).toHaveLength(1);
    const [list] = checklists;
    expect(list).toMatchObject({
      personId: firm.rose.id,
      name: 'Rose Baker',
      endDate: yesterday,
      open: 3,
      done: 0,
    });
    expect(list?.items.map((t) => [t.label, t.action]).sort()).toEqual([
      ['frontdesk in PayDesk', 'rotate-password'],
      ['rbaker in PayDesk', 'remove'],
      ['rose in CRM', 'remove'],
    ]);
  });

  it('closes checklist items by snapshot or by the admin’s audited confirmation', async () => {
    await post(firm.owner, `/api/v1/systems/${firm.crm.id}/snapshots`, { rows: [], confirmRemovals: true });
    let list = checklistListSchema.parse((await authed(firm.owner, '/api/v1/todos/checklists')).body)
      .checklists[0];
    expect(list).toMatchObject({ open: 2, done: 1 });
    const rotate = list?.items.find((t) => t.action === 'rotate-password');
    const remove = list?.items.find((t) => t.label === 'rbaker in PayDesk');
    const confirm = (who: typeof firm.owner, id: string | undefined, body: unknown) =>
      authed(who, `/api/v1/todos/${id}/confirm`, { method: 'POST', body });
    expect((await confirm(firm.auditor, rotate?.id, { comment: 'done' })).status).toBe(403);
    expect((await confirm(firm.owner, rotate?.id, {})).status).toBe(422);
    const done = await confirm(firm.owner, rotate?.id, { comment: 'Password changed, told Sam' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      closedVia: 'confirmation',
      closedComment: 'Password changed, told Sam',
    });
    expect((await confirm(firm.owner, rotate?.id, { comment: 'again' })).status).toBe(409);
    await confirm(firm.owner, remove?.id, { comment: 'Removed by the vendor' });
    list = checklistListSchema.parse((await authed(firm.owner, '/api/v1/todos/checklists')).body)
      .checklists[0];
    expect(list).toBeUndefined();
    const audit = await authed<{ events: unknown[] }>(firm.owner, '/api/v1/audit?action=todo.confirm');
    expect(audit.body.events).toHaveLength(2);
  });
});
