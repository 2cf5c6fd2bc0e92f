import { contract } from '../../../shared/contract';
import { auditRowsInOrder, listAuditEvents, publicEvent, verifyChain } from '../audit/queries';
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

export const auditRoutes = handlers(contract.audit, {
  list: async (c) =>
    c.json(await listAuditEvents(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  export: async (c) => {
    const { format } = c.req.valid('query');
    const rows = auditRowsInOrder(database(c.env.DB), c.get('member').orgId);
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
  verify: async (c) => c.json(await verifyChain(database(c.env.DB), c.get('member').orgId)),
});
