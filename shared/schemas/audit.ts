import { z } from 'zod';
import { signedCheckpointSchema } from '../audit/checkpoint';
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

/** What can be wrong with a chain, as verify names it. */
export const chainBreakKinds = [
  /** An event's content does not match its own hash: it was changed after it was written. */
  'hash-mismatch',
  /** An event does not name the hash of the event before it. */
  'broken-link',
  /** Sequence numbers are missing: events were removed. */
  'missing-events',
  /** The recorded head (the newest event's number and hash) does not match the newest event. */
  'head-mismatch',
  /** A signed checkpoint says the chain had reached further than it now does: its end was cut. */
  'head-behind-checkpoint',
  /** A signed checkpoint names another hash than the event at its number: events were rewritten. */
  'checkpoint-mismatch',
  /** A checkpoint's signature does not verify with the server's key: it was forged or altered. */
  'checkpoint-signature-bad',
  /** Events that no signed checkpoint covers: they were added without the key. */
  'unsigned-events',
  /** The organisation's trail is empty, though its sign-up is always its first event. */
  'empty-chain',
] as const;

export const chainBreakSchema = z.object({
  kind: z.enum(chainBreakKinds),
  /** The first sequence number concerned. */
  seq: z.number().int(),
  /** The last one, when the break spans several (a run of events or of checkpoints). */
  through: z.number().int(),
  /** Plain words for people. */
  detail: z.string(),
});
export type ChainBreak = z.infer<typeof chainBreakSchema>;

export const auditVerifySchema = z.object({
  intact: z.boolean(),
  /** How many events were checked. */
  checked: z.number().int(),
  /** How many signed checkpoints were checked (signature and hash). */
  checkpointsChecked: z.number().int(),
  /** Every break found, in sequence order (at most 100; `moreBreaks` counts the rest). */
  breaks: z.array(chainBreakSchema),
  moreBreaks: z.number().int(),
  /** The first sequence number where the chain breaks, when it does. */
  brokenAt: z.number().int().nullable(),
  /** The first break in plain words. */
  reason: z.string().nullable(),
  /** The newest signed checkpoint, as stored: an extension or auditor may keep it as a witness. */
  checkpoint: signedCheckpointSchema.nullable(),
});
export type ChainVerdict = z.infer<typeof auditVerifySchema>;
