export {
  type ChainedFields,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
} from '../../../shared/audit/chain';

const SECRET_KEY = /password|secret|token|hash|salt/i;

/** Drops anything that looks like a secret from a before/after value: the trail never holds them. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, item]) => [key, redact(item)]),
  );
}
