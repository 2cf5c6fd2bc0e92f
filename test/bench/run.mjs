// Runs every benchmark in test/bench/*.bench.mjs and *.bench.ts, one after another, prints their
// reports, and ends with every figure they reported through lib/measure.mjs in one table: median
// and 90th percentile over at least 7 runs, the baseline measured beside it in the same run, and
// the target. A benchmark is a Node script that measures and prints; it exits non-zero only when it
// could not measure. Add a file named <what>.bench.mjs (or .ts) here and `npm run bench` runs it;
// `npm run bench -- popup findings` runs the ones whose name holds either word.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => /\.bench\.(mjs|ts)$/.test(name))
  .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
  .sort();
const scratch = mkdtempSync(join(tmpdir(), 'rollcall-bench-results-'));
const resultsFile = join(scratch, 'figures.ndjson');
const load = () =>
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`;

console.log(`Benchmarks: ${files.join(', ')} (${load()})`);
let failed = 0;
const silent = [];
for (const file of files) {
  console.log(`\n=== ${file}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(here, file)], {
    stdio: 'inherit',
    env: { ...process.env, ROLLCALL_BENCH_RESULTS: resultsFile, ROLLCALL_BENCH_FILE: file },
  });
  console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(0)} s, ${load()})`);
  if (result.status !== 0) {
    failed += 1;
    console.error(`${file} failed (exit ${result.status})`);
  }
}

let figures = [];
try {
  figures = readFileSync(resultsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
} catch {
  // No benchmark reported a figure through lib/measure.mjs.
}
rmSync(scratch, { recursive: true, force: true });
for (const file of files) if (!figures.some((figure) => figure.bench === file)) silent.push(file);

const value = (n, unit) => (unit === 'ms' ? `${n.toFixed(1)} ms` : `${n.toFixed(1)} ${unit}`);
if (figures.length > 0) {
  console.log('\n=== Every figure: median, p90 (runs) | baseline in the same run | target');
  for (const f of figures) {
    const base = f.baseline
      ? `${f.baseline.name}: ${value(f.baseline.median, f.unit)}, ${value(f.baseline.p90, f.unit)}`
      : '—';
    const target = f.below === null ? '—' : `< ${value(f.below, f.unit)} ${f.met ? 'met' : 'MISSED'}`;
    const own =
      f.runs > 1
        ? `${value(f.median, f.unit)}, ${value(f.p90, f.unit)} (${f.runs})`
        : value(f.median, f.unit);
    console.log(`${f.bench.replace(/\.bench\.(mjs|ts)$/, '')} | ${f.name} | ${own} | ${base} | ${target}`);
  }
  const targets = figures.filter((f) => f.met !== null);
  console.log(`${targets.filter((f) => f.met).length} of ${targets.length} targets met`);
}
if (silent.length > 0)
  console.log(`Reported in their own words only (not through lib/measure.mjs): ${silent.join(', ')}`);
console.log(`\n${files.length} benchmark file(s) ran, ${failed} of them failed`);
process.exit(failed > 0 ? 1 : 0);
