import { z } from 'zod';
import { auditSigningKeySchema, signedCheckpointSchema } from '../audit/checkpoint';
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
    summary:
      'The whole trail, oldest first, streamed as CSV or NDJSON, up to the newest signed checkpoint, which ends the file',
    roles: AUDIT_READERS,
    query: auditExportQuerySchema,
    responses: {
      200: {
        description:
          'Every event up to the newest signed checkpoint; then the checkpoint: NDJSON a last line {"checkpoint": …}, CSV a last row whose seq is "checkpoint" and whose after cell holds it',
        contentType: 'text/csv or application/x-ndjson',
      },
    },
  },
  verify: {
    method: 'get',
    path: '/api/v1/audit/verify',
    summary:
      'Whether the hash chain is whole and agrees with its signed checkpoints; if not, every break found',
    roles: AUDIT_READERS,
    responses: { 200: { description: 'The verdict', schema: auditVerifySchema } },
  },
  checkpoint: {
    method: 'get',
    path: '/api/v1/audit/checkpoint',
    summary:
      'The newest signed checkpoint of the trail and the key that checks it, and the hash of event `since` now (cheap: no chain walk)',
    roles: AUDIT_READERS,
    query: z.strictObject({
      /** The sequence number of a checkpoint the caller saw before: its event's hash comes back. */
      since: z.coerce.number().int().positive().optional(),
    }),
    responses: {
      200: {
        description:
          'The checkpoint (null before the first event), the public key, and the hash event `since` has now (null: no such event)',
        schema: z.object({
          checkpoint: signedCheckpointSchema.nullable(),
          key: auditSigningKeySchema,
          since: z.object({ seq: z.number().int(), hash: z.string().nullable() }).nullable(),
        }),
      },
    },
  },
  signingKey: {
    method: 'get',
    path: '/api/v1/audit/signing-key',
    summary: 'The public Ed25519 key that checks audit checkpoints, for auditors checking exports offline',
    roles: 'public',
    responses: { 200: { description: 'The public key', schema: auditSigningKeySchema } },
  },
});
