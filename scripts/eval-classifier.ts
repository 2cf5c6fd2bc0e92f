// `npm run eval:classifier [-- --split dev|holdout|all]`: measures the username classifier on the
// labelled corpus (test/fixtures/classifier/corpus.tsv, built by scripts/build-classifier-corpus.mjs)
// and prints precision, recall and F1 for "generic" on each split, overall and per language, then
// every miss of the split asked for (all by default). "unknown" counts as "not generic".
import { readFileSync } from 'node:fs';
import { classify } from '../shared/classifier/classify.ts';

interface Row {
  username: string;
  displayName: string;
  label: string;
  language: string;
  source: string;
  split: string;
}

const splitArg = process.argv.indexOf('--split');
const show = splitArg >= 0 ? (process.argv[splitArg + 1] ?? 'all') : 'all';

const text = readFileSync(new URL('../test/fixtures/classifier/corpus.tsv', import.meta.url), 'utf8');
const [headerLine = '', ...lines] = text.trim().split('\n');
const columns = headerLine.split('\t');
const rows: Row[] = lines.map((line) => {
  const cells = line.split('\t');
  const cell = (name: string) => cells[columns.indexOf(name)] ?? '';
  return {
    username: cell('username'),
    displayName: cell('display_name'),
    label: cell('label'),
    language: cell('language'),
    source: cell('source'),
    split: cell('split'),
  };
});

function measure(part: Row[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  for (const row of part) {
    const result = classify(row.username, row.displayName || null);
    const predicted = result.verdict === 'generic';
    const actual = row.label === 'generic';
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    if (predicted !== actual) {
      misses.push(
        `  ${actual ? 'missed generic' : 'false generic '}  ${row.username}${row.displayName ? ` ("${row.displayName}")` : ''}` +
          ` -> ${result.verdict} ${result.confidence.toFixed(2)} [${result.reasons.join('; ')}]  (${row.language}, ${row.source}, ${row.split})`,
      );
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: part.length, tp, fp, fn, precision, recall, f1, misses };
}

const pct = (x: number) => x.toFixed(3);
const line = (name: string, part: Row[]) => {
  const m = measure(part);
  console.log(
    `${name.padEnd(16)} n=${String(m.n).padEnd(5)} generic: precision ${pct(m.precision)}  recall ${pct(m.recall)}  F1 ${pct(m.f1)}` +
      `  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`,
  );
};
const languages = [...new Set(rows.map((r) => r.language))].sort();
for (const split of ['dev', 'holdout', 'all']) {
  const part = split === 'all' ? rows : rows.filter((r) => r.split === split);
  line(split, part);
  for (const language of languages)
    line(
      `  ${language}`,
      part.filter((r) => r.language === language),
    );
}
const shown = show === 'all' ? rows : rows.filter((r) => r.split === show);
const { misses } = measure(shown);
console.log(`\nmisses (${show}): ${misses.length}`);
for (const miss of misses) console.log(miss);
