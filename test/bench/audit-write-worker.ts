// A bench-only worker over the same D1 as the real one: one audited write batch per request, with a
// signed checkpoint (the real writer) or without one (the chain as it was written before
// checkpoints), so `npm run bench` can set the two side by side; and N checkpoint signatures or
// verifications in one request, to time the key work alone. Never deployed.
import { eq } from 'drizzle-orm';
import { chainHash, GENESIS_HASH } from '../../shared/audit/chain';
import { checkpointSignatureValid, signCheckpoint } from '../../shared/audit/checkpoint';
import { auditSigner } from '../../worker/src/audit/signing-key';
import { type AuditActor, writeAudited } from '../../worker/src/audit/writer';
import { database } from '../../worker/src/db/client';
import { auditEvents, auditHeads, dailyChecks } from '../../worker/src/db/schema';

let counter = 0;

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const db = database(env.DB);
    const orgId = url.searchParams.get('org') ?? 'bench';
    const actor: AuditActor = {
      orgId,
      actorId: null,
      actorName: 'Bench',
      ip: '192.0.2.1',
      userAgent: 'bench',
      requestId: `bench-${++counter}`,
    };
    const change = () =>
      db
        .insert(dailyChecks)
        .values({ orgId, day: `${Date.now()}-${counter}`, finishedAt: Date.now(), notified: 0 });
    const event = {
      action: 'bench.write',
      targetType: 'bench',
      targetId: String(counter),
      after: { n: counter },
    };
    if (url.pathname === '/anchored') {
      await writeAudited(db, actor, [change()], [event]);
      return new Response('ok');
    }
    if (url.pathname === '/unanchored') {
      // The same batch with no checkpoint: read the head, hash the event, write change, event, head.
      const [head] = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId)).limit(1);
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const fields = {
        ...actor,
        seq,
        occurredAt: Date.now(),
        action: event.action,
        targetType: event.targetType,
        targetId: event.targetId,
        before: null,
        after: JSON.stringify(event.after),
      };
      const hash = await chainHash(prevHash, fields);
      await db.batch([
        change(),
        db.insert(auditEvents).values({ ...fields, prevHash, hash }),
        db
          .insert(auditHeads)
          .values({ orgId, seq, hash })
          .onConflictDoUpdate({ target: auditHeads.orgId, set: { seq, hash } }),
      ]);
      return new Response('ok');
    }
    if (url.pathname === '/sign' || url.pathname === '/verify') {
      const times = Number(url.searchParams.get('n') ?? 1);
      const signer = await auditSigner(env as { ENVIRONMENT?: string });
      const fields = { orgId, seq: 1, hash: GENESIS_HASH, at: new Date().toISOString() };
      const signed = await signCheckpoint(signer.privateKey, signer.keyId, fields);
      let ok = true;
      for (let index = 0; index < times; index++) {
        if (url.pathname === '/sign')
          await signCheckpoint(signer.privateKey, signer.keyId, { ...fields, seq: index });
        else ok = (await checkpointSignatureValid(signed, signer)) && ok;
      }
      return new Response(ok ? 'ok' : 'mismatch', { status: ok ? 200 : 500 });
    }
    return new Response('ok');
  },
};
