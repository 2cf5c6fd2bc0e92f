import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, fixtureLabels } from '../fixtures/fixture-pages';
import { type CliServer, startCliServer } from './cli-harness';

/**
 * `rollcall capture` on the committed admin pages: it reads each saved page with the extension's
 * detector and finds the logins the page's labels list (the rows the extension reads in a
 * browser), then reconciles them with the system's accounts like a sync from the page.
 */

let server: CliServer;
beforeAll(async () => {
  server = await startCliServer();
});
afterAll(() => server?.stop());

const page = (name: string) => join('test/fixtures/pages', `${name}.html`);

/** The logins a page's labels list, each once (one login may show on several rows). */
function labelledLogins(name: string): string[] {
  const seen = new Set<string>();
  return fixtureLabels(name)
    .rows.map((row) => row.username.trim())
    .filter((username) => {
      const key = username.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The logins a diff on stdout marks with `mark` ('+' added, '-' removed, '~' changed). */
const marked = (stdout: string, mark: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith(`${mark} `))
    .map((line) => line.slice(2).replace(/: .*$/, ''));

const readable = FIXTURES.filter((name) => !fixtureLabels(name).rendersAfterLoad);

describe('rollcall capture', () => {
  it.each(readable)('reads the logins of %s as the extension does, and sends them', async (name) => {
    await server.asOwner('POST', '/systems', { name });
    const logins = labelledLogins(name);
    const result = await server.run(['capture', page(name), '--system', name]);
    expect(result.stderr).toContain(
      `${page(name)}: ${logins.length} login${logins.length === 1 ? '' : 's'} read.`,
    );
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      `${name}: ${logins.length} added, 0 changed, 0 removed, 0 unchanged`,
    );
    expect(marked(result.stdout, '+')).toEqual(logins);
  });

  it('sends how the page writes its dates: an American page’s 12/04/2026 is 4 December, a British one’s 12 April', async () => {
    for (const [lang, system, expected] of [
      ['en-US', 'Bookings US', Date.UTC(2026, 11, 4, 9, 15)],
      ['en-GB', 'Bookings UK', Date.UTC(2026, 3, 12, 9, 15)],
    ] as const) {
      await server.asOwner('POST', '/systems', { name: system });
      const saved = join(server.home, '..', `${lang}.html`);
      const rows = [
        ['amy.r', '12/04/2026 09:15'],
        ['ben.t', '11/03/2026 10:00'],
        ['cal.m', '10/02/2026 11:30'],
        ['dee.w', '09/01/2026 12:45'],
      ];
      writeFileSync(
        saved,
        `<html lang="${lang}"><body><table><thead><tr><th>Username</th><th>Last login</th></tr></thead><tbody>${rows
          .map(([login, at]) => `<tr><td>${login}</td><td>${at}</td></tr>`)
          .join('')}</tbody></table></body></html>`,
      );
      expect((await server.run(['capture', saved, '--system', system])).status).toBe(0);
      const systems = await server.asOwner<{ items: { id: string; name: string }[] }>('GET', '/systems');
      const id = systems.items.find((s) => s.name === system)?.id;
      const accounts = await server.asOwner<{ items: { username: string; lastSignInAt: number | null }[] }>(
        'GET',
        `/accounts?systemId=${id}`,
      );
      expect(accounts.items.find((a) => a.username === 'amy.r')?.lastSignInAt, lang).toBe(expected);
    }
  });

  it('shows the diff a dry run would make and sends nothing; a complete page removes what it lacks', async () => {
    const name = 'wordpress-users';
    // The blog's catalogue names one role: the others the page shows are not in it.
    await server.asOwner('POST', '/systems', {
      name: 'Blog',
      permissions: [{ name: 'administrator', label: 'Administrateur' }],
    });
    const logins = labelledLogins(name);
    const dry = await server.run([
      'capture',
      page(name),
      '--system',
      'blog',
      '--dry-run',
      '--fail-on-changes',
    ]);
    expect(dry.stdout.split('\n')[0]).toBe(
      `Blog (dry run, nothing sent): ${logins.length} added, 0 changed, 0 removed, 0 unchanged`,
    );
    expect(marked(dry.stdout, '+')).toEqual(logins);
    expect(dry.status).toBe(1);
    // Nothing was sent: a second dry run still adds them all.
    expect((await server.run(['capture', page(name), '--system', 'Blog', '--dry-run'])).stdout).toBe(
      dry.stdout,
    );

    expect((await server.run(['capture', page(name), '--system', 'Blog'])).status).toBe(0);
    const again = await server.run([
      'capture',
      page(name),
      '--system',
      'Blog',
      '--dry-run',
      '--fail-on-changes',
    ]);
    expect(again.stdout.split('\n')[0]).toBe(
      `Blog (dry run, nothing sent): 0 added, 0 changed, 0 removed, ${logins.length} unchanged`,
    );
    // What the page shows that Rollcall cannot place is said for every row, changed or not.
    expect(again.stdout).toContain(
      '\n  accueil\n    ! "Abonné" is not in the permission catalogue of Blog\n',
    );
    expect(again.status).toBe(0);

    // The second page of the list, taken as the whole list, would remove the first page's logins.
    const second = 'wordpress-users.page-2';
    const complete = await server.run([
      'capture',
      page(second),
      '--system',
      'Blog',
      '--complete',
      '--dry-run',
    ]);
    expect(marked(complete.stdout, '-')).toEqual(logins);
    expect(complete.stderr).toContain('it needs --confirm-removals');
    const refused = await server.run(['capture', page(second), '--system', 'Blog', '--complete']);
    expect(refused.status).toBe(4);
    expect(refused.stderr).toMatch(
      /\nrollcall: .*body\.confirmRemovals: confirm that 20 logins are removed\n$/,
    );
    const confirmed = await server.run([
      'capture',
      page(second),
      '--system',
      'Blog',
      '--complete',
      '--confirm-removals',
    ]);
    expect(confirmed.status).toBe(0);
    expect(marked(confirmed.stdout, '-')).toEqual(logins);
  });

  it('says what is missing or wrong, with the exit code a script can tell apart', async () => {
    const noSystem = await server.run(['capture', page('payments-users')]);
    expect(noSystem).toMatchObject({
      status: 2,
      stderr: 'rollcall: rollcall capture needs --system NAME.\n',
    });

    const unknown = await server.run(['capture', page('payments-users'), '--system', 'Payroll']);
    expect(unknown.status).toBe(4);
    expect(unknown.stderr).toContain('--system: no system is named "Payroll"');

    const article = join(server.home, '..', 'article.html');
    writeFileSync(
      article,
      '<html><body><h1>Opening hours</h1><p>Monday to Friday, 9 to 5.</p></body></html>',
    );
    const empty = await server.run(['capture', article, '--system', 'Blog']);
    expect(empty.status).toBe(4);
    expect(empty.stderr).toBe(`rollcall: ${article}: no user list found on this page: nothing to send.\n`);
  });
});
