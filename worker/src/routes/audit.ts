import type { SignedCheckpoint } from '../../../shared/audit/checkpoint';
import { contract } from '../../../shared/contract';
import {
  auditRowsInOrder,
  eventHash,
  latestCheckpoint,
  listAuditEvents,
  publicEvent,
  verifyChain,
} from '../audit/queries';
import { publicSigningKey } from '../audit/signing-key';
import { database } from '../db/client';
import { handlers } from '../http/route';

const CSV_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'before',
  'after',
  'ip',
  'userAgent',
  'requestId',
  'hash',
] as const;

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would run as a formula gets a leading
 * apostrophe (OWASP CSV injection; ASVS 5.0 §1.2.10): the trail holds text typed by people.
 */
function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The last CSV row: `checkpoint` in the seq column, the signed checkpoint as JSON in `after`. */
function checkpointCsvRow(checkpoint: SignedCheckpoint): string {
  const cells: Record<string, unknown> = {
    seq: 'checkpoint',
    at: checkpoint.at,
    after: checkpoint,
    hash: checkpoint.hash,
  };
  return `${CSV_COLUMNS.map((column) => csvCell(cells[column] ?? null)).join(',')}\r\n`;
}

export const auditRoutes = handlers(contract.audit, {
  list: async (c) =>
    c.json(await listAuditEvents(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  export: async (c) => {
    const { format } = c.req.valid('query');
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    // The file covers the trail up to its newest signed checkpoint, which ends it: events written
    // while it streams are left for the next export.
    const checkpoint = await latestCheckpoint(db, orgId);
    const rows = auditRowsInOrder(db, orgId, checkpoint ? { upTo: checkpoint.seq } : {});
    const encoder = new TextEncoder();
    let started = false;
    // Pulled a page at a time: memory holds one page, whatever the trail's length.
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let text = '';
        if (!started && format === 'csv') text += `${CSV_COLUMNS.join(',')}\r\n`;
        started = true;
        const next = await rows.next();
        if (next.done) {
          if (checkpoint)
            text += format === 'csv' ? checkpointCsvRow(checkpoint) : `${JSON.stringify({ checkpoint })}\n`;
          if (text) controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        for (const row of next.value) {
          const event = publicEvent(row);
          text +=
            format === 'csv'
              ? `${CSV_COLUMNS.map((column) => csvCell(event[column])).join(',')}\r\n`
              : `${JSON.stringify(event)}\n`;
        }
        controller.enqueue(encoder.encode(text));
      },
      async cancel() {
        await rows.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 10);
    return c.body(stream, 200, {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
      'content-disposition': `attachment; filename="rollcall-audit-${stamp}.${format}"`,
    });
  },
  verify: async (c) =>
    c.json(await verifyChain(database(c.env.DB), c.get('member').orgId, await publicSigningKey())),
  checkpoint: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const { since } = c.req.valid('query');
    return c.json({
      checkpoint: await latestCheckpoint(db, orgId),
      key: await publicSigningKey(),
      since: since === undefined ? null : { seq: since, hash: await eventHash(db, orgId, since) },
    });
  },
  signingKey: async (c) => c.json(await publicSigningKey()),
});
