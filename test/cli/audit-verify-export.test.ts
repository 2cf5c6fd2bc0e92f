import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChainedFields, chainHash, GENESIS_HASH } from '../../shared/audit/chain';
import { keyIdOf, signCheckpoint } from '../../shared/audit/checkpoint';
import { toBase64Url } from '../../shared/web-crypto';
import { buildCli, runFile } from './cli-harness';

/**
 * `rollcall audit verify-export`, the documented command an auditor runs on an export, offline: a
 * file as the worker writes it (NDJSON: one event a line, the signed checkpoint last), with a key
 * made for the test.
 */

const folder = mkdtempSync(join(tmpdir(), 'rollcall-export-'));
let cli = '';
beforeAll(() => {
  cli = buildCli(folder);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function signedExport() {
  const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey));
  const keyId = await keyIdOf(raw);
  const orgId = 'org-firm';
  const lines: string[] = [];
  let prevHash = GENESIS_HASH;
  const actions = ['organisation.create', 'member.create', 'person.update'];
  for (const [index, action] of actions.entries()) {
    const fields: ChainedFields = {
      orgId,
      seq: index + 1,
      occurredAt: Date.UTC(2026, 11, 1, 9, index),
      actorId: 'm-1',
      actorName: 'Ada Owner',
      action,
      targetType: 'member',
      targetId: index === 0 ? null : `t-${index}`,
      before: index === 2 ? JSON.stringify({ status: 'active' }) : null,
      after: JSON.stringify({ status: index === 2 ? 'leaver' : 'active' }),
      ip: '192.0.2.1',
      userAgent: 'Mozilla/5.0',
      requestId: `r-${index}`,
    };
    const hash = await chainHash(prevHash, fields);
    const { orgId: _, occurredAt, before, after, ...shown } = fields;
    lines.push(
      JSON.stringify({
        ...shown,
        at: new Date(occurredAt).toISOString(),
        before: before === null ? null : JSON.parse(before),
        after: after === null ? null : JSON.parse(after),
        hash,
      }),
    );
    prevHash = hash;
  }
  const checkpoint = await signCheckpoint(keys.privateKey, keyId, {
    orgId,
    seq: actions.length,
    hash: prevHash,
    at: new Date().toISOString(),
  });
  lines.push(JSON.stringify({ checkpoint }));
  return { text: `${lines.join('\n')}\n`, publicKey: toBase64Url(raw) };
}

async function run(text: string, ...args: string[]) {
  const file = join(folder, `export-${Math.random().toString(36).slice(2)}.ndjson`);
  writeFileSync(file, text);
  const result = await runFile(cli, ['audit', 'verify-export', file, ...args], { env: { HOME: folder } });
  return { status: result.status, out: result.stdout + result.stderr };
}

describe('rollcall audit verify-export', () => {
  it('passes an export as written, and fails it once edited, cut or checked with another key', async () => {
    const { text, publicKey } = await signedExport();
    const good = await run(text, `--key=${publicKey}`);
    expect(good.out).toContain('audit export, 3 events');
    expect(good.out).toContain('OK: every event matches its hash');
    expect(good.status).toBe(0);

    const edited = await run(text.replace('"leaver"', '"active"'), `--key=${publicKey}`);
    expect(edited.status).toBe(1);
    expect(edited.out).toContain('NOT OK:\n  - Event 3 does not match its hash');

    const lines = text.trim().split('\n');
    const cut = await run([...lines.slice(0, 2), lines[3]].join('\n'), `--key=${publicKey}`);
    expect(cut.status).toBe(1);
    expect(cut.out).toContain('Event 3 missing from the end.');

    const other = await signedExport();
    const wrongKey = await run(text, `--key=${other.publicKey}`);
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.out).toMatch(/The checkpoint was signed with key [0-9a-f]{16}, not with key/);
  });

  it('says how to call it when the key is missing', async () => {
    const result = await run('{}\n');
    expect(result.status).toBe(2);
    expect(result.out).toBe(
      'rollcall: Give the public key with --key, or the server to ask for it with --server URL.\n',
    );
  });
});
