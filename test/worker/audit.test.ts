import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../shared/audit/checkpoint';
import { auditPageSchema, auditVerifySchema } from '../../shared/schemas/audit';
import { memberListSchema } from '../../shared/schemas/members';
import { auditSigner } from '../../worker/src/audit/signing-key';
import {
  addMember,
  authed,
  GOOD_PASSWORD,
  logIn,
  request,
  type SignedIn,
  signUp,
  uniqueEmail,
} from './helpers';

async function events(session: SignedIn, query = '') {
  const response = await authed(session, `/api/v1/audit${query}`);
  expect(response.status).toBe(200);
  return auditPageSchema.parse(response.body);
}
async function verify(session: SignedIn) {
  return auditVerifySchema.parse((await authed(session, '/api/v1/audit/verify')).body);
}

describe('the audit trail', () => {
  it('records who did what, to what, from where, with before and after', async () => {
    const owner = await signUp({ name: 'Ada Owner' });
    const admin = await addMember(owner, 'admin');
    const response = await request(`/api/v1/members/${admin.member.id}`, {
      method: 'PATCH',
      token: owner.accessToken,
      body: { role: 'reviewer' },
      headers: { 'cf-connecting-ip': '192.0.2.44', 'user-agent': 'RollcallTest/1.0' },
    });
    expect(response.status).toBe(200);
    const [event] = (await events(owner, '?action=member.role_change')).events;
    expect(event).toMatchObject({
      actorId: owner.member.id,
      actorName: 'Ada Owner',
      action: 'member.role_change',
      targetType: 'member',
      targetId: admin.member.id,
      before: { role: 'admin' },
      after: { role: 'reviewer' },
      ip: '192.0.2.44',
      userAgent: 'RollcallTest/1.0',
      requestId: response.headers.get('x-request-id'),
    });
    expect(event?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('numbers events without gaps and never holds a password or a hash', async () => {
    const owner = await signUp();
    await addMember(owner, 'auditor');
    await logIn(owner.email, 'wrong password for the log');
    const all = (await events(owner, '?limit=500')).events;
    const seqs = all.map((event) => event.seq).reverse();
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    const text = JSON.stringify(all);
    expect(text).not.toContain(GOOD_PASSWORD);
    expect(text).not.toContain('wrong password for the log');
    expect(text).not.toContain('pbkdf2');
    expect(text.toLowerCase()).not.toMatch(/"(password|passwordhash|tokenhash|refreshtoken)"/);
  });

  it('filters by actor, action, target and time, and pages by cursor', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    for (let index = 0; index < 5; index++) {
      await authed(admin, '/api/v1/members/invites', {
        method: 'POST',
        body: { email: uniqueEmail(), role: 'auditor' },
      });
    }
    const byAdmin = (await events(owner, `?actorId=${admin.member.id}&action=invite.create`)).events;
    expect(byAdmin).toHaveLength(5);
    expect(byAdmin.every((event) => event.actorName === admin.member.name)).toBe(true);

    const aboutAdmin = (await events(owner, `?targetType=member&targetId=${admin.member.id}`)).events;
    expect(aboutAdmin.map((event) => event.action)).toEqual(['member.create']);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await events(owner, `?from=${encodeURIComponent(future)}`)).events).toEqual([]);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await events(owner, `?to=${encodeURIComponent(past)}`)).events).toEqual([]);

    const total = (await events(owner, '?limit=500')).events.length;
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { events: { seq: number }[]; nextCursor: number | null } = await events(
        owner,
        `?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.events.map((event) => event.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('is read by owners, admins and auditors, not reviewers', async () => {
    const owner = await signUp();
    const reviewer = await addMember(owner, 'reviewer');
    const auditor = await addMember(owner, 'auditor');
    expect((await authed(reviewer, '/api/v1/audit')).status).toBe(403);
    expect((await authed(reviewer, '/api/v1/audit/export?format=csv')).status).toBe(403);
    expect((await authed(auditor, '/api/v1/audit')).status).toBe(200);
    expect((await authed(auditor, '/api/v1/audit/export?format=ndjson')).status).toBe(200);
    // Auditors read; they change nothing.
    expect(
      (await authed(auditor, `/api/v1/members/${reviewer.member.id}`, { method: 'DELETE' })).status,
    ).toBe(403);
  });

  it('has no route that changes or deletes events', async () => {
    const owner = await signUp();
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const response = await authed(owner, '/api/v1/audit', { method });
      expect(response.status).toBe(404);
    }
  });

  it('stays one unbroken chain when requests race', async () => {
    const owner = await signUp();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        authed(owner, '/api/v1/members/invites', {
          method: 'POST',
          body: { email: uniqueEmail(), role: 'auditor' },
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(Array(12).fill(201));
    const verdict = await verify(owner);
    expect(verdict).toMatchObject({ intact: true, brokenAt: null });
    expect((await events(owner, '?action=invite.create')).events).toHaveLength(12);
  });
});

describe('verifying the chain', () => {
  async function organisationWithEvents() {
    const owner = await signUp();
    for (let index = 0; index < 4; index++) {
      await authed(owner, '/api/v1/members/invites', {
        method: 'POST',
        body: { email: uniqueEmail(), role: 'auditor' },
      });
    }
    const verdict = await verify(owner);
    expect(verdict.intact).toBe(true);
    return { owner, last: verdict.checked };
  }

  it('finds a row altered directly in D1', async () => {
    const { owner } = await organisationWithEvents();
    await env.DB.prepare('UPDATE audit_events SET after = \'{"role":"owner"}\' WHERE org_id = ? AND seq = 4')
      .bind(owner.organisation.id)
      .run();
    expect(await verify(owner)).toMatchObject({ intact: false, brokenAt: 4 });
  });

  it('finds an altered row even when its own hash was recomputed to match', async () => {
    const { owner } = await organisationWithEvents();
    await env.DB.prepare(
      "UPDATE audit_events SET actor_name = 'Somebody Else', hash = ? WHERE org_id = ? AND seq = 3",
    )
      .bind('f'.repeat(64), owner.organisation.id)
      .run();
    const verdict = await verify(owner);
    expect(verdict.intact).toBe(false);
    expect(verdict.brokenAt).toBe(3);
  });

  it('finds a removed row', async () => {
    const { owner } = await organisationWithEvents();
    await env.DB.prepare('DELETE FROM audit_events WHERE org_id = ? AND seq = 2')
      .bind(owner.organisation.id)
      .run();
    expect(await verify(owner)).toMatchObject({ intact: false, brokenAt: 2 });
  });

  it('finds the newest rows removed', async () => {
    const { owner, last } = await organisationWithEvents();
    await env.DB.prepare('DELETE FROM audit_events WHERE org_id = ? AND seq >= ?')
      .bind(owner.organisation.id, last - 1)
      .run();
    // The verify request itself adds no event, so the chain now ends two short of its head.
    const verdict = await verify(owner);
    expect(verdict.intact).toBe(false);
    expect(verdict.brokenAt).toBe(last - 1);
  });
});

describe('exporting the trail', () => {
  it('writes CSV with a header and one row per event, formulas defused', async () => {
    const owner = await signUp({ name: '=HYPERLINK("http://evil.example")' });
    const response = await authed(owner, '/api/v1/audit/export?format=csv');
    expect(response.status).toBe(200);
    expect(response.response.headers.get('content-type')).toContain('text/csv');
    const rows = (response.body as string).trim().split('\r\n');
    expect(rows[0]).toBe(
      'seq,at,actorId,actorName,action,targetType,targetId,before,after,ip,userAgent,requestId,hash',
    );
    const listed = (await events(owner, '?limit=500')).events;
    // The header, one row per event, and the signed checkpoint of the head last.
    expect(rows).toHaveLength(listed.length + 2);
    expect(rows.at(-1)).toMatch(/^checkpoint,/);
    // The owner's name is a formula: a spreadsheet must show it as text, not run it.
    expect(rows.some((row) => row.includes(`"'=HYPERLINK(""http://evil.example"")"`))).toBe(true);
    expect(rows.some((row) => /(^|,)=HYPERLINK/.test(row))).toBe(false);
  });

  it('writes NDJSON, one event a line, oldest first', async () => {
    const owner = await signUp();
    await addMember(owner, 'auditor');
    const response = await request('/api/v1/audit/export?format=ndjson', { token: owner.accessToken });
    const lines = new TextDecoder()
      .decode(await response.arrayBuffer())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; checkpoint?: { seq: number } });
    const checkpoint = lines.pop()?.checkpoint;
    expect(lines.map((line) => line.seq)).toEqual(lines.map((_, index) => index + 1));
    const listed = (await events(owner, '?limit=500')).events;
    expect(lines).toHaveLength(listed.length);
    expect(checkpoint?.seq).toBe(listed.length);
  });

  it('streams 100,000 events', async () => {
    const owner = await signUp();
    const count = 100_000;
    // Filler events written straight to D1, after the organisation's own.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO audit_events (org_id, seq, occurred_at, actor_id, actor_name, action, target_type, target_id,
         before, after, ip, user_agent, request_id, prev_hash, hash)
       SELECT ?, 1000 + i, ?, NULL, 'Bulk Loader', 'bulk.event', 'thing', 'thing-' || i, NULL, '{"n":' || i || '}',
         '192.0.2.1', 'bulk', 'req-' || i, 'x', 'y' FROM n`,
    )
      .bind(count, owner.organisation.id, Date.now())
      .run();
    // …and a checkpoint of their head, signed as the writer would: the export goes up to it.
    const signer = await auditSigner();
    const last = { orgId: owner.organisation.id, seq: 1000 + count, hash: 'y'.repeat(64) };
    const signed = await signCheckpoint(signer.privateKey, signer.keyId, {
      ...last,
      at: new Date().toISOString(),
    });
    await env.DB.prepare(
      'INSERT INTO audit_checkpoints (org_id, seq, hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)',
    )
      .bind(last.orgId, last.seq, last.hash, Date.parse(signed.at), signed.keyId, signed.signature)
      .run();
    const response = await request('/api/v1/audit/export?format=ndjson', { token: owner.accessToken });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    let lines = 0;
    let pending = '';
    let lastLines: string[] = [];
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      const text = new TextDecoder().decode(chunk.value);
      for (const char of text) if (char === '\n') lines += 1;
      const complete = (pending + text).split('\n');
      pending = complete.pop() ?? '';
      lastLines = [...lastLines, ...complete.filter(Boolean)].slice(-2);
    }
    const own = await env.DB.prepare('SELECT count(*) AS n FROM audit_events WHERE org_id = ? AND seq < 1000')
      .bind(owner.organisation.id)
      .first<{ n: number }>();
    const ownEvents = own?.n ?? 0;
    expect(ownEvents).toBeGreaterThan(0);
    expect(lines).toBe(count + ownEvents + 1);
    expect(JSON.parse(lastLines[0] ?? '')).toMatchObject({ seq: 1000 + count, action: 'bulk.event' });
    expect(JSON.parse(lastLines[1] ?? '')).toMatchObject({ checkpoint: { seq: 1000 + count } });
  }, 120_000);

  it('lists members of the organisation only', async () => {
    const owner = await signUp();
    const list = memberListSchema.parse((await authed(owner, '/api/v1/members')).body);
    expect(list.members).toHaveLength(1);
  });
});
