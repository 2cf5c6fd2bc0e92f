// `npm run audit:verify-export -- FILE --key PUBLIC_KEY` (or `--server https://rollcall.example`):
// checks an audit export (CSV or NDJSON) or a review evidence export (CSV or HTML) offline. An audit
// export has its whole hash chain recomputed and must end exactly at the signed checkpoint it
// carries; the checkpoint's signature must verify with the server's public key (GET
// /api/v1/audit/signing-key, the `publicKey` field). Exits 0 when the file checks out, 1 when not.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type AuditSigningKey, auditSigningKeySchema, keyIdOf } from '../shared/audit/checkpoint.ts';
import { verifyExport } from '../shared/audit/verify-export.ts';
import { fromBase64 } from '../shared/web-crypto.ts';

const USAGE = 'usage: npm run audit:verify-export -- FILE (--key PUBLIC_KEY | --server URL)';

async function publicKey(values: { key?: string; server?: string }): Promise<AuditSigningKey> {
  if (values.key) {
    const raw = fromBase64(values.key);
    if (raw?.length !== 32) throw new Error('--key must be the 32-byte public key in base64url.');
    return { algorithm: 'Ed25519', keyId: await keyIdOf(raw), publicKey: values.key };
  }
  if (values.server) {
    const response = await fetch(new URL('/api/v1/audit/signing-key', values.server));
    if (!response.ok) throw new Error(`${values.server} answered ${response.status} for its signing key.`);
    return auditSigningKeySchema.parse(await response.json());
  }
  throw new Error(USAGE);
}

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { key: { type: 'string' }, server: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file) throw new Error(USAGE);
  const key = await publicKey(values);
  const check = await verifyExport(readFileSync(file, 'utf8'), key);
  const { checkpoint } = check;
  console.log(`${file}: ${check.kind}${check.kind === 'audit export' ? `, ${check.events} events` : ''}`);
  if (checkpoint) {
    console.log(
      `checkpoint: event ${checkpoint.seq} of organisation ${checkpoint.orgId}, hash ${checkpoint.hash}, signed ${checkpoint.at} with key ${checkpoint.keyId}`,
    );
  }
  if (check.ok) {
    console.log(
      check.kind === 'audit export'
        ? 'OK: every event matches its hash, and the chain ends at the checkpoint signed with the server’s key.'
        : 'OK: the checkpoint is signed with the server’s key. An audit export holding this event with this hash confirms the trail it belongs to.',
    );
  } else {
    console.log('NOT OK:');
    for (const problem of check.problems) console.log(`  - ${problem}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
