import { parseCsv, unguardCell } from '../csv.ts';
import { type ChainedFields, chainHash, GENESIS_HASH } from './chain.ts';
import {
  type AuditSigningKey,
  checkpointSignatureValid,
  type SignedCheckpoint,
  signedCheckpointSchema,
} from './checkpoint.ts';

/**
 * Checks an exported file offline, with nothing but the server's public key: an audit export (CSV
 * or NDJSON) has its whole chain recomputed from the first event and must end exactly at the signed
 * checkpoint it carries; a review evidence export (CSV or HTML) carries the checkpoint of the trail
 * when it was exported, whose signature is checked.
 */

export type ExportCheck = {
  kind: 'audit export' | 'review evidence';
  ok: boolean;
  /** Events recomputed (audit exports). */
  events: number;
  checkpoint: SignedCheckpoint | null;
  /** What is wrong, in plain words; empty when ok. */
  problems: string[];
};

/** The label of the evidence CSV's last row and the id of the HTML element holding the checkpoint. */
export const EVIDENCE_CHECKPOINT_LABEL = 'audit checkpoint';
export const EVIDENCE_CHECKPOINT_ID = 'audit-checkpoint';

/** An exported event: for each field the stored values it may stand for, likeliest first. */
type ExportedEvent = {
  seq: number;
  occurredAt: number;
  hash: string;
  fields: Record<Exclude<keyof ChainedFields, 'orgId' | 'seq' | 'occurredAt'>, (string | null)[]>;
};

const unique = <T>(values: T[]) => [...new Set(values)];

/** A JSON column (before, after) as exported: the API shows it parsed, so `null` may be stored 'null'. */
function jsonColumn(value: unknown): (string | null)[] {
  if (value === null || value === undefined) return [null, 'null'];
  // A stored text that is not JSON is shown as it is.
  return unique([JSON.stringify(value), ...(typeof value === 'string' ? [value] : [])]);
}

function fromNdjson(value: Record<string, unknown>): ExportedEvent {
  const text = (key: string) => [(value[key] ?? null) as string | null];
  return {
    seq: Number(value.seq),
    occurredAt: Date.parse(String(value.at)),
    hash: String(value.hash),
    fields: {
      actorId: text('actorId'),
      actorName: text('actorName'),
      action: text('action'),
      targetType: text('targetType'),
      targetId: text('targetId'),
      before: jsonColumn(value.before),
      after: jsonColumn(value.after),
      ip: text('ip'),
      userAgent: text('userAgent'),
      requestId: text('requestId'),
    },
  };
}

/** A CSV cell: formula guards may be taken off, and an empty nullable cell may be null or ''. */
function csvText(cell: string, nullable: boolean): (string | null)[] {
  if (cell === '' && nullable) return [null, ''];
  return unique([unguardCell(cell), cell]);
}

function csvJson(cell: string): (string | null)[] {
  if (cell === '') return [null, 'null', '""'];
  return unique(
    csvText(cell, false).flatMap((text) => {
      try {
        return [JSON.stringify(JSON.parse(text as string)), JSON.stringify(text)];
      } catch {
        return [JSON.stringify(text)];
      }
    }),
  );
}

async function hashMatches(orgId: string, prevHash: string, event: ExportedEvent): Promise<boolean> {
  const names = Object.keys(event.fields) as (keyof ExportedEvent['fields'])[];
  // Try the likeliest reading first, then the others (a few per event at most).
  let combos: Record<string, string | null>[] = [{}];
  for (const name of names) {
    combos = combos.flatMap((combo) => event.fields[name].map((value) => ({ ...combo, [name]: value })));
    if (combos.length > 1024) combos = combos.slice(0, 1024);
  }
  for (const combo of combos) {
    const fields = { orgId, seq: event.seq, occurredAt: event.occurredAt, ...combo } as ChainedFields;
    if ((await chainHash(prevHash, fields)) === event.hash) return true;
  }
  return false;
}

function parseCheckpoint(value: unknown): SignedCheckpoint | null {
  const parsed = signedCheckpointSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

type Parsed = {
  kind: ExportCheck['kind'];
  events: ExportedEvent[] | null;
  checkpoint: SignedCheckpoint | null;
};

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function parseExport(text: string): Parsed {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('<')) {
    const found = new RegExp(`<pre id="${EVIDENCE_CHECKPOINT_ID}">([^<]*)</pre>`).exec(body);
    const json = found?.[1]?.replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, name: string) => HTML_ENTITIES[name] ?? '',
    );
    return {
      kind: 'review evidence',
      events: null,
      checkpoint: json ? parseCheckpoint(parseJson(json)) : null,
    };
  }
  if (body.startsWith('{')) {
    const events: ExportedEvent[] = [];
    let checkpoint: SignedCheckpoint | null = null;
    for (const line of body.split('\n')) {
      if (line.trim() === '') continue;
      const value = parseJson(line) as Record<string, unknown> | undefined;
      if (value && 'checkpoint' in value) checkpoint = parseCheckpoint(value.checkpoint);
      else if (value) events.push(fromNdjson(value));
    }
    return { kind: 'audit export', events, checkpoint };
  }
  const [header, ...records] = parseCsv(body).records;
  const column = (name: string) => header?.cells.indexOf(name) ?? -1;
  if (header?.cells[0] !== 'seq') {
    const row = records.find((record) => record.cells[0] === EVIDENCE_CHECKPOINT_LABEL);
    return {
      kind: 'review evidence',
      events: null,
      checkpoint: row ? parseCheckpoint(parseJson(row.cells[1] ?? '')) : null,
    };
  }
  const events: ExportedEvent[] = [];
  let checkpoint: SignedCheckpoint | null = null;
  for (const { cells } of records) {
    const cell = (name: string) => cells[column(name)] ?? '';
    if (cell('seq') === 'checkpoint') {
      checkpoint = parseCheckpoint(parseJson(cell('after')));
      continue;
    }
    events.push({
      seq: Number(cell('seq')),
      occurredAt: Date.parse(cell('at')),
      hash: cell('hash'),
      fields: {
        actorId: csvText(cell('actorId'), true),
        actorName: csvText(cell('actorName'), false),
        action: csvText(cell('action'), false),
        targetType: csvText(cell('targetType'), false),
        targetId: csvText(cell('targetId'), true),
        before: csvJson(cell('before')),
        after: csvJson(cell('after')),
        ip: csvText(cell('ip'), true),
        userAgent: csvText(cell('userAgent'), true),
        requestId: csvText(cell('requestId'), false),
      },
    });
  }
  return { kind: 'audit export', events, checkpoint };
}

const range = (from: number, to: number) => (from === to ? `Event ${from}` : `Events ${from} to ${to}`);

export async function verifyExport(text: string, key: AuditSigningKey): Promise<ExportCheck> {
  const { kind, events, checkpoint } = parseExport(text);
  const problems: string[] = [];
  if (!checkpoint) {
    problems.push('The file carries no signed checkpoint (or it was altered so that it no longer reads).');
  } else if (checkpoint.keyId !== key.keyId) {
    problems.push(`The checkpoint was signed with key ${checkpoint.keyId}, not with key ${key.keyId}.`);
  } else if (!(await checkpointSignatureValid(checkpoint, key))) {
    problems.push('The checkpoint’s signature does not verify: the checkpoint was altered or forged.');
  }
  let checked = 0;
  if (events && checkpoint) {
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    for (const event of events) {
      if (!Number.isInteger(event.seq) || event.seq <= lastSeq) {
        problems.push(`A row after event ${lastSeq} has no valid sequence number.`);
        continue;
      }
      if (event.seq > lastSeq + 1) problems.push(`${range(lastSeq + 1, event.seq - 1)} missing.`);
      else if (!(await hashMatches(checkpoint.orgId, prevHash, event)))
        problems.push(`Event ${event.seq} does not match its hash: it, or the event before it, was changed.`);
      prevHash = event.hash;
      lastSeq = event.seq;
      checked += 1;
    }
    if (lastSeq < checkpoint.seq)
      problems.push(`${range(lastSeq + 1, checkpoint.seq)} missing from the end.`);
    else if (lastSeq > checkpoint.seq)
      problems.push(`${range(checkpoint.seq + 1, lastSeq)} not covered by the checkpoint.`);
    else if (prevHash !== checkpoint.hash)
      problems.push('The last event does not match the signed checkpoint.');
  }
  return { kind, ok: problems.length === 0, events: checked, checkpoint, problems };
}
