import { type AuditSigningKey, keyIdOf } from '../../shared/audit/checkpoint';
import { verifyExport } from '../../shared/audit/verify-export';
import { contract } from '../../shared/contract';
import { fromBase64 } from '../../shared/web-crypto';
import { createCliApi } from '../api';
import { type Context, choice, defineCommand, readInput } from '../command';
import { readConnection, serverUrl } from '../config';
import { EXIT, usageError } from '../exit-codes';
import { emit } from '../output';

const FORMATS = ['csv', 'ndjson'] as const;

/** `rollcall audit export`: the whole audit trail, ending with the signed checkpoint it reaches. */
export const auditExport = defineCommand({
  name: ['audit', 'export'],
  usage: '[--format csv|ndjson] [--output FILE]',
  summary: 'Download the audit trail, with its signed checkpoint',
  details: `Every event, oldest first, each with its hash, and last the checkpoint the server signed:
rollcall audit verify-export checks such a file offline.`,
  options: { format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  optionHelp: { format: 'csv (the default) or ndjson', output: 'write to this file instead of the screen' },
  async run({ values }, context) {
    const format = choice('format', values.format, FORMATS) ?? 'csv';
    const api = await context.api();
    context.progress('Downloading the audit trail…');
    const text = await api
      .call(contract.audit.export, { query: { format } })
      .finally(() => context.progress(null));
    await emit(context, text, values.output);
    return EXIT.ok;
  },
});

/** The public key that checks checkpoints: given, or asked of a server (no key needed for that). */
async function publicKey(
  values: { key?: string; server?: string },
  context: Context,
): Promise<AuditSigningKey> {
  if (values.key) {
    const raw = fromBase64(values.key);
    if (raw?.length !== 32) throw usageError('--key must be the 32-byte public key in base64url.');
    return { algorithm: 'Ed25519', keyId: await keyIdOf(raw), publicKey: values.key };
  }
  let url: string;
  if (values.server) url = serverUrl(values.server);
  else {
    url = await readConnection(context.env).then(
      (connection) => connection.url,
      () => {
        throw usageError('Give the public key with --key, or the server to ask for it with --server URL.');
      },
    );
  }
  return createCliApi({ url, key: '' }).call(contract.audit.signingKey);
}

/**
 * `rollcall audit verify-export`: checks an audit export (CSV or NDJSON) or a review evidence export
 * (CSV or HTML) offline. An audit export has its whole hash chain recomputed and must end exactly at
 * the signed checkpoint it carries; the checkpoint's signature must verify with the server's public
 * key (GET /api/v1/audit/signing-key, its `publicKey`).
 */
export const auditVerifyExport = defineCommand({
  name: ['audit', 'verify-export'],
  usage: 'FILE [--key=PUBLIC_KEY | --server URL]',
  args: ['FILE'],
  summary: 'Check an exported audit trail or review evidence offline',
  details: `Recomputes every event's hash and checks that the chain ends at the checkpoint the
server signed. The public key comes from --key, else from --server, else from the saved server.
Exits 1 when the file does not check out, saying what is wrong.`,
  options: { key: { type: 'string' }, server: { type: 'string' } },
  optionHelp: {
    key: 'the server’s public key (base64url), as GET /api/v1/audit/signing-key gives it; write --key=KEY, as a key may start with "-"',
    server: 'ask this server for its public key',
  },
  async run({ values, args }, context) {
    const [file = ''] = args;
    const text = await readInput(file);
    const check = await verifyExport(text, await publicKey(values, context));
    const { checkpoint } = check;
    const lines = [
      `${file}: ${check.kind}${check.kind === 'audit export' ? `, ${check.events} events` : ''}`,
    ];
    if (checkpoint)
      lines.push(
        `checkpoint: event ${checkpoint.seq} of organisation ${checkpoint.orgId}, hash ${checkpoint.hash}, signed ${checkpoint.at} with key ${checkpoint.keyId}`,
      );
    if (check.ok)
      lines.push(
        check.kind === 'audit export'
          ? 'OK: every event matches its hash, and the chain ends at the checkpoint signed with the server’s key.'
          : 'OK: the checkpoint is signed with the server’s key. An audit export holding this event with this hash confirms the trail it belongs to.',
      );
    else lines.push('NOT OK:', ...check.problems.map((problem) => `  - ${problem}`));
    context.out(`${lines.join('\n')}\n`);
    return check.ok ? EXIT.ok : EXIT.found;
  },
});
