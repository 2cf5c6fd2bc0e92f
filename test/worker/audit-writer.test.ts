import { env } from 'cloudflare:workers';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../worker/src/audit/queries';
import { publicSigningKey } from '../../worker/src/audit/signing-key';
import { rollcallActor, writeAudited } from '../../worker/src/audit/writer';
import { database } from '../../worker/src/db/client';
import { auditCheckpoints, auditEvents, auditHeads } from '../../worker/src/db/schema';

const db = database(env.DB);

/** One audited event in a fresh organisation's chain, written the way every route writes. */
function record(orgId: string, action: string) {
  return writeAudited(
    db,
    rollcallActor(orgId, 'Rollcall'),
    [],
    [{ action, targetType: 'organisation', targetId: orgId }],
  );
}

async function chainOf(orgId: string) {
  const rows = await db
    .select({ seq: auditEvents.seq, action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.orgId, orgId))
    .orderBy(asc(auditEvents.seq));
  const verdict = await verifyChain(db, orgId, await publicSigningKey());
  return { rows, intact: verdict.intact };
}

describe('the audited write', () => {
  it('keeps one unbroken chain when one worker writes many changes at once', async () => {
    const orgId = `org-${crypto.randomUUID()}`;
    await Promise.all(Array.from({ length: 12 }, (_, i) => record(orgId, `change.${i}`)));
    const { rows, intact } = await chainOf(orgId);
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(intact).toBe(true);
  });

  it('builds on the chain head as stored, not on the one it last wrote, when they differ', async () => {
    const orgId = `org-${crypto.randomUUID()}`;
    await record(orgId, 'first');
    const [first] = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId));
    await record(orgId, 'second');
    // The trail as another writer left it: the second event is not there, the head is the first.
    await env.DB.batch([
      env.DB.prepare('DELETE FROM audit_events WHERE org_id = ? AND seq = 2').bind(orgId),
      env.DB.prepare('DELETE FROM audit_checkpoints WHERE org_id = ? AND seq = 2').bind(orgId),
      env.DB.prepare('UPDATE audit_heads SET seq = ?, hash = ? WHERE org_id = ?').bind(
        first?.seq,
        first?.hash,
        orgId,
      ),
    ]);
    await record(orgId, 'third');
    const { rows, intact } = await chainOf(orgId);
    expect(rows).toEqual([
      { seq: 1, action: 'first' },
      { seq: 2, action: 'third' },
    ]);
    expect(intact).toBe(true);
    const checkpoints = await db
      .select({ seq: auditCheckpoints.seq })
      .from(auditCheckpoints)
      .where(and(eq(auditCheckpoints.orgId, orgId)));
    expect(checkpoints.map((row) => row.seq).sort()).toEqual([1, 2]);
  });
});
