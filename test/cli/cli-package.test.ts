import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureLabels } from '../fixtures/fixture-pages';
import { runFile } from './cli-harness';

/** `rollcall` as people get it: from a checkout, and installed from the packed tarball. */

const folder = mkdtempSync(join(tmpdir(), 'rollcall-package-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const npm = (args: string[], cwd = process.cwd()) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the rollcall package', () => {
  it('runs from a checkout, built from the source', async () => {
    const help = await runFile(resolve('cli/rollcall.mjs'), ['capture', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: rollcall capture SAVED-PAGE.html --system NAME');
  });

  it('installs from its packed tarball and reads a saved page with its own DOM', {
    timeout: 180_000,
  }, async () => {
    npm(['pack', './cli', '--pack-destination', folder]);
    const [tarball] = readdirSync(folder).filter((file) => file.endsWith('.tgz'));
    expect(tarball).toBe('rollcall-0.1.0.tgz');
    const listed = execFileSync('tar', ['tzf', join(folder, tarball ?? '')], { encoding: 'utf8' });
    expect(listed.trim().split('\n').sort()).toEqual([
      'package/dist/rollcall.mjs',
      'package/package.json',
      'package/rollcall.mjs',
    ]);

    const prefix = join(folder, 'prefix');
    npm([
      'install',
      '--global',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      join(folder, tarball ?? ''),
    ]);
    const bin = join(prefix, 'bin', 'rollcall');
    const help = await runFile(bin, ['--help'], { env: { HOME: folder } });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('rollcall: the Rollcall command line');

    // The page is read before any server is asked: with none saved, it stops there, as "not signed in".
    const page = resolve('test/fixtures/pages/payments-users.html');
    const capture = await runFile(bin, ['capture', page, '--system', 'Payments', '--dry-run'], {
      env: { HOME: folder },
    });
    const logins = new Set(fixtureLabels('payments-users').rows.map((row) => row.username.toLowerCase()))
      .size;
    expect(capture.stderr).toContain(`${page}: ${logins} logins read.`);
    expect(capture.stderr).toContain('No Rollcall server or key: run rollcall login');
    expect(capture.status).toBe(3);
  });
});
