import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/csv';
import { type CliServer, startCliServer } from './cli-harness';

/** `rollcall` as it ships, against a worker in production mode with a small firm on it. */

let server: CliServer;
const files = mkdtempSync(join(tmpdir(), 'rollcall-cli-files-'));
const file = (name: string, text: string) => {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
};

beforeAll(async () => {
  server = await startCliServer();
  const payments = await server.asOwner<{ id: string }>('POST', '/systems', {
    name: 'Payments',
    permissions: [{ name: 'refunds', privileged: true }, { name: 'view' }],
  });
  await server.asOwner('POST', '/systems', { name: 'Wiki' });
  const rose = await server.asOwner<{ id: string }>('POST', '/people', {
    name: 'Rose Baker',
    email: 'rose@harbour-vale.example',
    startDate: '2024-01-08',
  });
  await server.asOwner('POST', `/people/${rose.id}/leave`, { endDate: '2026-01-09', reason: 'Moved away' });
  await server.asOwner('POST', '/accounts', {
    systemId: payments.id,
    username: 'rbaker',
    displayName: 'Rose Baker',
    ownerPersonId: rose.id,
    permissions: ['view'],
  });
  await server.asOwner('POST', '/accounts', {
    systemId: payments.id,
    username: 'reception',
    permissions: ['view'],
  });
});
afterAll(() => server?.stop());

describe('rollcall --help', () => {
  it('lists every command and the exit codes, and each command its options', async () => {
    const overview = await server.run(['--help']);
    expect(overview.status).toBe(0);
    for (const command of [
      'login',
      'findings',
      'people import',
      'accounts export',
      'capture',
      'audit verify-export',
    ])
      expect(overview.stdout).toContain(`  ${command} `);
    expect(overview.stdout).toMatch(/Exit codes:\n {2}0 {2}done/);
    expect(overview.stdout).toContain('3  not signed in');

    const help = await server.run(['people', 'import', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: rollcall people import FILE.csv [--dry-run]');
    expect(help.stdout).toContain('--dry-run');
    const group = await server.run(['audit', '--help']);
    expect(group.stdout).toContain('Usage: rollcall audit export');
    expect(group.stdout).toContain('Usage: rollcall audit verify-export');
  });

  it('says plainly what is wrong with a command line, and exits 2', async () => {
    const unknown = await server.run(['reports']);
    expect(unknown).toMatchObject({ status: 2, stdout: '' });
    expect(unknown.stderr).toBe('rollcall: There is no command "reports". See rollcall --help.\n');
    const format = await server.run(['findings', '--format', 'xml']);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format must be one of table, csv, json, not "xml".');
    const option = await server.run(['people', 'export', '--colour']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain("Unknown option '--colour'");
    const missing = await server.run(['people', 'import']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('rollcall people import needs FILE.csv.');
    const noFile = await server.run(['people', 'import', join(files, 'nowhere.csv')]);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('there is no such file');
  });
});

describe('rollcall login', () => {
  it('checks the server and key, saves them for the user alone, and later commands use them', async () => {
    const config = mkdtempSync(join(tmpdir(), 'rollcall-config-'));
    const key = await server.newKey('auditor', 'Spreadsheet');
    const env = { ROLLCALL_URL: '', ROLLCALL_KEY: '', XDG_CONFIG_HOME: config };
    const login = await server.run(['login'], { env, input: `${server.url}\n${key}\n` });
    expect(login.stderr).toContain(`The key works with ${server.url}.`);
    expect(login.status).toBe(0);
    const saved = join(config, 'rollcall', 'config.json');
    expect(statSync(saved).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual({ url: server.url, key });

    const findings = await server.run(['findings', '--format', 'json'], { env });
    expect(findings.status).toBe(0);
    expect(JSON.parse(findings.stdout).length).toBeGreaterThan(0);
  });

  it('saves nothing when the server refuses the key', async () => {
    const config = mkdtempSync(join(tmpdir(), 'rollcall-config-'));
    const env = { ROLLCALL_URL: '', ROLLCALL_KEY: '', XDG_CONFIG_HOME: config };
    const login = await server.run(['login'], {
      env,
      input: `${server.url}\nrck_not-a-real-key-000000000000\n`,
    });
    expect(login.status).toBe(3);
    expect(login.stderr).toMatch(/^rollcall: .*Check the key, or run `rollcall login`\.\n$/);
    const after = await server.run(['findings'], { env });
    expect(after.status).toBe(3);
    expect(after.stderr).toContain(
      'No Rollcall server or key: run rollcall login, or set ROLLCALL_URL and ROLLCALL_KEY.',
    );
  });
});

describe('rollcall findings', () => {
  it('lists the open findings as a table, CSV or JSON, filtered by severity and system', async () => {
    const table = await server.run(['findings']);
    expect(table.status).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^SEVERITY +RULE +SYSTEM +FINDING$/);
    expect(table.stdout).toMatch(
      /critical +leaver-still-active +Payments +Rose Baker has left, but "rbaker" in Payments is still active/,
    );

    const json = JSON.parse((await server.run(['findings', '--format', 'json'])).stdout);
    const rules = json.map((finding: { ruleId: string }) => finding.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['leaver-still-active', 'generic-username']));

    const csv = parseCsv((await server.run(['findings', '--format', 'csv'])).stdout).records;
    expect(csv[0]?.cells).toEqual([
      'severity',
      'rule',
      'title',
      'system',
      'subject',
      'evidence',
      'fix',
      'id',
    ]);
    expect(csv).toHaveLength(json.length + 1);

    const leaver = json.find((finding: { ruleId: string }) => finding.ruleId === 'leaver-still-active');
    const bySeverity = JSON.parse(
      (await server.run(['findings', '--severity', leaver.severity, '--format', 'json'])).stdout,
    );
    expect(bySeverity.length).toBeGreaterThan(0);
    expect(bySeverity.every((finding: { severity: string }) => finding.severity === leaver.severity)).toBe(
      true,
    );
    const wiki = await server.run(['findings', '--system', 'wiki', '--format', 'json']);
    expect(JSON.parse(wiki.stdout)).toEqual([]);

    const failing = await server.run(['findings', '--fail-on-findings']);
    expect(failing.status).toBe(1);
  });

  it('refuses a system the firm does not have, naming the option', async () => {
    const result = await server.run(['findings', '--system', 'Payroll']);
    expect(result.status).toBe(4);
    expect(result.stderr).toBe(
      'rollcall: --system: no system is named "Payroll" (the firm\'s systems: Payments, Wiki).\n',
    );
  });

  it('says when the server cannot be reached, and exits 5', async () => {
    const result = await server.run(['findings'], { env: { ROLLCALL_URL: 'http://127.0.0.1:9' } });
    expect(result.status).toBe(5);
    expect(result.stderr).toBe('rollcall: Can’t reach the Rollcall server at http://127.0.0.1:9.\n');
  });

  it('stops working for a revoked key', async () => {
    const key = await server.newKey('auditor', 'Old laptop');
    expect((await server.run(['findings'], { key })).status).toBe(0);
    const { keys } = await server.asOwner<{ keys: { id: string; name: string }[] }>('GET', '/api-keys');
    const old = keys.find((one) => one.name === 'Old laptop');
    await server.asOwner('DELETE', `/api-keys/${old?.id}`);
    const refused = await server.run(['findings'], { key });
    expect(refused.status).toBe(3);
  });
});

describe('rollcall people and accounts', () => {
  const people = [
    'name,email,job_role,start,end',
    'Tom Hale,tom@harbour-vale.example,,2025-03-01,',
    'Una Fenn,una@harbour-vale.example,,2025-04-01,',
  ].join('\n');

  it('imports people from CSV, first as a dry run that writes nothing', async () => {
    const csv = file('people.csv', people);
    const dry = await server.run(['people', 'import', csv, '--dry-run']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toBe(
      `${csv}: 2 rows: 2 would be added, 0 would be updated (dry run: nothing written).\n`,
    );
    expect((await server.run(['people', 'export'])).stdout).not.toContain('Tom Hale');

    const real = await server.run(['people', 'import', csv]);
    expect(real.stdout).toBe(`${csv}: 2 rows: 2 added, 0 updated.\n`);
    const exported = await server.run(['people', 'export']);
    expect(exported.stdout).toContain('Tom Hale,tom@harbour-vale.example,,2025-03-01,,active,');
    const json = JSON.parse((await server.run(['people', 'export', '--format', 'json'])).stdout);
    expect(json).toContainEqual(
      expect.objectContaining({ name: 'Una Fenn', email: 'una@harbour-vale.example' }),
    );

    // An export imports back unchanged: every row matches and updates nothing new.
    const again = file('people-export.csv', exported.stdout);
    expect((await server.run(['people', 'import', again, '--dry-run'])).status).toBe(0);
  });

  it('names the line and column of each mistake in a file, and writes nothing', async () => {
    const csv = file('bad-people.csv', `${people}\nVic Lowe,not-an-email,,2025-05-01,\n`);
    const result = await server.run(['people', 'import', csv]);
    expect(result.status).toBe(4);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^rollcall: .*body\.csv line 4 \(email\): /);
    expect((await server.run(['people', 'export'])).stdout).not.toContain('Vic Lowe');
  });

  it('imports and exports accounts', async () => {
    const csv = file(
      'accounts.csv',
      'system,username,owner_email,permissions\nPayments,thale,tom@harbour-vale.example,view\nWiki,ufenn,,\n',
    );
    const imported = await server.run(['accounts', 'import', csv]);
    expect(imported.stdout).toBe(`${csv}: 2 rows: 2 added, 0 updated.\n`);
    const output = join(files, 'accounts-export.json');
    const exported = await server.run(['accounts', 'export', '--format', 'json', '--output', output]);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe('');
    const accounts = JSON.parse(readFileSync(output, 'utf8'));
    expect(accounts).toContainEqual(
      expect.objectContaining({
        system: 'Payments',
        username: 'thale',
        owner_email: 'tom@harbour-vale.example',
      }),
    );
  });

  it('refuses an import to a key that may only read, and exits 4', async () => {
    const key = await server.newKey('auditor', 'Read only');
    const result = await server.run(['people', 'import', file('one.csv', people)], { key });
    expect(result.status).toBe(4);
    expect(result.stderr).toMatch(/^rollcall: .+\n$/);
  });
});

describe('rollcall audit', () => {
  it('exports the trail, which verifies offline with the server’s key, and not once edited', async () => {
    const output = join(files, 'audit.ndjson');
    const exported = await server.run(['audit', 'export', '--format', 'ndjson', '--output', output]);
    expect(exported.status).toBe(0);
    const text = readFileSync(output, 'utf8');
    expect(text.trim().split('\n').at(-1)).toMatch(/^\{"checkpoint":/);

    const verified = await server.run(['audit', 'verify-export', output, '--server', server.url]);
    expect(verified.stdout).toContain('OK: every event matches its hash');
    expect(verified.status).toBe(0);
    // The saved (here: the environment's) server gives the key too.
    expect((await server.run(['audit', 'verify-export', output])).status).toBe(0);

    const edited = file('audit-edited.ndjson', text.replace('Rose Baker', 'Rose Barker'));
    const failed = await server.run(['audit', 'verify-export', edited, '--server', server.url]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('NOT OK:');

    const csv = await server.run(['audit', 'export']);
    expect(csv.stdout.split('\r\n')[0]).toContain('seq');
  });
});
