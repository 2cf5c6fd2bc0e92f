import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
