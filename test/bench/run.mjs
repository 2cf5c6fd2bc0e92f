// Runs every benchmark in test/bench/*.bench.mjs and *.bench.ts, one after another, and prints their reports.
// A benchmark is a Node script that measures and prints; it exits non-zero only when it could not
// measure. Add a file named <what>.bench.mjs (or .ts) here and `npm run bench` runs it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => /\.bench\.(mjs|ts)$/.test(name))
  .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${file} failed (exit ${result.status})`);
  }
}
console.log(`\n${files.length - failed} benchmark file(s) ran, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
