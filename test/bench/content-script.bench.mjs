// Benchmark of the in-page warnings on a 5,000-row user table, in Chromium with the built extension.
// Run alone with `node test/bench/content-script.bench.mjs` (Node >= 22) or through `npm run bench`.
// Prints one line per figure: name, measured value, target.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROWS = 5000;
const LOAD_RUNS = 7;
const MARK_RUNS = 5;
const EXTENSION_DIR = resolve('.output/dev/chrome-mv3');
const CONTENT_SCRIPT = join(EXTENSION_DIR, 'content-scripts/admin-page.js');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path && existsSync(path),
);

function build() {
  // The development build watches 127.0.0.1 pages, as the end-to-end tests do.
  const result = spawnSync('npx', ['wxt', 'build'], {
    env: { ...process.env, ROLLCALL_DEV_PAGES: '1' },
    stdio: 'ignore',
  });
  if (result.status !== 0) throw new Error('the extension did not build (npm run build:extension:dev)');
}

/** A practice-management style staff list: mostly people, some role and default logins. */
function bigStaffList() {
  const first = ['Amy', 'Chinedu', 'María', 'Min-jun', 'Priya', 'Tomasz', 'Aroha', 'Wei', 'Fatima', 'Liam'];
  const last = [
    'Nguyen',
    'Okafor',
    'García',
    'Hwang',
    'Raman',
    'Nowak',
    'Ngata',
    'Zhang',
    'Al-Rashid',
    'Brooks',
  ];
  const roles = ['reception', 'frontdesk', 'accounts', 'bookings', 'claims', 'admin', 'test'];
  const rows = [];
  for (let i = 0; i < ROWS; i++) {
    const f = first[i % first.length];
    const l = last[Math.floor(i / first.length) % last.length];
    const generic = i % 17 === 0;
    const username = generic
      ? `${roles[i % roles.length]}${i}`
      : `${f.toLowerCase().replace(/[^a-z]/g, '')}.${l.toLowerCase().replace(/[^a-z]/g, '')}${i}`;
    const name = generic
      ? roles[i % roles.length]
      : i % 97 === 0
        ? `${f} & ${first[(i + 1) % first.length]}`
        : `${l}, ${f}`;
    rows.push(
      `<tr><td><input type="checkbox"></td><td><a href="#u${i}">${name}</a></td><td>${username}</td><td>Solicitor</td><td>Active</td><td>21/11/2026 10:${String(i % 60).padStart(2, '0')}</td><td><a href="#e${i}">Edit</a></td></tr>`,
    );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Current Staff List</title>
<style>body{font:13px Verdana,sans-serif} td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>
<h1>Current Staff List</h1><table id="staff"><thead><tr><th></th><th>Staff Name</th><th>Login ID</th><th>Position</th><th>Status</th><th>Last Logon</th><th></th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></body></html>`;
}

async function serve(html) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/staff.html`, close: () => server.close() };
}

async function launch(withExtension) {
  const profile = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
  if (withExtension)
    args.push(`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
  });
  if (withExtension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  // Long tasks are observed from the very start of each page.
  await context.addInitScript(() => {
    globalThis.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        globalThis.__longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function markingRun(context, url) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('rollcall:settled').length > 0, null, {
    timeout: 60_000,
  });
  const timing = await page.evaluate(() => {
    const start = performance.getEntriesByName('rollcall:start')[0].startTime;
    const settled = performance.getEntriesByName('rollcall:settled')[0].startTime;
    const chunks = performance.getEntriesByName('rollcall:chunk').map((entry) => entry.duration);
    const longTasks = globalThis.__longTasks.filter(
      (task) => task.start + task.duration >= start && task.start <= settled + 50,
    );
    const marked = document.querySelectorAll('#staff tbody tr[data-rollcall]').length;
    return { start, settled, chunks, longTasks, marked };
  });
  await page.close();
  if (timing.marked !== ROWS) throw new Error(`only ${timing.marked} of ${ROWS} rows were marked`);
  return {
    toMarked: timing.settled - timing.start,
    chunks: timing.chunks.length,
    longestChunk: Math.max(...timing.chunks),
    longestTask: Math.max(0, ...timing.longTasks.map((task) => task.duration)),
  };
}

async function loadTime(context, url) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const ms = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation');
    return nav.loadEventEnd - nav.startTime;
  });
  await page.close();
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n, digits = 1) => n.toFixed(digits);
const results = [];
function report(name, value, unit, target, pass) {
  results.push(pass);
  console.log(`${name}: ${value} ${unit} (target: ${target}) ${pass ? 'ok' : 'MISSED'}`);
}

async function main() {
  if (!CHROMIUM)
    throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  build();
  const site = await serve(bigStaffList());
  const withExt = await launch(true);
  const without = await launch(false);
  try {
    // Time to all rows marked, and the longest task while marking: the median of a few page loads,
    // as the machine may be shared.
    const runs = [];
    for (let i = 0; i < MARK_RUNS; i++) runs.push(await markingRun(withExt.context, site.url));
    const byTime = [...runs].sort((a, b) => a.toMarked - b.toMarked);
    const typical = byTime[Math.floor(runs.length / 2)];
    report(
      `time from content-script start to all ${ROWS} rows marked (median of ${MARK_RUNS})`,
      fmt(typical.toMarked),
      'ms',
      '< 100 ms',
      typical.toMarked < 100,
    );
    report(
      `longest chunk of marking work (${typical.chunks} chunks, same run)`,
      fmt(typical.longestChunk),
      'ms',
      '< 50 ms',
      typical.longestChunk < 50,
    );
    report(
      'longest task (>= 50 ms) while the script marks (same run)',
      typical.longestTask ? fmt(typical.longestTask) : 'none',
      typical.longestTask ? 'ms' : '',
      '< 50 ms',
      !typical.longestTask,
    );

    // Page load with and without the extension, alternating so both see the same machine load.
    const withTimes = [];
    const withoutTimes = [];
    await loadTime(withExt.context, site.url);
    await loadTime(without.context, site.url);
    for (let i = 0; i < LOAD_RUNS; i++) {
      withTimes.push(await loadTime(withExt.context, site.url));
      withoutTimes.push(await loadTime(without.context, site.url));
    }
    const ratio = median(withTimes) / median(withoutTimes);
    console.log(
      `page load, median of ${LOAD_RUNS}: ${fmt(median(withTimes))} ms with the extension, ${fmt(median(withoutTimes))} ms without`,
    );
    report('page load ratio with/without the extension', fmt(ratio, 3), '', '< 1.10', ratio < 1.1);
  } finally {
    await Promise.all([withExt.close(), without.close()]);
    site.close();
  }

  const js = readFileSync(CONTENT_SCRIPT);
  const css = readFileSync(CONTENT_SCRIPT.replace(/\.js$/, '.css'));
  const gzip = gzipSync(Buffer.concat([js, css]), { level: 9 }).length / 1024;
  report('content script size, gzip, with the classifier data', fmt(gzip), 'KB', '< 150 KB', gzip < 150);
  return results.every(Boolean);
}

main().then(
  (allMet) => {
    if (!allMet) console.log('content-script bench: some targets missed');
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
