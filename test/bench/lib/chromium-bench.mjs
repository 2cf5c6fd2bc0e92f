import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

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
