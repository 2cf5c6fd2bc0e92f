import { and, asc, desc, eq, gt, gte, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditEvent, auditQuerySchema } from '../../../shared/schemas/audit';
import type { Database } from '../db/client';
import { auditEvents, auditHeads } from '../db/schema';
import { chainHash, GENESIS_HASH } from './chain';

type AuditRow = typeof auditEvents.$inferSelect;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function publicEvent(row: AuditRow): AuditEvent {
  return {
    seq: row.seq,
    at: new Date(row.occurredAt).toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: parseJson(row.before),
    after: parseJson(row.after),
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    hash: row.hash,
  };
}

/** One page of an organisation's events, newest first, filtered. */
export async function listAuditEvents(db: Database, orgId: string, query: z.output<typeof auditQuerySchema>) {
  const where: SQL[] = [eq(auditEvents.orgId, orgId)];
  if (query.actorId) where.push(eq(auditEvents.actorId, query.actorId));
  if (query.action) where.push(eq(auditEvents.action, query.action));
  if (query.targetType) where.push(eq(auditEvents.targetType, query.targetType));
  if (query.targetId) where.push(eq(auditEvents.targetId, query.targetId));
  if (query.from) where.push(gte(auditEvents.occurredAt, Date.parse(query.from)));
  if (query.to) where.push(lt(auditEvents.occurredAt, Date.parse(query.to)));
  if (query.cursor) where.push(lt(auditEvents.seq, query.cursor));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { events: page.map(publicEvent), nextCursor: rows.length > query.limit && last ? last.seq : null };
}

/** Pages through an organisation's events in sequence order without holding more than a page. */
export async function* auditRowsInOrder(
  db: Database,
  orgId: string,
  pageSize = 2000,
): AsyncGenerator<AuditRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), gt(auditEvents.seq, after)))
      .orderBy(asc(auditEvents.seq))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)?.seq ?? after;
    if (rows.length < pageSize) return;
  }
}

export type ChainVerdict = {
  intact: boolean;
  checked: number;
  brokenAt: number | null;
  reason: string | null;
};

/**
 * Walks an organisation's chain from its first event: every sequence number must follow the last,
 * every event must name the previous hash and hash to its own, and the last must be the recorded
 * head. Answers the first sequence number where that fails.
 */
export async function verifyChain(db: Database, orgId: string): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: number, reason: string): ChainVerdict => ({
    intact: false,
    checked,
    brokenAt: seq,
    reason,
  });
  for await (const rows of auditRowsInOrder(db, orgId)) {
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, `event ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash) return broken(row.seq, 'does not link to the event before it');
      const { hash, prevHash: _, ...fields } = row;
      if ((await chainHash(prevHash, fields)) !== hash)
        return broken(row.seq, 'its content does not match its hash');
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId)).limit(1);
  const lastSeq = expectedSeq - 1;
  if ((head?.seq ?? 0) !== lastSeq) {
    return broken(lastSeq + 1, `events after ${lastSeq} are missing (the chain head is at ${head?.seq})`);
  }
  if (head && head.hash !== prevHash) return broken(lastSeq, 'the last event does not match the chain head');
  return { intact: true, checked, brokenAt: null, reason: null };
}
