import { Hono } from 'hono';
import {
  auditExportQuerySchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerifySchema,
} from '../../../shared/schemas/audit';
import type { AppEnv } from '../app-env';
import { auditRowsInOrder, listAuditEvents, publicEvent, verifyChain } from '../audit/queries';
import { database } from '../db/client';
import { routeGroup } from '../http/route';

const api = routeGroup('/api/v1/audit', 'Audit');

/** Who may read the trail: everyone but reviewers, whose work is access reviews. */
const READERS = ['owner', 'admin', 'auditor'] as const;

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

export const auditApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'Audit events, newest first, filtered by actor, action, target and time, cursor-paginated',
      roles: READERS,
      query: auditQuerySchema,
      responses: { 200: { description: 'A page of events', schema: auditPageSchema } },
    }),
    async (c) =>
      c.json(await listAuditEvents(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  )
  .get(
    '/export',
    api.route({
      method: 'get',
      path: '/export',
      summary: 'The whole trail, oldest first, streamed as CSV or NDJSON',
      roles: READERS,
      query: auditExportQuerySchema,
      responses: {
        200: {
          description: 'Every event of the organisation',
          contentType: 'text/csv or application/x-ndjson',
        },
      },
    }),
    async (c) => {
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
  )
  .get(
    '/verify',
    api.route({
      method: 'get',
      path: '/verify',
      summary: 'Whether the hash chain is whole; if not, the first event where it breaks',
      roles: READERS,
      responses: { 200: { description: 'The verdict', schema: auditVerifySchema } },
    }),
    async (c) => c.json(await verifyChain(database(c.env.DB), c.get('member').orgId)),
  );
