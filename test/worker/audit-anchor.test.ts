import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { type ChainedFields, chainHash } from '../../shared/audit/chain';
import { auditSigningKeySchema, signCheckpoint, signedCheckpointSchema } from '../../shared/audit/checkpoint';
import { verifyExport } from '../../shared/audit/verify-export';
import { auditVerifySchema } from '../../shared/schemas/audit';
import { auditSigner } from '../../worker/src/audit/signing-key';
import { addMember, authed, request, type SignedIn, signUp, uniqueEmail } from './helpers';

/**
 * The audit chain is anchored by signed checkpoints: whoever can rewrite D1 but does not hold the
 * Worker's signing key cannot cut, empty or rewrite the trail without verify saying so.
 */

async function verify(session: SignedIn) {
  const response = await authed(session, '/api/v1/audit/verify');
  expect(response.status).toBe(200);
  return auditVerifySchema.parse(response.body);
}
const kinds = (verdict: { breaks: { kind: string; seq: number; through: number }[] }) =>
  verdict.breaks.map(({ kind, seq, through }) => `${kind} ${seq}-${through}`);

/** An organisation with a few more events than its sign-up, verified whole. */
async function firm(): Promise<{ owner: SignedIn; last: number }> {
  const owner = await signUp();
  for (let index = 0; index < 5; index++) {
    await authed(owner, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: uniqueEmail(), role: 'auditor' },
    });
  }
  const verdict = await verify(owner);
  expect(verdict).toMatchObject({ intact: true, breaks: [], moreBreaks: 0, brokenAt: null });
  expect(verdict.checkpointsChecked).toBeGreaterThan(0);
  return { owner, last: verdict.checked };
}

type Row = ChainedFields & { prevHash: string; hash: string };
async function rows(orgId: string): Promise<Row[]> {
  const { results } = await env.DB.prepare(
    `SELECT org_id AS orgId, seq, occurred_at AS occurredAt, actor_id AS actorId, actor_name AS actorName,
       action, target_type AS targetType, target_id AS targetId, before, after, ip, user_agent AS userAgent,
       request_id AS requestId, prev_hash AS prevHash, hash
     FROM audit_events WHERE org_id = ? ORDER BY seq`,
  )
    .bind(orgId)
    .all<Row>();
  return results;
}
const sql = (query: string, ...values: unknown[]) =>
  env.DB.prepare(query)
    .bind(...values)
    .run();

describe('an anchored audit chain', () => {
  it('finds the newest events cut and the head moved back to match', async () => {
    const { owner, last } = await firm();
    const orgId = owner.organisation.id;
    const kept = (await rows(orgId))[last - 3];
    await sql('DELETE FROM audit_events WHERE org_id = ? AND seq > ?', orgId, last - 2);
    await sql('UPDATE audit_heads SET seq = ?, hash = ? WHERE org_id = ?', kept?.seq, kept?.hash, orgId);
    const verdict = await verify(owner);
    expect(verdict.intact).toBe(false);
    expect(kinds(verdict)).toEqual([`head-behind-checkpoint ${last - 1}-${last}`]);
    expect(verdict.breaks[0]?.detail).toBe(
      `The trail ends at event ${last - 2}, but a signed checkpoint shows it had reached event ${last}: its newest events were cut.`,
    );
  });

  it('finds the chain emptied, with or without its checkpoints', async () => {
    const { owner, last } = await firm();
    const orgId = owner.organisation.id;
    await sql('DELETE FROM audit_events WHERE org_id = ?', orgId);
    await sql('DELETE FROM audit_heads WHERE org_id = ?', orgId);
    const verdict = await verify(owner);
    expect(verdict.intact).toBe(false);
    expect(kinds(verdict)).toEqual([`head-behind-checkpoint 1-${last}`, 'empty-chain 1-1']);

    await sql('DELETE FROM audit_checkpoints WHERE org_id = ?', orgId);
    expect(kinds(await verify(owner))).toEqual(['empty-chain 1-1']);
  });

  it('finds an event rewritten with every later hash and the head recomputed', async () => {
    const { owner, last } = await firm();
    const orgId = owner.organisation.id;
    const chain = await rows(orgId);
    let prevHash = chain[1]?.hash ?? '';
    for (const row of chain.slice(2)) {
      const { prevHash: _, hash: __, ...fields } = row;
      if (row.seq === 3) fields.actorName = 'Somebody Else';
      const hash = await chainHash(prevHash, fields);
      await sql(
        'UPDATE audit_events SET actor_name = ?, prev_hash = ?, hash = ? WHERE org_id = ? AND seq = ?',
        fields.actorName,
        prevHash,
        hash,
        orgId,
        row.seq,
      );
      prevHash = hash;
    }
    await sql('UPDATE audit_heads SET hash = ? WHERE org_id = ?', prevHash, orgId);
    const verdict = await verify(owner);
    expect(verdict.intact).toBe(false);
    // The events agree with each other; the checkpoints signed before the rewrite do not.
    expect(kinds(verdict)).toEqual([`checkpoint-mismatch 3-${last}`]);
    expect(verdict.reason).toContain('events were rewritten at or before event 3');

    // Made to agree again, the checkpoints no longer carry the key's signature.
    await sql(
      `UPDATE audit_checkpoints SET hash = (SELECT hash FROM audit_events e
         WHERE e.org_id = audit_checkpoints.org_id AND e.seq = audit_checkpoints.seq)
       WHERE org_id = ? AND seq >= 3`,
      orgId,
    );
    expect(kinds(await verify(owner))).toEqual([`checkpoint-signature-bad 3-${last}`]);
  });

  it('lists every break, not only the first', async () => {
    const { owner, last } = await firm();
    const orgId = owner.organisation.id;
    await sql(`UPDATE audit_events SET after = '{"role":"owner"}' WHERE org_id = ? AND seq = 2`, orgId);
    await sql('DELETE FROM audit_events WHERE org_id = ? AND seq = 4', orgId);
    await sql("UPDATE audit_events SET ip = '198.51.100.9' WHERE org_id = ? AND seq = ?", orgId, last);
    const verdict = await verify(owner);
    expect(verdict.intact).toBe(false);
    expect(kinds(verdict)).toEqual([
      'hash-mismatch 2-2',
      'missing-events 4-4',
      `hash-mismatch ${last}-${last}`,
    ]);
    expect(verdict.breaks.map((found) => found.detail)).toEqual([
      'Event 2 changed after being written: the content no longer matches the hash.',
      'Event 4 missing.',
      `Event ${last} changed after being written: the content no longer matches the hash.`,
    ]);
    expect(verdict.brokenAt).toBe(2);
  });

  it('finds events appended without the key, and checkpoints forged for them', async () => {
    const { owner, last } = await firm();
    const orgId = owner.organisation.id;
    const newest = (await rows(orgId)).at(-1) as Row;
    const { prevHash: _, hash: __, ...fields } = newest;
    const forged = { ...fields, seq: last + 1, action: 'member.remove', requestId: 'forged' };
    const hash = await chainHash(newest.hash, forged);
    await sql(
      `INSERT INTO audit_events (org_id, seq, occurred_at, actor_id, actor_name, action, target_type, target_id,
         before, after, ip, user_agent, request_id, prev_hash, hash)
       SELECT org_id, ?, occurred_at, actor_id, actor_name, ?, target_type, target_id, before, after, ip,
         user_agent, ?, hash, ? FROM audit_events WHERE org_id = ? AND seq = ?`,
      forged.seq,
      forged.action,
      forged.requestId,
      hash,
      orgId,
      last,
    );
    await sql('UPDATE audit_heads SET seq = ?, hash = ? WHERE org_id = ?', forged.seq, hash, orgId);
    expect(kinds(await verify(owner))).toEqual([`unsigned-events ${last + 1}-${last + 1}`]);

    // A checkpoint made up without the key, or signed by another key, does not verify.
    const other = await auditSigner({ AUDIT_SIGNING_KEY: btoa('another key of exactly 32 bytes!') });
    const signedByOther = await signCheckpoint(other.privateKey, other.keyId, {
      orgId,
      seq: forged.seq,
      hash,
      at: new Date().toISOString(),
    });
    await sql(
      'INSERT INTO audit_checkpoints (org_id, seq, hash, signed_at, key_id, signature) SELECT org_id, ?, ?, signed_at, key_id, ? FROM audit_checkpoints WHERE org_id = ? AND seq = ?',
      forged.seq,
      hash,
      signedByOther.signature,
      orgId,
      last,
    );
    const verdict = await verify(owner);
    expect(kinds(verdict)).toEqual([`checkpoint-signature-bad ${last + 1}-${last + 1}`]);
    expect(verdict.checkpoint).toMatchObject({ seq: last + 1 });
  });

  it('publishes the public key to anyone and the newest checkpoint to those who read the trail', async () => {
    const { owner, last } = await firm();
    const key = auditSigningKeySchema.parse(await (await request('/api/v1/audit/signing-key')).json());
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const reviewer = await addMember(owner, 'reviewer');
    expect((await authed(reviewer, '/api/v1/audit/checkpoint')).status).toBe(403);
    const answer = await authed<{ checkpoint: unknown; key: unknown }>(owner, '/api/v1/audit/checkpoint');
    expect(answer.body.key).toEqual(key);
    // The reviewer's invitation and sign-up came after the firm was verified: the head moved on.
    const checkpoint = signedCheckpointSchema.parse(answer.body.checkpoint);
    expect(checkpoint.orgId).toBe(owner.organisation.id);
    expect(checkpoint.seq).toBeGreaterThan(last);
    expect((await verify(owner)).checkpoint).toEqual(checkpoint);
    expect(answer.body).toMatchObject({ since: null });

    // A witness asks how an event it saw signed reads now.
    const hashOf = async (seq: number) =>
      (await authed<{ since: unknown }>(owner, `/api/v1/audit/checkpoint?since=${seq}`)).body.since;
    const second = (await rows(owner.organisation.id))[1];
    expect(await hashOf(2)).toEqual({ seq: 2, hash: second?.hash });
    expect(await hashOf(checkpoint.seq + 50)).toEqual({ seq: checkpoint.seq + 50, hash: null });
    expect((await authed(owner, '/api/v1/audit/checkpoint?since=zero')).status).toBe(400);
  });
});

describe('an export checked offline', () => {
  async function exported(owner: SignedIn, format: 'csv' | 'ndjson') {
    const response = await authed<string>(owner, `/api/v1/audit/export?format=${format}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  it('passes as exported, in NDJSON and CSV, even with text that looks like a formula', async () => {
    const owner = await signUp({ name: '=HYPERLINK("http://evil.example")' });
    await addMember(owner, 'admin', '-Minus, "quoted" name');
    const publicKey = auditSigningKeySchema.parse(await (await request('/api/v1/audit/signing-key')).json());
    for (const format of ['ndjson', 'csv'] as const) {
      const check = await verifyExport(await exported(owner, format), publicKey);
      expect(check, format).toMatchObject({ kind: 'audit export', ok: true, problems: [] });
      expect(check.events).toBe(check.checkpoint?.seq);
      expect(check.events).toBeGreaterThan(3);
    }
  });

  it('fails when an event is edited, removed or the end is cut, naming the event', async () => {
    const owner = await signUp({ name: 'Ada Owner' });
    await addMember(owner, 'admin', 'Ben Admin');
    const publicKey = auditSigningKeySchema.parse(await (await request('/api/v1/audit/signing-key')).json());
    const ndjson = await exported(owner, 'ndjson');
    const lines = ndjson.trim().split('\n');
    const edited = ndjson.replace('"actorName":"Ben Admin"', '"actorName":"Someone Else"');
    expect(edited).not.toBe(ndjson);
    expect((await verifyExport(edited, publicKey)).problems[0]).toMatch(
      /^Event \d+ does not match its hash: it, or the event before it, was changed\.$/,
    );
    const cut = [...lines.slice(0, -2), lines.at(-1)].join('\n');
    expect((await verifyExport(cut, publicKey)).problems).toEqual([
      `Event ${lines.length - 1} missing from the end.`,
    ]);
    const forged = ndjson.replace(/"seq":(\d+),"hash"/, (_, seq) => `"seq":${Number(seq) + 1},"hash"`);
    expect((await verifyExport(forged, publicKey)).ok).toBe(false);

    const csv = await exported(owner, 'csv');
    expect((await verifyExport(csv, publicKey)).ok).toBe(true);
    const csvEdited = csv.replace('member.create', 'member.remove');
    expect((await verifyExport(csvEdited, publicKey)).ok).toBe(false);
  });
});

describe('the signing key', () => {
  it('is required outside development and test, and must be 32 bytes', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(() => auditSigner({ ENVIRONMENT: 'production' })).toThrow();
      expect(() => auditSigner({})).toThrow();
      expect(() =>
        auditSigner({ ENVIRONMENT: 'production', AUDIT_SIGNING_KEY: btoa('too short') }),
      ).toThrow();
      expect(errors.mock.calls.map(([message]) => message)).toEqual([
        'AUDIT_SIGNING_KEY is not set: refusing to record changes outside development.',
        'AUDIT_SIGNING_KEY is not set: refusing to record changes outside development.',
        'AUDIT_SIGNING_KEY is not 32 bytes in base64: refusing to use it.',
      ]);
    } finally {
      errors.mockRestore();
    }
    const production = await auditSigner({
      ENVIRONMENT: 'production',
      AUDIT_SIGNING_KEY: btoa('a production key of 32 bytes....'),
    });
    expect(production.keyId).not.toBe((await auditSigner({ ENVIRONMENT: 'test' })).keyId);
  });
});
