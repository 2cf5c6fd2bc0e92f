// Popup benchmarks, measured in Chromium with the built extension (npm run build:extension:dev),
// a directory of 2,000 people (and 4,000 logins) seeded in extension storage as the background
// writes it. Each time is taken over RUNS page loads, as median and 90th percentile, beside a
// baseline from the same page loads:
// - the popup's script size, gzip (the entry chunk and every chunk it preloads);
// - opening the popup to the home view drawn, beside the popup's frame drawn;
// - Home -> the staff list drawn (the click to the frame that shows its rows), beside Home -> Home
//   (a click that draws next to nothing);
// - a search typed into the staff list to the list filtered, beside the same keystroke again
//   (nothing to filter).
// Runnable alone: `node test/bench/popup.bench.mjs` (Node 24: it imports TypeScript directly).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR, launchWithExtension } from '../e2e/harness.ts';
import { ensureDevBuild, seedExtensionStorage, timePageLoads } from './lib/chromium-bench.mjs';
import { extensionSeed } from './lib/extension-seed.mjs';
import { report, reportSize } from './lib/measure.mjs';

const PEOPLE = 2000;
const RUNS = 15;
const SIZE_TARGET = 60 * 1024;

ensureDevBuild(EXTENSION_DIR, 'popup.html');

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

/**
 * In the page: presses a tab (or types into the search box) and answers the ms from then to the
 * frame after `ready()` holds, on the page's own clock, with no round trip to the driver counted.
 */
const timeInPage = (page, action, arg) =>
  page.evaluate(
    ([what, value]) =>
      new Promise((resolve) => {
        const start = performance.now();
        const drawn = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
        const ready = {
          staff: () => document.querySelector('.person-row'),
          home: () => document.querySelector('[data-testid="health-score"]'),
          filtered: () => document.querySelector('.count')?.textContent?.includes(' of '),
        }[what === 'search' || what === 'search-again' ? 'filtered' : what];
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          drawn();
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        if (what === 'search' || what === 'search-again') {
          const input = document.querySelector('#people-search');
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          const name = what === 'staff' ? 'Staff' : 'Home';
          [...document.querySelectorAll('nav.tabs button')].find((b) => b.textContent === name).click();
        }
        // Already so (Home pressed on Home, the same search again): the frame the press draws.
        if (ready() && what !== 'staff') {
          observer.disconnect();
          drawn();
        }
      }),
    [action, arg],
  );

const browser = await launchWithExtension();
let figures;
try {
  await seedExtensionStorage(browser, seed);
  figures = await timePageLoads(browser, {
    path: 'popup.html',
    viewport: { width: 360, height: 600 },
    runs: RUNS,
    // The popup's frame, then the home view's score.
    seen: { frame: 'main.popup', home: '[data-testid="health-score"]' },
    ready: '[data-testid="health-score"]',
    async measure(page) {
      // Let the popup's own first sync attempt (400 ms after opening) come and go.
      await page.waitForTimeout(600);
      const homeAgain = await timeInPage(page, 'home');
      const staff = await timeInPage(page, 'staff');
      await page.waitForTimeout(100);
      const filter = await timeInPage(page, 'search', 'person 1999');
      const filterAgain = await timeInPage(page, 'search-again', 'person 1999');
      const rows = await page.evaluate(() => document.querySelectorAll('.person-row').length);
      if (rows !== 1) throw new Error(`the search for one person drew ${rows} rows`);
      return { homeAgain, staff, filter, filterAgain };
    },
  });
} finally {
  await browser.close();
}

console.log(
  `Directory: ${PEOPLE} people, ${Object.keys(tables.account).length} logins, ${findings.length} open findings`,
);
console.log('Popup script (gzip, level 9):');
for (const s of sizes)
  console.log(
    `  ${s.file.padEnd(40)} ${(s.raw / 1024).toFixed(1).padStart(7)} KB raw  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB gzip`,
  );
reportSize({ name: 'popup script, gzip', value: totalGzip / 1024, unit: 'KB', below: SIZE_TARGET / 1024 });
report({
  name: 'open popup -> home drawn',
  values: figures.home,
  baseline: { name: 'open popup -> its frame drawn', values: figures.frame },
  below: 200,
});
report({
  name: `Home -> staff list drawn, ${PEOPLE} people`,
  values: figures.staff,
  baseline: { name: 'Home -> Home', values: figures.homeAgain },
  below: 100,
});
report({
  name: `staff search typed -> list filtered, ${PEOPLE} people`,
  values: figures.filter,
  baseline: { name: 'the same search again', values: figures.filterAgain },
  below: 50,
});
