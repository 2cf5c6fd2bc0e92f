import {
  auditExportQuerySchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerifySchema,
} from '../schemas/audit';
import { operations } from './operation';

/** Who may read the trail: everyone but reviewers, whose work is access reviews. */
const AUDIT_READERS = ['owner', 'admin', 'auditor'] as const;

export const audit = operations('Audit', {
  list: {
    method: 'get',
    path: '/api/v1/audit',
    summary: 'Audit events, newest first, filtered by actor, action, target and time, cursor-paginated',
    roles: AUDIT_READERS,
    query: auditQuerySchema,
    responses: { 200: { description: 'A page of events', schema: auditPageSchema } },
  },
  export: {
    method: 'get',
    path: '/api/v1/audit/export',
    summary: 'The whole trail, oldest first, streamed as CSV or NDJSON',
    roles: AUDIT_READERS,
    query: auditExportQuerySchema,
    responses: {
      200: {
        description: 'Every event of the organisation',
        contentType: 'text/csv or application/x-ndjson',
      },
    },
  },
  verify: {
    method: 'get',
    path: '/api/v1/audit/verify',
    summary: 'Whether the hash chain is whole; if not, the first event where it breaks',
    roles: AUDIT_READERS,
    responses: { 200: { description: 'The verdict', schema: auditVerifySchema } },
  },
});
