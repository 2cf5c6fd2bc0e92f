import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAuditWitness, witness } from '../../../extension/lib/background/audit-witness';
import { AuditWarning } from '../../../extension/lib/popup/audit-warning';
import { type AuditWitness, auditWitnessItem, signedInAsItem } from '../../../extension/lib/storage';
import type { ApiClient } from '../../../extension/lib/sync/api-client';
import { keyIdOf, type SignedCheckpoint, signCheckpoint } from '../../../shared/audit/checkpoint';
import { toBase64Url } from '../../../shared/web-crypto';

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

const context = { serverUrl: 'https://rollcall.example', organisationId: 'org-1' };
const hash = (n: number, variant = '0') => `${variant}${String(n).padStart(63, 'a')}`;

/** A server key, and checkpoints of the head it signs. */
async function serverKey() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const key = { algorithm: 'Ed25519' as const, keyId: await keyIdOf(raw), publicKey: toBase64Url(raw) };
  const sign = (seq: number, variant = '0', orgId = context.organisationId) =>
    signCheckpoint(pair.privateKey, key.keyId, {
      orgId,
      seq,
      hash: hash(seq, variant),
      at: new Date(Date.UTC(2026, 10, 20)).toISOString(),
    });
  return { key, sign };
}

async function seeAll(shown: (SignedCheckpoint | null)[], key: Awaited<ReturnType<typeof serverKey>>['key']) {
  let state: AuditWitness | null = null;
  for (const [index, checkpoint] of shown.entries())
    state = await witness(state, { checkpoint, key }, context, index);
  return state as AuditWitness;
}

describe('the audit trail’s witness', () => {
  it('keeps the newest genuine checkpoint as the head moves on, with no warning', async () => {
    const { key, sign } = await serverKey();
    const state = await seeAll([null, await sign(3), await sign(3), await sign(9)], key);
    expect(state.warning).toBeNull();
    expect(state.checkpoint?.seq).toBe(9);
  });

  it('warns when the head goes back or the trail is emptied, and keeps warning', async () => {
    const { key, sign } = await serverKey();
    const back = await seeAll([await sign(9), await sign(7), await sign(12)], key);
    // The warning stays, naming what was seen then, while the witness follows the head on.
    expect(back.warning).toMatchObject({ kind: 'went-back', shownSeq: 7, knownSeq: 9 });
    expect(back.checkpoint?.seq).toBe(12);
    const emptied = await seeAll([await sign(9), null], key);
    expect(emptied.warning).toMatchObject({ kind: 'went-back', shownSeq: 0 });
  });

  it('warns when the same point reads differently, or a checkpoint does not verify', async () => {
    const { key, sign } = await serverKey();
    expect((await seeAll([await sign(9), await sign(9, 'b')], key)).warning?.kind).toBe('rewritten');
    const forged = { ...(await sign(10)), hash: hash(10, 'f') };
    expect((await seeAll([await sign(9), forged], key)).warning?.kind).toBe('signature-bad');
    const otherFirm = await sign(10, '0', 'org-2');
    expect((await seeAll([otherFirm], key)).warning?.kind).toBe('signature-bad');
    // The head moved on, but the event this browser saw signed reads differently now (or is gone).
    const moved = await sign(12);
    for (const hashNow of [hash(9, 'c'), null]) {
      const earlier = await seeAll([await sign(9)], key);
      const later = await witness(
        earlier,
        { checkpoint: moved, key, since: { seq: 9, hash: hashNow } },
        context,
        3,
      );
      expect(later.warning?.kind).toBe('rewritten');
    }
    const honest = await witness(
      await seeAll([await sign(9)], key),
      { checkpoint: moved, key, since: { seq: 9, hash: hash(9) } },
      context,
      3,
    );
    expect(honest).toMatchObject({ warning: null, checkpoint: { seq: 12 } });
    const other = await serverKey();
    const rotated = await witness(
      await seeAll([await sign(9)], key),
      { checkpoint: await other.sign(10), key: other.key },
      context,
      5,
    );
    expect(rotated.warning?.kind).toBe('key-changed');
  });

  it('starts afresh for another firm or server', async () => {
    const { key, sign } = await serverKey();
    const warned = await seeAll([await sign(9), await sign(2)], key);
    const elsewhere = await witness(
      warned,
      { checkpoint: null, key },
      { ...context, serverUrl: 'https://other.example' },
      9,
    );
    expect(elsewhere).toMatchObject({ warning: null, checkpoint: null, serverUrl: 'https://other.example' });
  });

  it('is kept by the background after a sync, and the popup’s home says what went wrong', async () => {
    const { key, sign } = await serverKey();
    let shown = await sign(9);
    const asked: unknown[] = [];
    const api = {
      call: async (_: unknown, request: { query: { since?: number } }) => {
        const since = request.query.since;
        asked.push(since);
        return {
          ok: true,
          value: { checkpoint: shown, key, since: since ? { seq: since, hash: hash(since) } : null },
        };
      },
    } as unknown as ApiClient;
    const background = createAuditWitness({ api, now: () => Date.UTC(2026, 10, 21) });
    await signedInAsItem.setValue({
      state: 'signed-in',
      serverUrl: context.serverUrl,
      member: { id: 'm-1', name: 'Ada', email: 'ada@example.com', role: 'admin' },
      organisation: { id: context.organisationId, name: 'Firm' },
    });
    await background.checkAuditHead();
    render(<AuditWarning />);
    expect((await auditWitnessItem.getValue())?.checkpoint?.seq).toBe(9);
    expect(screen.queryByTestId('audit-warning')).toBeNull();

    shown = await sign(4);
    await background.checkAuditHead();
    // The second time it asks how the event it saw signed reads now.
    expect(asked).toEqual([undefined, 9]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^Rollcall’s record of changes has lost entries: this browser saw change 9 on .*2026, but the server now shows only 4\. Someone may have deleted entries from the server’s database\. Tell whoever runs your Rollcall server/,
    );
  });

  it('is not kept for reviewers, who do not read the trail', async () => {
    const { key, sign } = await serverKey();
    const checkpoint = await sign(9);
    const api = {
      call: async () => ({ ok: true, value: { checkpoint, key, since: null } }),
    } as unknown as ApiClient;
    await signedInAsItem.setValue({
      state: 'signed-in',
      serverUrl: context.serverUrl,
      member: { id: 'm-2', name: 'Rita', email: 'rita@example.com', role: 'reviewer' },
      organisation: { id: context.organisationId, name: 'Firm' },
    });
    await createAuditWitness({ api, now: Date.now }).checkAuditHead();
    expect(await auditWitnessItem.getValue()).toBeNull();
  });
});
