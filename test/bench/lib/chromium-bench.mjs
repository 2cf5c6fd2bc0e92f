import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * A do-nothing extension with one content script on the same pages, injected at the same point as
 * Rollcall's (document_start): the cost any content script brings to a page load in this browser,
 * for comparison.
 */
export function emptyExtension() {
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
  writeFileSync(join(dir, 'empty.js'), 'void 0;\n');
  return dir;
}

/** Chromium on a fresh profile, with `extensionDir` loaded (or none), as the benchmarks run it. */
export async function launchChromium(executablePath, extensionDir) {
  const profile = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const args = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
  if (extensionDir)
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
