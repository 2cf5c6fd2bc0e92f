// `npm run --silent classify < users.csv`: reads a user list (CSV or TSV with a header naming the
// username column and optionally a display-name column, or plain `username<TAB>display name`
// lines) and writes `username<TAB>verdict<TAB>confidence<TAB>reasons` for each row.
import { classify } from '../shared/classifier/classify.ts';
import { parseUserList } from './lib/user-list.ts';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const rows = parseUserList(Buffer.concat(chunks).toString('utf8'));

const out: string[] = [];
for (const row of rows) {
  if (!row.username) continue;
  const result = classify(row.username, row.displayName);
  // Tabs and line breaks inside a field would break the columns.
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  out.push(
    [
      clean(row.username),
      result.verdict,
      result.confidence.toFixed(2),
      clean(result.reasons.join('; ')),
    ].join('\t'),
  );
}
process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
