// Staff directory benchmarks, measured in workerd (wrangler dev) on a fresh local D1, beside
// GET /health in the same run. One organisation is seeded through the API itself: 2,000 people
// (CSV import) and 5 systems of 2,000 accounts each (captured user lists), 10,000 accounts in all.
// Reports, each as "name  figure  (target)":
// - D1 rows read by a sync pull answering 10 changes (target: under 100);
// - D1 statements per request of the list endpoints, in a 1-person organisation and in the big
//   one (target: the same number: constant, not growing with the organisation);
// - p50/p95 latency of the list endpoints and of a 5,000-row snapshot reconcile.
// Run alone with `node test/bench/directory.bench.mjs` (from the repository root) or via `npm run bench`.
import { ms, percentiles, startWorker } from './lib/wrangler-dev.mjs';

const PASSWORD = 'correct horse battery staple 42';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2000);
const SYSTEMS = 5;
const SNAPSHOT_ROWS = 5000;
const CATALOGUE = [
  { name: 'payments.add', label: 'Add payments' },
  { name: 'transactions.search', label: 'Search transactions' },
  { name: 'refunds.process', label: 'Refunds', privileged: true },
  { name: 'reports.export', label: 'Export', privileged: true },
  { name: 'users.manage', label: 'Administrator', privileged: true },
];

const report = [];
const line = (name, figure, target = '') => report.push([name, figure, target]);

const worker = await startWorker();
try {
  const { base } = worker;

  async function call(method, path, { token, body, meter = false } = {}) {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (meter) headers['x-d1-meter'] = '1';
    const started = performance.now();
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (process.env.BENCH_VERBOSE)
      console.error(`${method} ${path.slice(0, 60)} ${response.status} ${ms(performance.now() - started)}`);
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return {
      body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
      statements: Number(response.headers.get('x-d1-statements') ?? Number.NaN),
      rowsRead: Number(response.headers.get('x-d1-rows-read') ?? Number.NaN),
    };
  }

  async function signUp(organisationName) {
    const email = `bench.${organisationName.replace(/\W/g, '').toLowerCase()}.${Date.now()}@example.com`;
    const { body } = await call('POST', '/api/v1/auth/signup', {
      body: { organisationName, name: 'Bench Owner', email, password: PASSWORD, secondFactorRequired: false },
    });
    return body.accessToken;
  }

  const health = () => fetch(`${base}/health`).then((response) => response.arrayBuffer());
  await percentiles(20, health);
  const healthBefore = await percentiles(200, health);
  line('GET /health', `p50 ${ms(healthBefore.p50)}  p95 ${ms(healthBefore.p95)}`);

  // ---------------------------------------------------------------- seed
  const seedStart = performance.now();
  const token = await signUp('Bench Big Firm');
  const systemIds = [];
  for (let s = 0; s < SYSTEMS; s++) {
    const { body } = await call('POST', '/api/v1/systems', {
      token,
      body: {
        name: `System ${s + 1}`,
        adminUrlPatterns: [`https://app${s + 1}.example/admin/*`],
        permissions: CATALOGUE,
      },
    });
    systemIds.push(body.id);
  }
  await call('POST', '/api/v1/roles', {
    token,
    body: { name: 'Cashier', permissions: Object.fromEntries(systemIds.map((id) => [id, ['payments.add']])) },
  });
  const csv = ['name,email,job role,start,end'];
  for (let p = 0; p < PEOPLE; p++)
    csv.push(`Person ${String(p).padStart(4, '0')},person${p}@big.example,Cashier,2024-01-01,`);
  const imported = await call('POST', '/api/v1/people/import', {
    token,
    body: { csv: `${csv.join('\n')}\n` },
  });
  if (imported.body.created !== PEOPLE) throw new Error(`import created ${imported.body.created}`);
  for (const systemId of systemIds) {
    const rows = Array.from({ length: PEOPLE }, (_, p) => ({
      username: `person${p}`,
      displayName: `Person ${String(p).padStart(4, '0')}`,
      email: `person${p}@big.example`,
      permissions: p % 10 === 0 ? 'Add payments, Refunds' : 'Add payments',
      status: 'Active',
      lastSignIn: '2026-11-01 09:30',
    }));
    const { body } = await call('POST', `/api/v1/systems/${systemId}/snapshots`, { token, body: { rows } });
    if (body.added !== PEOPLE) throw new Error(`snapshot added ${body.added}`);
  }
  line(
    'seed (signup, 5 systems, 2,000-person import, 5 x 2,000-row snapshots)',
    `${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  // ---------------------------------------------------------------- statements per list request
  const smallToken = await signUp('Bench Small Firm');
  const small = await call('POST', '/api/v1/systems', {
    token: smallToken,
    body: { name: 'Only', permissions: CATALOGUE },
  });
  await call('POST', '/api/v1/people', {
    token: smallToken,
    body: { name: 'Only Person', email: 'only@small.example' },
  });
  await call('POST', `/api/v1/systems/${small.body.id}/snapshots`, {
    token: smallToken,
    body: { rows: [{ username: 'only', email: 'only@small.example' }] },
  });
  const lists = (systemId) => [
    ['GET /api/v1/people?limit=100', '/api/v1/people?limit=100'],
    ['GET /api/v1/people?q=person1', '/api/v1/people?q=person1&limit=100'],
    ['GET /api/v1/accounts?limit=100', '/api/v1/accounts?limit=100'],
    ['GET /api/v1/accounts?systemId=…', `/api/v1/accounts?systemId=${systemId}&limit=100`],
    ['GET /api/v1/systems', '/api/v1/systems'],
    ['GET /api/v1/roles', '/api/v1/roles'],
  ];
  const smallLists = lists(small.body.id);
  const bigLists = lists(systemIds[0]);
  for (let index = 0; index < bigLists.length; index++) {
    const [name, bigPath] = bigLists[index];
    const smallCall = await call('GET', smallLists[index][1], { token: smallToken, meter: true });
    const bigCall = await call('GET', bigPath, { token, meter: true });
    line(
      `${name}: D1 statements (1 person -> 2,000 people)`,
      `${smallCall.statements} -> ${bigCall.statements}  (rows read ${smallCall.rowsRead} -> ${bigCall.rowsRead})`,
      bigCall.statements === smallCall.statements ? 'constant: met' : 'constant: NOT MET',
    );
  }

  // ---------------------------------------------------------------- list latency
  for (const [name, path] of bigLists) {
    await percentiles(5, () => call('GET', path, { token }));
    const times = await percentiles(50, () => call('GET', path, { token }));
    line(`${name} (10,000 accounts)`, `p50 ${ms(times.p50)}  p95 ${ms(times.p95)}`);
  }

  // ---------------------------------------------------------------- sync pull of 10 changes
  const { body: head } = await call('GET', '/api/v1/sync?since=0&limit=1', { token });
  let cursor = head.cursor;
  for (;;) {
    const { body } = await call('GET', `/api/v1/sync?since=${cursor}&limit=1000`, { token });
    cursor = body.cursor;
    if (!body.more) break;
  }
  const { body: page } = await call('GET', '/api/v1/people?limit=10', { token });
  for (const person of page.items) {
    await call('PATCH', `/api/v1/people/${person.id}`, { token, body: { name: `${person.name} (edited)` } });
  }
  const pull = await call('GET', `/api/v1/sync?since=${cursor}`, { token, meter: true });
  if (pull.body.changes.length !== 10) throw new Error(`pull answered ${pull.body.changes.length} changes`);
  line(
    'GET /api/v1/sync: D1 rows read for 10 changes (12,000 synced rows)',
    `${pull.rowsRead} rows read, ${pull.statements} statements (whole request, sign-in included)`,
    pull.rowsRead < 100 ? 'under 100: met' : 'under 100: NOT MET',
  );
  const fullPull = await call('GET', '/api/v1/sync?since=0&limit=1000', { token, meter: true });
  line('GET /api/v1/sync?since=0&limit=1000 (first page of a full pull)', `${fullPull.rowsRead} rows read`);
  await percentiles(3, () => call('GET', `/api/v1/sync?since=${cursor}`, { token }));
  const pullTimes = await percentiles(50, () => call('GET', `/api/v1/sync?since=${cursor}`, { token }));
  line('GET /api/v1/sync (10 changes)', `p50 ${ms(pullTimes.p50)}  p95 ${ms(pullTimes.p95)}`);

  // ---------------------------------------------------------------- 5,000-row snapshot reconcile
  const { body: bulk } = await call('POST', '/api/v1/systems', {
    token,
    body: { name: 'Bulk', permissions: CATALOGUE },
  });
  const variant = (round) =>
    Array.from({ length: SNAPSHOT_ROWS }, (_, r) => ({
      username: `bulk.user${r}`,
      // Each round renames the even half of the rows, so every reconcile changes 2,500 accounts.
      displayName: r % 2 === 0 ? `Bulk User ${r} (round ${round})` : `Bulk User ${r}`,
      email: `bulk${r}@big.example`,
      permissions: r % 7 === 0 ? 'Administrator' : 'Add payments, Search transactions',
      status: 'Active',
      lastSignIn: '2026-11-20 10:00',
    }));
  const sendSnapshot = (round) =>
    call('POST', `/api/v1/systems/${bulk.id}/snapshots`, { token, body: { rows: variant(round) } });
  const firstStart = performance.now();
  const first = await sendSnapshot(0);
  line(
    'POST /systems/:id/snapshots, 5,000 new rows (first capture)',
    `${ms(performance.now() - firstStart)}  (added ${first.body.added})`,
  );
  const rounds = await percentiles(10, (index) => sendSnapshot(index + 1));
  line(
    'POST /systems/:id/snapshots, 5,000 rows, 2,500 changed',
    `p50 ${ms(rounds.p50)}  p95 ${ms(rounds.p95)}`,
  );
  const metered = await call('POST', `/api/v1/systems/${bulk.id}/snapshots`, {
    token,
    body: { rows: variant(11) },
    meter: true,
  });
  line(
    '  the same, D1 work',
    `${metered.statements} statements, ${metered.rowsRead} rows read (changed ${metered.body.changed})`,
  );
  const sameStart = performance.now();
  const same = await call('POST', `/api/v1/systems/${bulk.id}/snapshots`, {
    token,
    body: { rows: variant(11) },
  });
  line(
    'POST /systems/:id/snapshots, the same 5,000 rows again',
    `${ms(performance.now() - sameStart)}  (unchanged ${same.body.unchanged}, changed ${same.body.changed})`,
  );

  const healthAfter = await percentiles(100, health);
  line('GET /health (again, after)', `p50 ${ms(healthAfter.p50)}  p95 ${ms(healthAfter.p95)}`);
} finally {
  worker.stop();
}

const width = Math.max(...report.map(([name]) => name.length));
const figureWidth = Math.max(...report.map(([, figure]) => figure.length));
for (const [name, figure, target] of report) {
  console.log(`${name.padEnd(width)}  ${figure.padEnd(figureWidth)}  ${target}`.trimEnd());
}
