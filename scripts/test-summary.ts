/** Prints one closing line over every vitest run of this CI: "N passed, N failed, N skipped". */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = 'test-results';
const reports = existsSync(folder)
  ? readdirSync(folder).filter((name) => /^vitest-.*\.json$/.test(name))
  : [];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of reports) {
  const report = JSON.parse(readFileSync(join(folder, name), 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
