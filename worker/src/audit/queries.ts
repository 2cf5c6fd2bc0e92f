import { and, asc, desc, eq, gt, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AuditSigningKey,
  checkpointSignatureValid,
  type SignedCheckpoint,
} from '../../../shared/audit/checkpoint';
import type {
  AuditEvent,
  auditQuerySchema,
  ChainBreak,
  ChainVerdict,
  chainBreakKinds,
} from '../../../shared/schemas/audit';
import type { Database } from '../db/client';
import { auditCheckpoints, auditEvents, auditHeads } from '../db/schema';
import { chainHash, GENESIS_HASH } from './chain';

type AuditRow = typeof auditEvents.$inferSelect;
type CheckpointRow = typeof auditCheckpoints.$inferSelect;

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

/** Pages of rows in sequence order, fetched with `page(after, limit)`, one page in memory at a time. */
async function* pagesBySeq<Row extends { seq: number }>(
  page: (after: number, limit: number) => Promise<Row[]>,
  pageSize: number,
): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const rows = await page(after, pageSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)?.seq ?? after;
    if (rows.length < pageSize) return;
  }
}

/** Pages through an organisation's events in sequence order (up to `upTo`, when given). */
export function auditRowsInOrder(
  db: Database,
  orgId: string,
  { upTo, pageSize = 2000 }: { upTo?: number; pageSize?: number } = {},
): AsyncGenerator<AuditRow[]> {
  return pagesBySeq(
    (after, limit) =>
      db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.orgId, orgId),
            gt(auditEvents.seq, after),
            upTo === undefined ? undefined : lte(auditEvents.seq, upTo),
          ),
        )
        .orderBy(asc(auditEvents.seq))
        .limit(limit),
    pageSize,
  );
}

async function* checkpointsInOrder(db: Database, orgId: string): AsyncGenerator<CheckpointRow> {
  const pages = pagesBySeq(
    (after, limit) =>
      db
        .select()
        .from(auditCheckpoints)
        .where(and(eq(auditCheckpoints.orgId, orgId), gt(auditCheckpoints.seq, after)))
        .orderBy(asc(auditCheckpoints.seq))
        .limit(limit),
    2000,
  );
  for await (const rows of pages) yield* rows;
}

export function publicCheckpoint(row: CheckpointRow): SignedCheckpoint {
  const { orgId, seq, hash, keyId, signature } = row;
  return { orgId, seq, hash, at: new Date(row.signedAt).toISOString(), keyId, signature };
}

/** The organisation's newest signed checkpoint, as stored (null before its first event). */
export async function latestCheckpoint(db: Database, orgId: string): Promise<SignedCheckpoint | null> {
  const [row] = await db
    .select()
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.orgId, orgId))
    .orderBy(desc(auditCheckpoints.seq))
    .limit(1);
  return row ? publicCheckpoint(row) : null;
}

/** The hash event `seq` of the organisation's chain has now (null: there is no such event). */
export async function eventHash(db: Database, orgId: string, seq: number): Promise<string | null> {
  const [row] = await db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.seq, seq)))
    .limit(1);
  return row?.hash ?? null;
}

type BreakKind = (typeof chainBreakKinds)[number];

const span = (seq: number, through: number, one: string, many: string) =>
  seq === through ? `${one} ${seq}` : `${many} ${seq} to ${through}`;

function describe(kind: BreakKind, seq: number, through: number): string {
  switch (kind) {
    case 'hash-mismatch':
      return `${span(seq, through, 'Event', 'Events')} changed after being written: the content no longer matches the hash.`;
    case 'broken-link':
      return `${span(seq, through, 'Event', 'Events')} do not link to the event before.`;
    case 'missing-events':
      return `${span(seq, through, 'Event', 'Events')} missing.`;
    case 'head-mismatch':
      return `The recorded head of the chain does not match its newest event (${seq}).`;
    case 'head-behind-checkpoint':
      return `The trail ends at event ${seq - 1}, but a signed checkpoint shows it had reached event ${through}: its newest events were cut.`;
    case 'checkpoint-mismatch':
      return `${span(seq, through, 'The signed checkpoint at event', 'The signed checkpoints at events')} name another hash than the trail: events were rewritten at or before event ${seq}.`;
    case 'checkpoint-signature-bad':
      return `${span(seq, through, 'The checkpoint at event', 'The checkpoints at events')} do not carry a valid signature of this server's key.`;
    case 'unsigned-events':
      return `${span(seq, through, 'Event', 'Events')} not covered by any signed checkpoint: added without the server's key.`;
    case 'empty-chain':
      return 'The trail is empty, though an organisation’s sign-up is always its first event.';
  }
}

const MAX_BREAKS = 100;

/** Breaks in the order found; a break of the same kind right after the last one extends it. */
class Breaks {
  private readonly list: { kind: BreakKind; seq: number; through: number }[] = [];

  add(kind: BreakKind, seq: number, through = seq, contiguous = true) {
    const last = this.list.at(-1);
    if (last?.kind === kind && (!contiguous || seq === last.through + 1)) {
      last.seq = Math.min(last.seq, seq);
      last.through = Math.max(last.through, through);
    } else this.list.push({ kind, seq, through });
  }

  verdict(checked: number, checkpointsChecked: number, checkpoint: SignedCheckpoint | null): ChainVerdict {
    const all: ChainBreak[] = this.list
      .map(({ kind, seq, through }) => ({ kind, seq, through, detail: describe(kind, seq, through) }))
      .sort((a, b) => a.seq - b.seq);
    const first = all[0];
    return {
      intact: all.length === 0,
      checked,
      checkpointsChecked,
      breaks: all.slice(0, MAX_BREAKS),
      moreBreaks: Math.max(0, all.length - MAX_BREAKS),
      brokenAt: first?.seq ?? null,
      reason: first?.detail ?? null,
      checkpoint,
    };
  }
}

/**
 * Walks an organisation's chain from its first event and reports every break it finds: each event
 * must follow the last without a gap, name the previous hash and hash to its own; the recorded
 * head must be the newest event; and the signed checkpoints (see signing-key.ts) must agree with
 * the events at their sequence numbers, none may lie beyond the newest event, and the newest one
 * that agrees must verify with `key` — its signature vouches for every event up to it, so older
 * checkpoints are only checked against the events (and their signatures when they disagree).
 */
export async function verifyChain(db: Database, orgId: string, key: AuditSigningKey): Promise<ChainVerdict> {
  const breaks = new Breaks();
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let checked = 0;
  const signed = (row: CheckpointRow) => checkpointSignatureValid(publicCheckpoint(row), key);
  const checkpoints = checkpointsInOrder(db, orgId);
  let checkpoint = (await checkpoints.next()).value ?? null;
  let checkpointsChecked = 0;
  let newestCheckpoint: CheckpointRow | null = null;
  let newestMatching: CheckpointRow | null = null;
  /** A checkpoint that disagrees with the trail: rewritten events, or a forged checkpoint. */
  const disagrees = async (row: CheckpointRow, kind: 'checkpoint-mismatch' | 'head-behind-checkpoint') => {
    if (!(await signed(row))) breaks.add('checkpoint-signature-bad', row.seq, row.seq, false);
    else if (kind === 'head-behind-checkpoint') breaks.add(kind, lastSeq + 1, row.seq, false);
    else breaks.add(kind, row.seq, row.seq, false);
  };

  for await (const rows of auditRowsInOrder(db, orgId)) {
    for (const row of rows) {
      const gap = row.seq > lastSeq + 1;
      if (gap) breaks.add('missing-events', lastSeq + 1, row.seq - 1);
      else if (row.prevHash !== lastHash) breaks.add('broken-link', row.seq);
      const { hash, prevHash, ...fields } = row;
      if ((await chainHash(prevHash, fields)) !== hash) breaks.add('hash-mismatch', row.seq);
      for (; checkpoint && checkpoint.seq <= row.seq; checkpoint = (await checkpoints.next()).value ?? null) {
        checkpointsChecked += 1;
        newestCheckpoint = checkpoint;
        // A checkpoint of a missing event is covered by the missing-events break.
        if (checkpoint.seq < row.seq) continue;
        if (checkpoint.hash === hash) newestMatching = checkpoint;
        else await disagrees(checkpoint, 'checkpoint-mismatch');
      }
      lastSeq = row.seq;
      lastHash = hash;
      checked += 1;
    }
  }
  for (; checkpoint; checkpoint = (await checkpoints.next()).value ?? null) {
    checkpointsChecked += 1;
    newestCheckpoint = checkpoint;
    await disagrees(checkpoint, 'head-behind-checkpoint');
  }

  // The newest checkpoint that agrees must be genuine; if it is not, the older ones are checked,
  // newest first, down to one that is: the bad ones show how far back the forgery goes.
  let candidates = newestMatching ? [newestMatching] : [];
  while (candidates.length > 0) {
    const bad = [];
    for (const candidate of candidates) {
      if (await signed(candidate)) break;
      bad.push(candidate);
    }
    for (const candidate of bad) breaks.add('checkpoint-signature-bad', candidate.seq, candidate.seq, false);
    const oldest = bad.at(-1);
    if (bad.length < candidates.length || !oldest) break;
    candidates = await db
      .select()
      .from(auditCheckpoints)
      .where(and(eq(auditCheckpoints.orgId, orgId), lt(auditCheckpoints.seq, oldest.seq)))
      .orderBy(desc(auditCheckpoints.seq))
      .limit(200);
  }
  const coveredThrough = Math.min(newestCheckpoint?.seq ?? 0, lastSeq);
  if (lastSeq > coveredThrough) breaks.add('unsigned-events', coveredThrough + 1, lastSeq);

  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId)).limit(1);
  if ((head?.seq ?? 0) > lastSeq) breaks.add('missing-events', lastSeq + 1, head?.seq ?? 0);
  else if (lastSeq > 0 && (head?.seq !== lastSeq || head.hash !== lastHash))
    breaks.add('head-mismatch', lastSeq);
  // Every organisation's trail starts with its sign-up; only failed sign-ins naming nobody ('') may have none.
  if (checked === 0 && orgId !== '') breaks.add('empty-chain', 1);

  const newest = newestCheckpoint ? publicCheckpoint(newestCheckpoint) : null;
  return breaks.verdict(checked, checkpointsChecked, newest);
}
