import { sha256Hex } from '../web-crypto.ts';

/**
 * The audit trail's hash chain, as the worker writes it and anyone checks it: the worker's verify,
 * and an auditor's offline check of an export.
 */

/** The previous hash of an organisation's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** The fields of a stored event that its hash covers: all of them but the hashes themselves. */
export type ChainedFields = {
  orgId: string;
  seq: number;
  occurredAt: number;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: string | null;
  after: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
};

/** SHA-256 over the previous event's hash and this event's canonical JSON. */
export function chainHash(prevHash: string, event: ChainedFields): Promise<string> {
  return sha256Hex(`${prevHash}\n${canonicalJson(event)}`);
}
