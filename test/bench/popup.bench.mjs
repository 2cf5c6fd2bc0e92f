// Popup benchmarks, measured in Chromium with the built extension (npm run build:extension:dev):
// - the popup's script size, gzip (the entry chunk and every chunk it preloads); target < 60 KB;
// - time from opening the popup to the home view drawn from the local copy, with a 2,000-person
//   directory (and 4,000 logins) seeded in extension storage; target < 200 ms p50;
// - beside it, the time to draw the first page of the staff list for the same directory.
// Runnable alone: `node test/bench/popup.bench.mjs` (Node 24: it imports TypeScript directly).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR, launchWithExtension } from '../e2e/harness.ts';
import { extensionSeed, percentile } from './lib/extension-seed.mjs';

const PEOPLE = 2000;
const RUNS = 20;
const SIZE_TARGET = 60 * 1024;
const TIME_TARGET = 200;

if (!existsSync(join(EXTENSION_DIR, 'popup.html')) || process.argv.includes('--build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build:extension:dev'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

// 1. Size: what popup.html loads before it can draw.
const html = readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
const sizes = scripts.map((file) => {
  const body = readFileSync(join(EXTENSION_DIR, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
});
const totalGzip = sizes.reduce((sum, s) => sum + s.gzip, 0);

// 2. A firm of 2,000 people: 3 systems, 2 logins each on average, some leavers and generic logins.
function directory(now) {
  const tables = { person: {}, system: {}, jobRole: {}, account: {} };
  let version = 0;
  for (const [i, name] of ['CaseLedger', 'PayDesk', 'BookRight'].entries()) {
    const id = `system-${i}`;
    tables.system[id] = {
      id,
      name,
      adminUrlPatterns: [],
      signInUrlPatterns: [],
      permissions: [],
      version: ++version,
      deleted: false,
    };
  }
  tables.jobRole['role-0'] = {
    id: 'role-0',
    name: 'Solicitor',
    permissions: {},
    version: ++version,
    deleted: false,
  };
  for (let i = 0; i < PEOPLE; i++) {
    const id = `person-${i}`;
    const leaver = i % 97 === 0;
    tables.person[id] = {
      id,
      name: `Person ${String(i).padStart(4, '0')} Example`,
      email: `person${i}@firm.test`,
      jobRoleId: 'role-0',
      startDate: '2020-01-06',
      endDate: leaver ? '2026-01-05' : null,
      leaveReason: null,
      status: leaver ? 'leaver' : 'active',
      version: ++version,
      deleted: false,
    };
    for (let s = 0; s < 2; s++) {
      const accountId = `account-${i}-${s}`;
      tables.account[accountId] = {
        id: accountId,
        systemId: `system-${(i + s) % 3}`,
        username: i % 211 === 0 && s === 1 ? `reception${i}` : `person${i}.example`,
        displayName: `Person ${i} Example`,
        email: null,
        status: 'active',
        permissions: [],
        ownerPersonId: id,
        userPersonIds: [],
        lastSignInAt: now - (i % 60) * 86_400_000,
        systemCreatedAt: null,
        firstSeenAt: null,
        lastSeenAt: null,
        version: ++version,
        deleted: false,
      };
    }
  }
  return { tables, cursor: version };
}

const now = Date.now();
const { tables, cursor } = directory(now);
const { seed, findings } = extensionSeed(tables, cursor, now);

const browser = await launchWithExtension();
const home = [];
const first = [];
const staff = [];
try {
  const setup = await browser.openPopup();
  await setup.evaluate((items) => globalThis.chrome.storage.local.set(items), seed);
  await setup.close();
  for (let run = 0; run < RUNS + 2; run++) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 600 });
    // Record, in the page's own clock (0 = navigation start), when the home view's score appears.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!globalThis.__firstDrawnAt && document.querySelector('main.popup'))
          globalThis.__firstDrawnAt = performance.now();
        if (document.querySelector('[data-testid="health-score"]')) {
          globalThis.__homeDrawnAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.waitForSelector('[data-testid="health-score"]');
    const drawnAt = await page.evaluate(() => globalThis.__homeDrawnAt);
    first.push(await page.evaluate(() => globalThis.__firstDrawnAt));
    const started = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Staff' }).click();
    await page.waitForSelector('.person-row');
    const staffDrawn = (await page.evaluate(() => performance.now())) - started;
    if (run >= 2) {
      home.push(drawnAt);
      staff.push(staffDrawn);
    }
    await page.close();
  }
} finally {
  await browser.close();
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(0)} ms`;
console.log('Popup script (gzip, level 9):');
for (const s of sizes)
  console.log(`  ${s.file.padEnd(40)} ${kb(s.raw).padStart(9)} raw  ${kb(s.gzip).padStart(8)} gzip`);
console.log(
  `  total ${kb(totalGzip)} gzip — target < ${kb(SIZE_TARGET)}: ${totalGzip < SIZE_TARGET ? 'met' : 'MISSED'}`,
);
console.log(
  `Directory: ${PEOPLE} people, ${Object.keys(tables.account).length} logins, ${findings.length} open findings`,
);
console.log(
  `Open popup -> home drawn from the local copy (${RUNS} runs): p50 ${ms(percentile(home, 50))}  p95 ${ms(percentile(home, 95))} — target < ${TIME_TARGET} ms: ${percentile(home, 50) < TIME_TARGET ? 'met' : 'MISSED'}`,
);
console.log(
  `Home -> staff list drawn (${RUNS} runs, includes the click): p50 ${ms(percentile(staff, 50))}  p95 ${ms(percentile(staff, 95))}`,
);
console.log(
  `Open popup -> its frame drawn (before any storage read answers): p50 ${ms(percentile(first, 50))}`,
);
