import { z } from 'zod';
import { idSchema } from './directory';

/** One audit event as the API shows it. `at` is UTC (ISO 8601). */
export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

const isoTimeSchema = z.iso.datetime({ offset: true });

export const auditQuerySchema = z.strictObject({
  actorId: idSchema.optional(),
  action: z.string().min(1).max(100).optional(),
  targetType: z.string().min(1).max(50).optional(),
  targetId: z.string().min(1).max(200).optional(),
  /** Inclusive lower and exclusive upper bound, ISO 8601. */
  from: isoTimeSchema.optional(),
  to: isoTimeSchema.optional(),
  /** Events with a sequence number below this one (newest first). */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  /** Pass as `cursor` for the next (older) page; null when there is none. */
  nextCursor: z.number().int().nullable(),
});

export const auditExportQuerySchema = z.strictObject({ format: z.enum(['csv', 'ndjson']) });

export const auditVerifySchema = z.object({
  intact: z.boolean(),
  /** How many events were checked. */
  checked: z.number().int(),
  /** The first sequence number where the chain breaks, when it does. */
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
});
