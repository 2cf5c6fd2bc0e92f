// Benchmark of the in-page warnings on a 5,000-row user table, in Chromium with the release build,
// told (as an admin would in the options page) that the list's pages are a system's admin pages.
// Run through `npm run bench -- content-script` (Node 24, which also loads the .ts page generator).
// Each figure is taken over at least 7 page loads and printed as median and 90th percentile beside
// the same figure for an empty content script, measured in turn with it in the same run.
// ROLLCALL_BENCH_RUNS=N takes N page loads of each; ROLLCALL_BENCH_AGAINST=<a chrome-mv3 release
// build> (another version of Rollcall, built elsewhere) measures its marking too, in turn with this
// build's and the empty script's, so a change can be told from the noise of a busy machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { releaseBuildGranting, stopBackground } from '../e2e/harness.ts';
import { bigStaffList } from '../fixtures/big-staff-list.ts';
import { emptyExtension, launchChromium, tracedPage } from './lib/chromium-bench.mjs';
import { benchRuns, report, reportSize, sampleBeside, stats } from './lib/measure.mjs';

const ROWS = 5000;
const LOAD_RUNS = benchRuns(9);
const MARK_RUNS = benchRuns(9);
const FIRM_ROWS = 200;
const COLD_RUNS = benchRuns(7);
const SCROLL_RUNS = benchRuns(7);
// The page's tasks, their layout and paint, and the script's user timing marks.
const TRACE_CATEGORIES = 'toplevel,blink.user_timing,devtools.timeline,disabled-by-default-devtools.timeline';
const SCROLL_STEPS = 12;
const SCROLL_STEP_PX = 1800;
const EXTENSION_DIR = resolve('.output/chrome-mv3');
const AGAINST_DIR = process.env.ROLLCALL_BENCH_AGAINST ? resolve(process.env.ROLLCALL_BENCH_AGAINST) : null;
const CONTENT_SCRIPT = join(EXTENSION_DIR, 'content-scripts/admin-page.js');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path && existsSync(path),
);

function build() {
  const { ROLLCALL_DEV_PAGES: _, ...env } = process.env;
  const result = spawnSync('npx', ['wxt', 'build'], { env, stdio: 'ignore' });
  if (result.status !== 0) throw new Error('the extension did not build (npm run build:extension:chrome)');
}

/**
 * The release build marks the admin pages the admin named: here the benchmark's pages, named in a
 * page adapter with no columns of its own (the lists are found and read as on any system's page).
 * Resolves once the background has registered the admin-page script for them.
 */
async function watchPages(context, origins) {
  const [worker] = context.serviceWorkers();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
  await page.evaluate(
    async (adapter) => {
      await chrome.storage.local.set({ pageAdapters: [adapter] });
      const deadline = Date.now() + 10_000;
      while ((await chrome.scripting.getRegisteredContentScripts()).length === 0) {
        if (Date.now() > deadline) throw new Error('the admin-page script was not registered');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    {
      id: 'bench-staff-list',
      systemId: null,
      name: 'Current Staff List',
      urlPatterns: origins.map((origin) => `${origin}/*`),
      columns: {},
    },
  );
  await page.close();
}

async function serve(html) {
  // Only the page itself: anything else (the browser asks for /favicon.ico after the load) is a 404,
  // as on a real site, rather than another copy of a 5,000-row page to decode while the rows are
  // being marked.
  const server = createServer((request, response) => {
    if (request.url === '/staff.html')
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/staff.html`, close: () => server.close() };
}

/**
 * One page load with a trace of the renderer's main thread. Reported: the wall time from the
 * script's start to all rows marked (every row's `data-rollcall` set and the badges in the page,
 * which takes in the background's judging of the rows), the CPU time of the page's tasks in between
 * (`tdur` in the trace, which unlike wall time does not grow when other processes share the
 * machine), and the longest task the script causes, up to and including the frame that draws the
 * marks, or the banner that follows them: the browser lays the page out again once they go in, and
 * that work is the script's doing too.
 */
async function markingRun(context, url, rows = ROWS) {
  const { page, stop } = await tracedPage(context, TRACE_CATEGORIES);
  await page.goto(url, { waitUntil: 'load' });
  // Told by the page's performance timeline, not by polling it every frame: the polling would run
  // on the page's thread and count as the script's time.
  const settledMark = page.evaluate(
    () =>
      new Promise((resolve) => {
        if (performance.getEntriesByName('rollcall:settled').length > 0) return resolve(true);
        new PerformanceObserver((entries, observer) => {
          if (entries.getEntriesByName('rollcall:settled').length === 0) return;
          observer.disconnect();
          resolve(true);
        }).observe({ type: 'mark' });
      }),
  );
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('the rows were not marked within 60 s')), 60_000).unref(),
  );
  await Promise.race([settledMark, timeout]);
  // Time for the frame that draws the marks.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
  const marked = await page.evaluate(
    () => document.querySelectorAll('#staff tbody tr[data-rollcall]').length,
  );
  const events = await stop();
  if (marked !== rows) throw new Error(`only ${marked} of ${rows} rows were marked`);
  const mark = (name) =>
    events.find((event) => event.name === name && event.cat.includes('blink.user_timing'));
  const start = mark('rollcall:start');
  const settled = mark('rollcall:settled');
  const onMainThread = (event) => event.pid === start.pid && event.tid === start.tid && event.ph === 'X';
  const runTasks = events.filter((event) => event.name === 'RunTask' && onMainThread(event));
  const within = (task, event) => event.ts >= task.ts && event.ts < task.ts + task.dur;
  const paints = events.filter((event) => event.name === 'Paint' && onMainThread(event));
  // The first frame after the marks went in: the task that paints them.
  const drawn = runTasks.find((task) => task.ts >= settled.ts && paints.some((paint) => within(task, paint)));
  // The rows in the window are marked ahead of the rest (`rollcall:shown`), or with them where
  // their answer was slow: the end of the first paint after (a page with nothing new to draw, as the
  // empty script's, paints nothing).
  const shown = mark('rollcall:shown') ?? settled;
  const shownPaint = paints.find((paint) => paint.ts >= shown.ts);
  const shownEnd = shownPaint ? shownPaint.ts + shownPaint.dur : shown.ts;
  const marking = runTasks.filter((task) => task.ts + task.dur >= start.ts && task.ts <= settled.ts);
  // The banner goes in once the marks are drawn: the tasks up to the frame that draws it are the
  // script's doing too.
  const banner = mark('rollcall:banner');
  const bannerDrawn =
    banner && runTasks.find((task) => task.ts >= banner.ts && paints.some((paint) => within(task, paint)));
  const lastDrawn = bannerDrawn ?? drawn;
  const caused = lastDrawn
    ? runTasks.filter((task) => task.ts + task.dur >= start.ts && task.ts <= lastDrawn.ts)
    : marking;
  const cpuOf = (task) => (task.tdur ?? task.dur) / 1000;
  const chunks = events.filter((event) => event.name === 'rollcall:chunk' && event.ph === 'b').length;
  return {
    wall: (settled.ts - start.ts) / 1000,
    shownWall: (shownEnd - start.ts) / 1000,
    cpu: marking.reduce((sum, task) => sum + cpuOf(task), 0),
    longestTaskCpu: Math.max(0, ...caused.map(cpuOf)),
    longestTaskWall: Math.max(0, ...caused.map((task) => task.dur)) / 1000,
    drawWall: drawn ? drawn.dur / 1000 : 0,
    tasks: marking.length,
    chunks,
  };
}

/**
 * One page load read down once its rows are marked, as an admin reads a list: the longest task on
 * the page's thread while it scrolls in steps of about two screens (the badges near the window are
 * drawn as it moves). The page's own scrolling is in it too; the empty script's is beside it.
 */
async function scrollRun(context, url) {
  const { page, stop } = await tracedPage(context, TRACE_CATEGORIES);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('rollcall:settled').length > 0, null, {
    timeout: 60_000,
  });
  await page.waitForTimeout(1500);
  await page.evaluate(() => performance.mark('bench:scroll'));
  for (let step = 1; step <= SCROLL_STEPS; step++) {
    await page.evaluate((y) => window.scrollTo(0, y), step * SCROLL_STEP_PX);
    await page.waitForTimeout(150);
  }
  const events = await stop();
  const start = events.find(
    (event) => event.name === 'bench:scroll' && event.cat.includes('blink.user_timing'),
  );
  const scrolling = events.filter(
    (event) =>
      event.name === 'RunTask' &&
      event.ph === 'X' &&
      event.pid === start.pid &&
      event.tid === start.tid &&
      event.ts >= start.ts,
  );
  return Math.max(0, ...scrolling.map((task) => task.dur)) / 1000;
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

const median = (values) => stats(values).median;
const fmt = (n, digits = 1) => n.toFixed(digits);
const results = [];

/**
 * Page loads of `url` in turn with Rollcall and with the empty content script, at least 7 of each
 * after one of each not counted (the first page after a browser starts finds its code cold, and is
 * measured on its own below): each run's trace figures, and the first page's. With `against` (the
 * other build's browser), its page loads too, before or after this build's by turns.
 */
async function markingRuns(rollcall, empty, url, rows, { runs = MARK_RUNS, before, against } = {}) {
  const own = [];
  const other = [];
  const base = [];
  let first = null;
  const ownRun = async (i) => {
    await before?.(rollcall);
    const run = await markingRun(rollcall.context, url, rows);
    if (i < 0) first = run;
    else own.push(run);
    return run;
  };
  const otherRun = async (i) => {
    await before?.(against);
    const run = await markingRun(against.context, url, rows);
    if (i >= 0) other.push(run);
  };
  await sampleBeside(
    async (i) => {
      if (!against) return (await ownRun(i)).wall;
      if (i % 2 === 0) await otherRun(i);
      const run = await ownRun(i);
      if (i % 2 !== 0) await otherRun(i);
      return run.wall;
    },
    async (i) => {
      const run = await markingRun(empty.context, url, 0);
      if (i >= 0) base.push(run);
      return run.wall;
    },
    { runs },
  );
  return { own, other, base, first };
}

/** The same figure of the other build, when one is measured beside. */
function reportAgainst(name, runs, base, figure = (run) => run.wall) {
  if (runs.length === 0) return;
  report({
    name: `${name}, the build in ${AGAINST_DIR}`,
    values: runs.map(figure),
    baseline: { name: 'empty content script', values: base.map(figure) },
  });
}

async function main() {
  if (!CHROMIUM)
    throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  build();
  const site = await serve(bigStaffList(ROWS));
  // A list of the size a small firm has, beside the big one.
  const firm = await serve(bigStaffList(FIRM_ROWS));
  const emptyDir = emptyExtension({ marking: true });
  const origins = [new URL(site.url).origin, new URL(firm.url).origin];
  const release = releaseBuildGranting(origins, EXTENSION_DIR);
  const withExt = await launchChromium(CHROMIUM, release.dir, { withBackground: true });
  await watchPages(withExt.context, origins);
  const againstRelease = AGAINST_DIR ? releaseBuildGranting(origins, AGAINST_DIR) : null;
  const against = againstRelease
    ? await launchChromium(CHROMIUM, againstRelease.dir, { withBackground: true })
    : undefined;
  if (against) await watchPages(against.context, origins);
  const without = await launchChromium(CHROMIUM, null);
  const withEmpty = await launchChromium(CHROMIUM, emptyDir);
  try {
    // Time to all rows marked, and the longest task from start to the marks drawn, page load by
    // page load in turn with the empty content script. Judged on wall time, what the admin waits
    // for; the CPU time of the page's thread is beside it, as it does not grow when other processes
    // share the machine.
    const big = await markingRuns(withExt, withEmpty, site.url, ROWS, { against });
    console.log(
      `first page after the browser starts (not counted below): ${fmt(big.first.wall)} ms wall, ${fmt(big.first.cpu)} ms CPU to all rows marked`,
    );
    console.log(
      `machine load average: ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')} on ${availableParallelism()} cores`,
    );
    console.log(`each page load, wall ms: ${big.own.map((run) => fmt(run.wall)).join(', ')}`);
    results.push(
      report({
        name: `content-script start -> all ${ROWS} rows marked`,
        values: big.own.map((run) => run.wall),
        baseline: { name: 'empty content script', values: big.base.map((run) => run.wall) },
        below: 100,
        note: `${median(big.own.map((run) => run.chunks))} chunks, medians`,
      }),
    );
    reportAgainst(`content-script start -> all ${ROWS} rows marked`, big.other, big.base);
    // What the admin sees first: the rows in the window, marked and drawn.
    const shownFigure = (run) => run.shownWall;
    report({
      name: 'content-script start -> the rows in the window marked and drawn',
      values: big.own.map(shownFigure),
      baseline: { name: 'empty content script', values: big.base.map(shownFigure) },
    });
    reportAgainst(
      'content-script start -> the rows in the window marked and drawn',
      big.other,
      big.base,
      shownFigure,
    );
    report({
      name: `page's thread CPU from start to all ${ROWS} rows marked`,
      values: big.own.map((run) => run.cpu),
      baseline: { name: 'empty content script', values: big.base.map((run) => run.cpu) },
    });
    reportAgainst(
      `page's thread CPU from start to all ${ROWS} rows marked`,
      big.other,
      big.base,
      (run) => run.cpu,
    );
    results.push(
      report({
        name: 'longest main-thread task from start to marks drawn',
        values: big.own.map((run) => run.longestTaskWall),
        baseline: { name: 'empty content script', values: big.base.map((run) => run.longestTaskWall) },
        below: 50,
        note: `CPU ${fmt(median(big.own.map((run) => run.longestTaskCpu)))} ms; the frame drawing the marks ${fmt(median(big.own.map((run) => run.drawWall)))} ms, medians`,
      }),
    );
    reportAgainst(
      'longest main-thread task from start to marks drawn',
      big.other,
      big.base,
      (run) => run.longestTaskWall,
    );

    // Reading down the marked list, page load by page load in turn with the empty content script
    // (and the other build, when one is measured beside).
    const scrolled = { own: [], other: [], base: [] };
    await sampleBeside(
      async (i) => {
        const own = await scrollRun(withExt.context, site.url);
        if (i >= 0) scrolled.own.push(own);
        if (against) {
          const other = await scrollRun(against.context, site.url);
          if (i >= 0) scrolled.other.push(other);
        }
        return own;
      },
      async (i) => {
        const base = await scrollRun(withEmpty.context, site.url);
        if (i >= 0) scrolled.base.push(base);
        return base;
      },
      { runs: SCROLL_RUNS },
    );
    const scrollName = `longest main-thread task while the ${ROWS}-row list is scrolled (${SCROLL_STEPS} steps of ${SCROLL_STEP_PX} px)`;
    const emptyScroll = { name: 'empty content script', values: scrolled.base };
    report({ name: scrollName, values: scrolled.own, baseline: emptyScroll });
    if (against)
      report({
        name: `${scrollName}, the build in ${AGAINST_DIR}`,
        values: scrolled.other,
        baseline: emptyScroll,
      });

    // The background stopped before each page (as Chrome stops it after 30 s without events): the
    // next page finds it starting afresh, with its word lists to build and its code cold.
    const cold = await markingRuns(withExt, withEmpty, site.url, ROWS, {
      runs: COLD_RUNS,
      before: (browser) => stopBackground(browser.context),
      against,
    });
    report({
      name: `with the background stopped before each page, start -> all ${ROWS} rows marked`,
      values: cold.own.map((run) => run.wall),
      baseline: { name: 'empty content script', values: cold.base.map((run) => run.wall) },
    });
    reportAgainst(
      `with the background stopped before each page, start -> all ${ROWS} rows marked`,
      cold.other,
      cold.base,
    );
    report({
      name: 'with the background stopped before each page, start -> the rows in the window marked and drawn',
      values: cold.own.map(shownFigure),
      baseline: { name: 'empty content script', values: cold.base.map(shownFigure) },
    });
    reportAgainst(
      'with the background stopped before each page, start -> the rows in the window marked and drawn',
      cold.other,
      cold.base,
      shownFigure,
    );

    const small = await markingRuns(withExt, withEmpty, firm.url, FIRM_ROWS, { against });
    report({
      name: `content-script start -> all ${FIRM_ROWS} rows of a small firm's list marked`,
      values: small.own.map((run) => run.wall),
      baseline: { name: 'empty content script', values: small.base.map((run) => run.wall) },
    });
    reportAgainst(
      `content-script start -> all ${FIRM_ROWS} rows of a small firm's list marked`,
      small.other,
      small.base,
    );
    // The small firm's list with the background stopped before each page: what an admin who comes
    // back to the list after half a minute elsewhere waits for, the background's start included.
    const smallCold = await markingRuns(withExt, withEmpty, firm.url, FIRM_ROWS, {
      runs: COLD_RUNS,
      before: (browser) => stopBackground(browser.context),
      against,
    });
    report({
      name: `with the background stopped before each page, start -> all ${FIRM_ROWS} rows of a small firm's list marked`,
      values: smallCold.own.map((run) => run.wall),
      baseline: { name: 'empty content script', values: smallCold.base.map((run) => run.wall) },
    });
    reportAgainst(
      `with the background stopped before each page, start -> all ${FIRM_ROWS} rows of a small firm's list marked`,
      smallCold.other,
      smallCold.base,
    );

    // Page load with Rollcall, with the empty content script and without any extension, in turns so
    // all see the same machine load.
    const withoutTimes = [];
    const loads = await sampleBeside(
      () => loadTime(withExt.context, site.url),
      async (i) => {
        const withoutMs = await loadTime(without.context, site.url);
        if (i >= 0) withoutTimes.push(withoutMs);
        return loadTime(withEmpty.context, site.url);
      },
      { runs: LOAD_RUNS },
    );
    report({
      name: `page load of the ${ROWS}-row list with Rollcall`,
      values: loads.values,
      baseline: { name: 'empty content script', values: loads.baseline },
    });
    report({
      name: `page load of the ${ROWS}-row list without any extension`,
      values: withoutTimes,
      baseline: { name: 'empty content script', values: loads.baseline },
    });
    const ratio = median(loads.values) / median(withoutTimes);
    results.push(
      reportSize({
        name: 'page load with/without the extension, ratio of medians',
        value: Number(fmt(ratio, 3)),
        unit: 'ratio',
        below: 1.1,
      }),
    );
    console.log(
      `page load ratio Rollcall/empty content script, medians: ${fmt(median(loads.values) / median(loads.baseline), 3)} (what Rollcall's own code adds)`,
    );
  } finally {
    await Promise.all([withExt.close(), without.close(), withEmpty.close(), against?.close()]);
    rmSync(emptyDir, { recursive: true, force: true });
    release.remove();
    againstRelease?.remove();
    site.close();
    firm.close();
  }

  // The banner's stylesheet is inside the script.
  const gzip = gzipSync(readFileSync(CONTENT_SCRIPT), { level: 9 }).length / 1024;
  // The classifier and its word lists run in the background, which judges the rows.
  const background = gzipSync(readFileSync(join(EXTENSION_DIR, 'background.js')), { level: 9 }).length / 1024;
  reportSize({ name: 'background script, gzip, with the classifier data', value: background });
  results.push(reportSize({ name: 'content script size, gzip', value: gzip, unit: 'KB', below: 150 }));
  if (AGAINST_DIR) {
    const script = readFileSync(join(AGAINST_DIR, 'content-scripts/admin-page.js'));
    reportSize({
      name: `content script size, gzip, the build in ${AGAINST_DIR}`,
      value: gzipSync(script, { level: 9 }).length / 1024,
    });
  }
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
