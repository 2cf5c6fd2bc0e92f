import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH, redact } from '../../worker/src/audit/chain';

const event = {
  orgId: 'org-1',
  seq: 1,
  occurredAt: 1_700_000_000_000,
  actorId: 'm-1',
  actorName: 'Ada',
  action: 'member.create',
  targetType: 'member',
  targetId: 'm-2',
  before: null,
  after: '{"role":"admin"}',
  ip: '192.0.2.1',
  userAgent: 'test',
  requestId: 'r-1',
};

describe('the hash chain', () => {
  it('serialises objects the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });

  it('changes the hash when any field or the previous hash changes', async () => {
    const hash = await chainHash(GENESIS_HASH, event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await chainHash(GENESIS_HASH, { ...event })).toBe(hash);
    for (const [field, value] of Object.entries({
      seq: 2,
      actorName: 'Eve',
      after: '{"role":"owner"}',
      ip: null,
    })) {
      expect(await chainHash(GENESIS_HASH, { ...event, [field]: value }), field).not.toBe(hash);
    }
    expect(await chainHash('1'.repeat(64), event)).not.toBe(hash);
  });

  it('drops secrets from before and after, however deep', () => {
    expect(
      redact({
        email: 'a@example.com',
        password: 'x',
        nested: [{ passwordHash: 'h', refreshToken: 't', role: 'admin' }],
      }),
    ).toEqual({ email: 'a@example.com', nested: [{ role: 'admin' }] });
  });
});
