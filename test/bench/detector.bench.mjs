// Benchmark of the user-list detector alone, in Chromium: finding the lists of a page and reading
// who every row is, as the content script does before anything is judged. Measured on a 10,000-node
// page with no user list, on the 5,000-row table, and on every fixture page, for the detector as it
// is and as it was before records were found by their shape (BASELINE, a commit), in the same run
// and the same browser, alternating, so both see the same machine.
// Run through `npm run bench -- detector`. Prints one line per figure: name, measured value, target.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { articlePage } from '../fixtures/article-page.ts';
import { bigStaffList } from '../fixtures/big-staff-list.ts';
import { report, stats } from './lib/measure.mjs';

/** The detector before the general record detector; `BASELINE=<commit>` compares with another. */
const BASELINE = process.env.BASELINE ?? 'e60d90a';
const RUNS = 15;
const PAGES = 'test/fixtures/pages';
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path && existsSync(path),
);

// What the content script does before judging: find the lists, read who each row is.
const ENTRY = `
import { findUserLists } from './extension/lib/page/user-lists';
import { readLogin } from './extension/lib/page/read-row';
export function detect() {
  const lists = findUserLists(document);
  let rows = 0;
  for (const list of lists) for (const row of list.rows()) if (readLogin(list, row)) rows++;
  return { lists: lists.length, layouts: lists.map((list) => list.layout), rows };
}
`;

/** The detector of a source tree as one script that sets `window[name]`. */
async function bundle(root, name) {
  writeFileSync(join(root, 'detect-entry.ts'), ENTRY);
  const out = join(root, 'out');
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: out,
      emptyOutDir: true,
      minify: true,
      lib: { entry: join(root, 'detect-entry.ts'), name, formats: ['iife'], fileName: () => 'detect.js' },
    },
  });
  return readFileSync(join(out, 'detect.js'), 'utf8');
}

/** The page folder of the baseline commit, with what it imports. */
function baselineTree() {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-detector-baseline-'));
  const archive = execFileSync('git', ['archive', BASELINE, 'extension/lib/page', 'shared'], {
    // The shared code with its word lists is over the 1 MB a child's output may be by default.
    maxBuffer: 64 * 1024 * 1024,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  return dir;
}

function currentTree() {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-detector-current-'));
  mkdirSync(join(dir, 'extension/lib'), { recursive: true });
  execFileSync('cp', ['-r', resolve('extension/lib/page'), join(dir, 'extension/lib/page')]);
  execFileSync('cp', ['-r', resolve('shared'), join(dir, 'shared')]);
  return dir;
}

async function serve(routes) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const body = routes[path];
    if (body !== undefined) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    else if (existsSync(join(PAGES, path)) && path.endsWith('.json'))
      response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(join(PAGES, path)));
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const fmt = (n, digits = 2) => n.toFixed(digits);
const results = [];

/** Each detector's times on a page, in alternating runs; and what each found. */
async function measure(context, url, scripts, settleMs = 0) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  if (settleMs) await page.waitForTimeout(settleMs);
  for (const script of Object.values(scripts)) await page.addScriptTag({ content: script });
  const times = Object.fromEntries(Object.keys(scripts).map((name) => [name, []]));
  const found = {};
  for (let run = 0; run < RUNS; run++)
    for (const name of Object.keys(scripts)) {
      const { ms, result } = await page.evaluate((name) => {
        const start = performance.now();
        const result = window[name].detect();
        return { ms: performance.now() - start, result };
      }, name);
      times[name].push(ms);
      found[name] = result;
    }
  await page.close();
  return Object.fromEntries(
    Object.keys(scripts).map((name) => [
      name,
      { values: times[name], ms: stats(times[name]).median, found: found[name] },
    ]),
  );
}

async function main() {
  if (!CHROMIUM)
    throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROMIUM_PATH.');
  const trees = { before: baselineTree(), after: currentTree() };
  const scripts = {
    before: await bundle(trees.before, 'detectorBefore'),
    after: await bundle(trees.after, 'detectorAfter'),
  };
  const named = { detectorBefore: scripts.before, detectorAfter: scripts.after };
  const fixtures = readdirSync(PAGES)
    .filter((file) => file.endsWith('.labels.json'))
    .map((file) => file.slice(0, -'.labels.json'.length))
    .sort();
  const routes = {
    '/no-list.html': articlePage(10_000),
    '/staff.html': bigStaffList(5000),
    ...Object.fromEntries(
      fixtures.map((name) => [`/${name}.html`, readFileSync(join(PAGES, `${name}.html`), 'utf8')]),
    ),
  };
  const site = await serve(routes);
  const profile = mkdtempSync(join(tmpdir(), 'rollcall-bench-detector-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    console.log(`baseline: the detector at ${BASELINE}; ${RUNS} runs each, alternating`);
    const noList = await measure(context, `${site.url}/no-list.html`, named);
    const nodes = await (async () => {
      const page = await context.newPage();
      await page.goto(`${site.url}/no-list.html`);
      const count = await page.evaluate(() => document.getElementsByTagName('*').length);
      await page.close();
      return count;
    })();
    console.log(
      `${nodes}-node page with no user list: before ${fmt(noList.detectorBefore.ms)} ms, after ${fmt(noList.detectorAfter.ms)} ms; lists found after: ${noList.detectorAfter.found.lists}`,
    );
    const beside = (before) => ({ name: `the detector at ${BASELINE}`, values: before.values });
    const noListMet = report({
      name: `detector on a ${nodes}-node page with no user list (finds ${noList.detectorAfter.found.lists} lists)`,
      values: noList.detectorAfter.values,
      baseline: beside(noList.detectorBefore),
      below: 10,
    });
    results.push(noListMet && noList.detectorAfter.found.lists === 0);

    const big = await measure(context, `${site.url}/staff.html`, named);
    console.log(
      `5,000-row table: before ${fmt(big.detectorBefore.ms)} ms, after ${fmt(big.detectorAfter.ms)} ms (${big.detectorAfter.found.rows} rows read)`,
    );
    report({
      name: `5,000-row table, detector and reading every row (${big.detectorAfter.found.rows} rows read)`,
      values: big.detectorAfter.values,
      baseline: beside(big.detectorBefore),
    });
    results.push(big.detectorAfter.found.rows === 5000);

    for (const name of fixtures) {
      const labels = JSON.parse(readFileSync(join(PAGES, `${name}.labels.json`), 'utf8'));
      const result = await measure(
        context,
        `${site.url}/${name}.html`,
        named,
        labels.rendersAfterLoad ? 1500 : 0,
      );
      const { before, after } = { before: result.detectorBefore, after: result.detectorAfter };
      console.log(
        `${name}: before ${fmt(before.ms)} ms (${before.found.rows} rows in ${before.found.lists} lists), after ${fmt(after.ms)} ms (${after.found.rows} rows in ${after.found.layouts.join(', ') || 'no list'})`,
      );
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    for (const dir of Object.values(trees)) rmSync(dir, { recursive: true, force: true });
    site.close();
  }
  return results.every(Boolean);
}

main().then(
  (allMet) => {
    if (!allMet) console.log('detector bench: some targets missed');
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
