import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { MIN_RUNS } from './measure.mjs';

/**
 * What the empty content script does with `marking`: like Rollcall's admin-page script, it waits for
 * the page to load and draw twice, then marks its start (`rollcall:start`), and in the next task its
 * end (`rollcall:settled`), with nothing in between. Measured as Rollcall's marking is, it is the
 * floor of what the page and the browser cost in that time.
 */
const MARKING_SCRIPT = `addEventListener('load', () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  frame().then(frame).then(() => {
    performance.mark('rollcall:start');
    setTimeout(() => performance.mark('rollcall:settled'), 0);
  });
});
`;

/**
 * A do-nothing extension with one content script on the same pages, injected at the same point as
 * Rollcall's (document_start): the cost any content script brings to a page load in this browser,
 * for comparison. With `marking`, it also marks a start and an end where Rollcall's admin-page
 * script marks its own (see MARKING_SCRIPT).
 */
export function emptyExtension({ marking = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-empty-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Empty content script',
      version: '1.0.0',
      content_scripts: [{ matches: ['http://127.0.0.1/*'], js: ['empty.js'], run_at: 'document_start' }],
    }),
  );
  writeFileSync(join(dir, 'empty.js'), marking ? MARKING_SCRIPT : 'void 0;\n');
  return dir;
}

/**
 * Chromium on a fresh profile, with `extensionDir` loaded (or none), as the benchmarks run it; with
 * `withBackground`, once the extension's service worker has started.
 */
export async function launchChromium(executablePath, extensionDir, { withBackground = false } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
  if (extensionDir)
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args });
  if (withBackground && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The newest modification time of any file under `dirs`, in ms. */
function newestChange(dirs) {
  let newest = 0;
  for (const dir of dirs)
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/**
 * The extension's build the benchmarks load (`npm run build:extension:dev`), built first when
 * `page` is missing from it, older than the extension's or the shared code's sources, or the
 * command line asks for `--build`: a figure is never taken from a build of older code.
 */
export function ensureDevBuild(extensionDir, page) {
  const built = join(extensionDir, page);
  if (
    existsSync(built) &&
    !process.argv.includes('--build') &&
    statSync(built).mtimeMs > newestChange(['extension', 'shared'].map((dir) => join(ROOT, dir)))
  )
    return;
  const build = spawnSync('npm', ['run', '--silent', 'build:extension:dev'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

/** Puts `items` in the extension's local storage, as the background would have written them. */
export async function seedExtensionStorage(browser, items) {
  const page = await browser.openPopup();
  await page.evaluate((seed) => globalThis.chrome.storage.local.set(seed), items);
  await page.close();
}

/**
 * In the page, before its own scripts: records on the page's clock (0 = navigation start) when
 * each selector first matches, in `__seenAt`.
 */
function recordSeen(selectors) {
  const at = {};
  globalThis.__seenAt = at;
  new MutationObserver((_, observer) => {
    for (const [name, selector] of Object.entries(selectors))
      if (!(name in at) && document.querySelector(selector)) at[name] = performance.now();
    if (Object.keys(at).length === Object.keys(selectors).length) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

/**
 * The page-timing loop of the extension's page benchmarks: opens the extension page `path` in a new
 * tab of the size `viewport`, `warmup + runs` times, the first `warmup` loads not counted. Before the
 * page's scripts it records when each of `seen`'s selectors first appears (`{ name: selector }`,
 * ms since navigation start) and runs `init`; once `ready` (a selector) shows, `measure(page)` may
 * take the load's other figures (`{ name: ms }`). Answers each figure's values, run by run.
 *
 * @returns {Promise<Record<string, number[]>>}
 */
export async function timePageLoads(
  browser,
  { path, viewport, seen = {}, init, ready, measure = async () => ({}), runs = MIN_RUNS, warmup = 2 },
) {
  const figures = {};
  for (let run = 0; run < warmup + runs; run++) {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    await page.addInitScript(recordSeen, seen);
    if (init) await page.addInitScript(init);
    await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
    await page.waitForSelector(ready);
    await page.waitForFunction(
      (count) => Object.keys(globalThis.__seenAt).length === count,
      Object.keys(seen).length,
    );
    const seenAt = await page.evaluate(() => globalThis.__seenAt);
    const measured = await measure(page);
    await page.close();
    if (run < warmup) continue;
    for (const [name, value] of Object.entries({ ...seenAt, ...measured })) {
      figures[name] ??= [];
      figures[name].push(value);
    }
  }
  return figures;
}

/**
 * Opens a page with a performance trace of `categories` recording; `stop()` ends the trace, closes
 * the page and answers the trace's events.
 */
export async function tracedPage(context, categories) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (message) => events.push(...message.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  const stop = async () => {
    await cdp.send('Tracing.end');
    await complete;
    await page.close();
    return events;
  };
  return { page, stop };
}
