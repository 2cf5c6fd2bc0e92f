// Measures, in workerd (wrangler dev) on a fresh local D1, the inputs docs/scaling.md reasons from:
// - bytes in D1 per person, per login (account) and per audit event (its checkpoint included), with
//   their indexes, from the database file's growth;
// - bytes per stored finding;
// - D1 requests and rows read for one admin's working day, with the D1 meter (x-d1-meter);
// - the daily check over many firms (default 1,000 firms of 200 logins and 50 people): ms and D1
//   queries per firm, and the cron runs as deployed (every minute, each within D1's 1,000 queries
//   per invocation) until every firm is checked: firms per run, and so the runs 10,000 firms need
//   in a day against the 1,440 a day has.
// Run: npm run simulate:scale [-- --firms 1000 --accounts 200 --daily-check-only]. It prints what it measured.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { seedDirectorySql } from '../test/bench/lib/seed-directory.mjs';
import { fetchRetry as fetch, ms, startWorker } from '../test/bench/lib/wrangler-dev.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const FIRMS = arg('firms', 1_000);
const ACCOUNTS = arg('accounts', 200);
const PEOPLE = Math.max(1, Math.round(ACCOUNTS / 4));
const SYSTEMS = 5;
const PASSWORD = 'correct horse battery staple 42';

const report = [];
const say = (name, value) => {
  report.push([name, value]);
  process.stderr.write(`  ${name}: ${value}\n`);
};
const progress = (step) => process.stderr.write(`  … ${step}\n`);

/**
 * What each table of the local D1 takes, its indexes included, and how many rows it has: read from
 * the SQLite file with SQLite's own page statistics (dbstat), beside the running worker.
 */
function tableSizes(persistTo) {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = readdirSync(dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  const db = new DatabaseSync(join(dir, file), { readOnly: true });
  try {
    const sizes = new Map();
    const rows = db
      .prepare(
        `SELECT s.tbl_name AS tableName, sum(d.pgsize) AS bytes FROM dbstat d
          JOIN sqlite_schema s ON s.name = d.name GROUP BY s.tbl_name`,
      )
      .all();
    for (const { tableName, bytes } of rows) {
      if (!/^[a-z_0-9]+$/.test(tableName)) continue;
      const { count } = db.prepare(`SELECT count(*) AS count FROM "${tableName}"`).get();
      sizes.set(tableName, { bytes: Number(bytes), rows: Number(count) });
    }
    const total = db
      .prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count, pragma_page_size')
      .get();
    sizes.set('(file)', { bytes: Number(total.bytes), rows: 0 });
    return sizes;
  } finally {
    db.close();
  }
}

/** Bytes per row of `table` between two readings of tableSizes. */
function perRow(before, after, table) {
  const a = after.get(table) ?? { bytes: 0, rows: 0 };
  const b = before.get(table) ?? { bytes: 0, rows: 0 };
  return { bytes: (a.bytes - b.bytes) / Math.max(1, a.rows - b.rows), rows: a.rows - b.rows };
}

async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${body}`);
  return body ? JSON.parse(body) : null;
}

/** SQL making `firms` organisations (ids sim-1 … sim-N) with their people, systems, roles and logins. */
function firmsSql(firms, what) {
  const orgs = `WITH RECURSIVE f(o) AS (SELECT 1 UNION ALL SELECT o + 1 FROM f WHERE o < ${firms})`;
  const now = Date.now();
  const day = 86_400_000;
  if (what === 'organisations')
    return `INSERT INTO organisations (id, name) ${orgs} SELECT 'sim-' || o, 'Firm ' || o FROM f;
      INSERT INTO systems (id, org_id, name, permissions, version, updated_at) ${orgs},
        n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SYSTEMS})
        SELECT 'sim-' || o || '-sys-' || i, 'sim-' || o, 'System ' || i,
          '[{"name":"payments.add"},{"name":"refunds.process","privileged":true},{"name":"users.manage","privileged":true}]', i, ${now}
        FROM f, n;
      INSERT INTO job_roles (id, org_id, name, permissions, version, updated_at) ${orgs}
        SELECT 'sim-' || o || '-role', 'sim-' || o, 'Clerk', '{}', 1, ${now} FROM f;`;
  if (what === 'people')
    return `INSERT INTO people (id, org_id, name, email, job_role_id, end_date, status, version, updated_at) ${orgs},
      n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${PEOPLE})
      SELECT 'sim-' || o || '-p-' || i, 'sim-' || o, 'Person ' || i || ' of ' || o, 'person' || i || '@firm' || o || '.example',
        'sim-' || o || '-role', CASE WHEN i % 25 = 0 THEN '2026-01-01' END,
        CASE WHEN i % 25 = 0 THEN 'leaver' ELSE 'active' END, i, ${now} FROM f, n;`;
  return `INSERT INTO accounts (id, org_id, system_id, username, display_name, status, permissions, owner_person_id,
      user_person_ids, last_sign_in_at, system_created_at, version, updated_at) ${orgs},
    n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ACCOUNTS})
    SELECT 'sim-' || o || '-a-' || i, 'sim-' || o, 'sim-' || o || '-sys-' || (1 + i % ${SYSTEMS}),
      CASE WHEN i % 97 = 0 THEN 'frontdesk' || i ELSE 'user' || i END,
      CASE WHEN i % 97 = 0 THEN 'Front Desk' ELSE 'Person ' || (1 + i % ${PEOPLE}) END, 'active',
      CASE WHEN i % 31 = 0 THEN '["payments.add","refunds.process"]' ELSE '["payments.add"]' END,
      CASE WHEN i % 41 = 0 THEN NULL ELSE 'sim-' || o || '-p-' || (1 + i % ${PEOPLE}) END,
      '[]', ${now} - (i % 90) * ${day}, ${now} - 200 * ${day}, ${PEOPLE} + i, ${now} FROM f, n;`;
}

// 1. Bytes per person, login and audit event, stored finding; an admin's day. (`--daily-check-only`
// skips to 2.)
if (!process.argv.includes('--daily-check-only')) {
  progress('one firm through the API');
  const worker = await startWorker();
  try {
    const { base } = worker;
    const signup = await json(
      await fetch(`${base}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisationName: 'Simulated Firm',
          name: 'Sim Owner',
          email: `sim.${Date.now()}@example.com`,
          password: PASSWORD,
          secondFactorRequired: false,
        }),
      }),
    );
    const orgId = signup.organisation.id;
    const headers = { authorization: `Bearer ${signup.accessToken}`, 'x-d1-meter': '1' };
    worker.d1(seedDirectorySql(orgId, { accounts: 2_000, people: 500, systems: SYSTEMS, prefix: 'sim' }));
    const send = (method, path, body) =>
      fetch(`${base}${path}`, {
        method,
        headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
        body: body ? JSON.stringify(body) : undefined,
      });

    // Stored findings: the first read stores them.
    const beforeFindings = tableSizes(worker.persistTo);
    await json(await send('GET', '/api/v1/findings?limit=1'));
    const stored = perRow(beforeFindings, tableSizes(worker.persistTo), 'findings');
    say(
      'bytes per stored finding (with indexes)',
      `${stored.bytes.toFixed(0)} (${stored.rows} findings of 2,000 logins)`,
    );

    // Audit events: 300 edits of people through the API, each one event and one signed checkpoint.
    const EDITS = 500;
    const beforeAudit = tableSizes(worker.persistTo);
    for (let i = 0; i < EDITS; i++) {
      await json(
        await send('PATCH', `/api/v1/people/sim-p-${1 + (i % 500)}`, { email: `edit${i}@example.com` }),
      );
    }
    const afterAudit = tableSizes(worker.persistTo);
    const event = perRow(beforeAudit, afterAudit, 'audit_events');
    const checkpoint = perRow(beforeAudit, afterAudit, 'audit_checkpoints');
    say(
      'bytes per audit event (a person edited, with indexes)',
      `${event.bytes.toFixed(0)} (${event.rows} events)`,
    );
    say(
      'bytes per signed checkpoint (one per audited write)',
      `${checkpoint.bytes.toFixed(0)} (${checkpoint.rows})`,
    );

    // An admin's working day, as the extension makes it: a full directory pull at sign-in, a pull
    // every 5 minutes over 8 hours (96), the popup opened 20 times (summary and first page of
    // findings), 10 edits, and the people list opened 5 times in the console.
    let cursor = 0;
    let requests = 0;
    let rowsRead = 0;
    const byKind = new Map();
    const meter = async (response, kind = 'GET /sync (since the last pull)') => {
      const rows = Number(response.headers.get('x-d1-rows-read'));
      requests += 1;
      rowsRead += rows;
      const sum = byKind.get(kind) ?? { requests: 0, rows: 0 };
      byKind.set(kind, { requests: sum.requests + 1, rows: sum.rows + rows });
      return json(response);
    };
    for (;;) {
      const page = await meter(
        await send('GET', `/api/v1/sync?since=${cursor}&limit=1000`),
        'GET /sync (everything, at sign-in)',
      );
      cursor = page.cursor;
      if (!page.more) break;
    }
    for (let i = 0; i < 96; i++) {
      const page = await meter(await send('GET', `/api/v1/sync?since=${cursor}&limit=1000`));
      cursor = page.cursor;
      if (i % 5 === 0) {
        await meter(await send('GET', '/api/v1/findings/summary'), 'GET /findings/summary');
        await meter(await send('GET', '/api/v1/findings?limit=50'), 'GET /findings?limit=50');
      }
      if (i % 10 === 0)
        await meter(
          await send('PATCH', `/api/v1/accounts/sim-a-${1 + i}`, { lastSignInAt: Date.now() }),
          'PATCH /accounts/:id',
        );
      if (i % 20 === 0) await meter(await send('GET', '/api/v1/people?limit=100'), 'GET /people?limit=100');
    }
    say('admin day: D1-backed requests', String(requests));
    say('admin day: rows read', String(rowsRead));
    for (const [kind, sum] of byKind) say(`  ${kind}`, `${sum.requests} request(s), ${sum.rows} rows read`);
  } finally {
    worker.stop();
  }
}

// 2. Many firms: bytes per person and login from the file's growth, and the daily check.
{
  progress(`${FIRMS} firms of ${ACCOUNTS} logins`);
  const worker = await startWorker({ script: 'test/bench/daily-check-worker.ts' });
  try {
    const empty = tableSizes(worker.persistTo);
    worker.d1(firmsSql(FIRMS, 'organisations'));
    worker.d1(firmsSql(FIRMS, 'people'));
    worker.d1(firmsSql(FIRMS, 'accounts'));
    const seeded = tableSizes(worker.persistTo);
    const person = perRow(empty, seeded, 'people');
    const account = perRow(empty, seeded, 'accounts');
    say('bytes per person (with indexes)', `${person.bytes.toFixed(0)} (${person.rows} people)`);
    say('bytes per login (with indexes)', `${account.bytes.toFixed(0)} (${account.rows} logins)`);

    const get = (path) => fetch(`${worker.base}${path}`).then(json);
    // Every check of the simulation falls on one UTC day: 01:00 today, then a run a minute.
    const morning = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 3_600_000;
    // The check of one firm, for 50 firms one after another.
    const times = [];
    const queries = [];
    for (let o = 1; o <= Math.min(50, FIRMS); o++) {
      const start = performance.now();
      queries.push((await get(`/check?org=sim-${o}&now=${morning}`)).queries);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    say(
      `daily check of one firm of ${ACCOUNTS} logins (50 firms)`,
      `p50 ${ms(times[Math.floor(times.length / 2)])}  p95 ${ms(times[Math.floor(times.length * 0.95)])}`,
    );
    // The cron runs as deployed, a minute apart, until every firm is checked.
    const runs = [];
    for (let minute = 1; ; minute++) {
      const run = await get(`/run?now=${morning + minute * 60_000}`);
      if (run.organisations === 0) break;
      runs.push(run);
      if (minute % 5 === 0)
        progress(`${minute} cron runs, ${runs.reduce((n, r) => n + r.organisations, 0)} firms`);
    }
    const full = runs.slice(0, -1).length > 0 ? runs.slice(0, -1) : runs;
    const sorted = (values) => [...values].sort((a, b) => a - b);
    const median = (values) => sorted(values)[Math.floor(values.length / 2)];
    const perRun = median(full.map((run) => run.organisations));
    say(
      'D1 queries per firm checked (the cron runs)',
      `median ${median(runs.flatMap((run) => run.queries / run.organisations))}, most ${Math.max(...runs.map((run) => run.mostQueries))} (one firm alone: most ${Math.max(...queries)})`,
    );
    say(
      'one cron run as deployed (within 1,000 D1 queries)',
      `${perRun} firms, ${median(full.map((run) => run.queries))} queries, ${ms(median(full.map((run) => run.ms)))} (median of ${full.length} full runs)`,
    );
    say(
      `cron runs to check the remaining ${FIRMS - Math.min(50, FIRMS)} firms`,
      `${runs.length} (${runs.reduce((n, r) => n + r.organisations, 0)} firms)`,
    );
    say(
      'runs a day for 10,000 firms at that rate',
      `${Math.ceil(10_000 / perRun)} of the 1,440 a cron every minute makes (${perRun * 1_440} firms a day)`,
    );
    const checked = tableSizes(worker.persistTo);
    const notes = perRow(seeded, checked, 'notifications');
    say('bytes per notification (with indexes)', `${notes.bytes.toFixed(0)} (${notes.rows})`);
    say(
      `D1 size, ${FIRMS} firms × ${ACCOUNTS} logins and ${PEOPLE} people, after the check`,
      `${(checked.get('(file)').bytes / 1e6).toFixed(1)} MB`,
    );
  } finally {
    worker.stop();
  }
}

const width = Math.max(...report.map(([name]) => name.length));
for (const [name, value] of report) console.log(`${name.padEnd(width)}  ${value}`);
