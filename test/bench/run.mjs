// `npm run bench`: runs every benchmark in this folder (`*.bench.mjs`), one after another so they do
// not compete for the CPU. Each prints its own name / figure / target lines.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const folder = import.meta.dirname;
let failed = false;
for (const file of readdirSync(folder)
  .filter((name) => name.endsWith('.bench.mjs'))
  .sort()) {
  console.log(`\n# ${file}`);
  const result = spawnSync(process.execPath, [join(folder, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
