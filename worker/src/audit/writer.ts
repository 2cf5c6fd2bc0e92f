import { eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { signCheckpoint } from '../../../shared/audit/checkpoint';
import type { AppEnv } from '../app-env';
import type { Database } from '../db/client';
import { reusableQuery } from '../db/reusable-query';
import { auditCheckpoints, auditEvents, auditHeads } from '../db/schema';
import { asBatchItem, toStatement, type Write } from '../db/versions';
import { clientOf } from '../http/request-context';
import { type ChainedFields, chainHash, GENESIS_HASH, redact } from './chain';
import { auditSigner } from './signing-key';

/** What a route says about one change it makes. `before`/`after` are redacted of secrets. */
export type AuditEventInput = {
  /** dotted verb: `member.invite`, `auth.login_failed`, `person.update` … */
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Who acted, from where, in which organisation's chain. */
export type AuditActor = {
  /** '' for sign-in attempts that name no known member: they go on a chain of their own. */
  orgId: string;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
};

/** The actor of an authenticated request: the signed-in member, in their organisation. */
/** A member acting from a client: the one way an actor is made of a member. */
export function actorOf(
  member: { orgId: string; id: string; name: string },
  client: ReturnType<typeof clientOf>,
): AuditActor {
  return { orgId: member.orgId, actorId: member.id, actorName: member.name, ...client };
}

/** Rollcall itself acting for an organisation (the daily check, a fix checked): no member, no client. */
export function rollcallActor(orgId: string, actorName: string): AuditActor {
  return { orgId, actorId: null, actorName, ip: null, userAgent: null, requestId: crypto.randomUUID() };
}

export function memberActor(c: Context<AppEnv>): AuditActor {
  return actorOf(c.get('member'), clientOf(c));
}

const MAX_ATTEMPTS = 16;
type Statement = BatchItem<'sqlite'>;
type Results<T extends readonly Statement[]> = { -readonly [K in keyof T]: Awaited<T[K]> };
type ChainHead = { seq: number; hash: string };

function isChainConflict(error: unknown): boolean {
  const text = `${error instanceof Error ? error.message : error} ${(error as { cause?: unknown })?.cause ?? ''}`;
  return /UNIQUE constraint failed: audit_(events|checkpoints)\.|PRIMARY KEY.*audit_(events|checkpoints)|audit chain moved/i.test(
    text,
  );
}

/**
 * Per organisation, this isolate's audited writes one after another, and the chain head the last
 * of them left. Writes of one isolate then never race each other for a sequence number, and the
 * next write builds on the head it knows instead of reading it again. The head is only a guess:
 * each batch checks it against `audit_heads` (chainGuard), so a write from another isolate, or a
 * head that is no longer there, fails the batch and it is retried on the head as stored.
 *
 * Taking turns is only a saving, never what keeps the chain whole: a write waits for the one before
 * it at most TURN_WAIT_MS, so a request cancelled mid-write (its client gone) cannot hold up the
 * writes after it.
 */
const TURN_WAIT_MS = 2_000;
const chains = new Map<string, { turn: Promise<void>; head: ChainHead | null }>();

async function inChainTurn<T>(
  orgId: string,
  run: (chain: { head: ChainHead | null }) => Promise<T>,
): Promise<T> {
  let chain = chains.get(orgId);
  if (!chain) {
    chain = { turn: Promise.resolve(), head: null };
    chains.set(orgId, chain);
  }
  const previous = chain.turn;
  let release = () => {};
  chain.turn = new Promise<void>((resolve) => {
    release = resolve;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    previous,
    new Promise((resolve) => {
      timer = setTimeout(resolve, TURN_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  try {
    return await run(chain);
  } finally {
    release();
  }
}

/**
 * A statement that fails its batch unless the organisation's stored chain head is `head` (none
 * stored for sequence 0), with an error of its own: SQLite names the bad JSON path it was given.
 */
function chainGuard(db: Database, orgId: string, head: ChainHead) {
  return asBatchItem(
    toStatement(
      db,
      sql`SELECT json_extract('{}', CASE WHEN coalesce(
        (SELECT seq = ${head.seq} AND hash = ${head.hash} FROM ${auditHeads} WHERE org_id = ${orgId}),
        ${head.seq} = 0) THEN '$' ELSE 'audit chain moved' END)`,
    ),
  );
}

// The statements every audited write makes, their SQL built once (db/reusable-query.ts).
type EventRow = typeof auditEvents.$inferInsert;
const eventInsert = reusableQuery((db, row: ChainedFields & { prevHash: string; hash: string }) =>
  db.insert(auditEvents).values({
    orgId: row.orgId,
    seq: row.seq,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    prevHash: row.prevHash,
    hash: row.hash,
  } satisfies Required<EventRow>),
);
const headUpsert = reusableQuery((db, head: { orgId: string; seq: number; hash: string }) =>
  db
    .insert(auditHeads)
    .values({ orgId: head.orgId, seq: head.seq, hash: head.hash })
    .onConflictDoUpdate({ target: auditHeads.orgId, set: { seq: head.seq, hash: head.hash } }),
);
const checkpointInsert = reusableQuery((db, row: typeof auditCheckpoints.$inferInsert) =>
  db.insert(auditCheckpoints).values({
    orgId: row.orgId,
    seq: row.seq,
    hash: row.hash,
    signedAt: row.signedAt,
    keyId: row.keyId,
    signature: row.signature,
  }),
);

async function storedHead(db: Database, orgId: string): Promise<ChainHead> {
  const [head] = await db.select().from(auditHeads).where(eq(auditHeads.orgId, orgId)).limit(1);
  return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Writes a change and the audit events that describe it in ONE D1 batch (one transaction): there is
 * never a change without its event, nor an event without its change.
 *
 * ```ts
 * const [updated] = await writeAudited(db, memberActor(c),
 *   [db.update(people).set(next).where(and(eq(people.id, id), eq(people.orgId, orgId))).returning()],
 *   [{ action: 'person.update', targetType: 'person', targetId: id, before, after: next }]);
 * ```
 *
 * `statements` are drizzle queries (not awaited); their results come back in the same order.
 * Pass `[]` to record events alone (a failed sign-in). The events are appended to the actor's
 * organisation chain: each gets the next sequence number and a hash over the previous hash and its
 * canonical JSON. The batch builds on the head this isolate's last write left (read once, then
 * known) and checks it is still the stored head; two writers building on the same head cannot
 * both win either way: the primary key (org_id, seq) makes the loser's whole batch fail and roll
 * back, and it is retried on the head as stored. Any other failure (e.g. a unique index of the
 * route's own table) is rethrown as is. The batch also stores a signed checkpoint of the new head
 * (see signing-key.ts), so every head the chain has had is signed with a key the database does
 * not hold.
 *
 * Pass no events for bookkeeping nobody decided (a session's last use, the daily check's delivery
 * state): it is still one batch, and the chain is not read.
 */
export async function writeAudited<const T extends readonly Statement[]>(
  db: Database,
  actor: AuditActor,
  statements: T,
  events: readonly AuditEventInput[],
): Promise<Results<T>> {
  if (events.length === 0) {
    if (statements.length === 0) return [] as unknown as Results<T>;
    return (await db.batch(statements as unknown as [Statement, ...Statement[]])) as unknown as Results<T>;
  }
  const signer = await auditSigner();
  return inChainTurn(actor.orgId, async (chain) => {
    for (let attempt = 1; ; attempt++) {
      const head = chain.head ?? (await storedHead(db, actor.orgId));
      let { seq, hash: prevHash } = head;
      const occurredAt = Date.now();
      const auditStatements: Statement[] = [chainGuard(db, actor.orgId, head)];
      for (const event of events) {
        seq += 1;
        const fields: ChainedFields = {
          orgId: actor.orgId,
          seq,
          occurredAt,
          actorId: actor.actorId,
          actorName: actor.actorName,
          action: event.action,
          targetType: event.targetType,
          targetId: event.targetId ?? null,
          before: event.before === undefined ? null : JSON.stringify(redact(event.before)),
          after: event.after === undefined ? null : JSON.stringify(redact(event.after)),
          ip: actor.ip,
          userAgent: actor.userAgent,
          requestId: actor.requestId,
        };
        const hash = await chainHash(prevHash, fields);
        auditStatements.push(eventInsert(db, { ...fields, prevHash, hash }));
        prevHash = hash;
      }
      const checkpoint = await signCheckpoint(signer.privateKey, signer.keyId, {
        orgId: actor.orgId,
        seq,
        hash: prevHash,
        at: new Date(occurredAt).toISOString(),
      });
      auditStatements.push(
        headUpsert(db, { orgId: actor.orgId, seq, hash: prevHash }),
        checkpointInsert(db, {
          orgId: actor.orgId,
          seq,
          hash: prevHash,
          signedAt: occurredAt,
          keyId: checkpoint.keyId,
          signature: checkpoint.signature,
        }),
      );
      const all = [...statements, ...auditStatements];
      try {
        const results = await db.batch(all as unknown as [Statement, ...Statement[]]);
        chain.head = { seq, hash: prevHash };
        return results.slice(0, statements.length) as unknown as Results<T>;
      } catch (error) {
        chain.head = null;
        if (attempt < MAX_ATTEMPTS && isChainConflict(error)) {
          // Another isolate took this sequence number: back off a little and build on its event.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
          continue;
        }
        throw error;
      }
    }
  });
}

/**
 * `writeAudited` for a `Write` (prepared D1 statements and a reader of their results, as the
 * directory's queries plan them), as the signed-in member.
 */
export async function runAudited<T>(
  c: Context<AppEnv>,
  db: Database,
  write: Write<T>,
  events: readonly AuditEventInput[],
): Promise<T> {
  const results = await writeAudited(db, memberActor(c), write.statements.map(asBatchItem), events);
  return write.read(results as unknown as D1Result[]);
}

/** Whether a failed write broke a unique index of `table` (so a route can answer 409). */
export function isUniqueViolation(error: unknown, table: string): boolean {
  const text = `${error instanceof Error ? error.message : error} ${(error as { cause?: unknown })?.cause ?? ''}`;
  return new RegExp(`UNIQUE constraint failed: ${table}\\.`).test(text);
}
