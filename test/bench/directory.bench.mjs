// Staff directory benchmarks, measured in workerd (wrangler dev) on a fresh local D1, each figure
// beside a baseline taken in turns with it (lib/measure.mjs). One organisation is seeded through the
// API itself: 2,000 people (CSV import) and 5 systems of 2,000 accounts each (captured user lists),
// 10,000 accounts in all. Figures:
// - D1 statements per request of the list endpoints in the big organisation, beside the same request
//   in a 1-person one (target: no more: constant, not growing with the organisation);
// - D1 rows read by a sync pull answering 10 changes (target: under 100);
// - latency of the list endpoints, of the sync pull and of a 5,000-row snapshot reconcile, beside
//   GET /health.
// Run alone with `node test/bench/directory.bench.mjs` (from the repository root) or via `npm run bench`.
import { report } from './lib/measure.mjs';
import { besideHealth, ms, signUp, startWorker } from './lib/wrangler-dev.mjs';

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
const progress = (step) => process.stderr.write(`  … ${step}\n`);

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

  const token = (await signUp(base, 'Bench Big Firm')).accessToken;
  const besideHealthCheck = besideHealth(base);
  const beside = (name, fn, options = { runs: 30, warmup: 5 }, note = undefined) =>
    besideHealthCheck(name, fn, options, note);

  // ---------------------------------------------------------------- seed
  progress('seed: 5 systems, 2,000-person import, 5 x 2,000-row snapshots');
  const seedStart = performance.now();
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
  progress(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  // ---------------------------------------------------------------- statements per list request
  const smallToken = (await signUp(base, 'Bench Small Firm')).accessToken;
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
  /** `count` metered calls: the D1 statements and rows read of each. */
  const metered = async (count, send) => {
    const calls = [];
    for (let index = 0; index < count; index++) calls.push(await send(index));
    return {
      statements: calls.map((c) => c.statements),
      rowsRead: calls.map((c) => c.rowsRead),
      body: calls.at(-1).body,
    };
  };
  for (let index = 0; index < bigLists.length; index++) {
    const [name, bigPath] = bigLists[index];
    const smallCalls = await metered(7, () =>
      call('GET', smallLists[index][1], { token: smallToken, meter: true }),
    );
    const bigCalls = await metered(7, () => call('GET', bigPath, { token, meter: true }));
    report({
      name: `${name}: D1 statements, 2,000 people`,
      unit: 'statements',
      values: bigCalls.statements,
      baseline: { name: 'the same in a 1-person firm', values: smallCalls.statements },
      // Constant: no more statements than for one person.
      below: Math.max(...smallCalls.statements) + 1,
      note: `rows read ${smallCalls.rowsRead[0]} -> ${bigCalls.rowsRead[0]}`,
    });
  }

  // ---------------------------------------------------------------- list latency
  for (const [name, path] of bigLists)
    await beside(`${name} (10,000 accounts)`, () => call('GET', path, { token }));

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
  const pulls = await metered(7, () => call('GET', `/api/v1/sync?since=${cursor}`, { token, meter: true }));
  if (pulls.body.changes.length !== 10) throw new Error(`pull answered ${pulls.body.changes.length} changes`);
  const fullPulls = await metered(7, () =>
    call('GET', '/api/v1/sync?since=0&limit=1000', { token, meter: true }),
  );
  report({
    name: 'GET /api/v1/sync: D1 rows read for 10 changes (12,000 synced rows, whole request)',
    unit: 'rows',
    values: pulls.rowsRead,
    baseline: { name: 'the first page of a full pull (limit=1000)', values: fullPulls.rowsRead },
    below: 100,
    note: `${pulls.statements[0]} statements, sign-in included`,
  });
  await beside('GET /api/v1/sync (10 changes)', () => call('GET', `/api/v1/sync?since=${cursor}`, { token }));

  // ---------------------------------------------------------------- 5,000-row snapshot reconcile
  const bulkSystem = async (name) =>
    (await call('POST', '/api/v1/systems', { token, body: { name, permissions: CATALOGUE } })).body.id;
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
  const sendSnapshot = (systemId, round, meter = false) =>
    call('POST', `/api/v1/systems/${systemId}/snapshots`, { token, body: { rows: variant(round) }, meter });
  // A first capture each run, each of a system of its own.
  const firstCaptures = [];
  for (let index = 0; index < 7; index++) firstCaptures.push(await bulkSystem(`Bulk ${index}`));
  let added = 0;
  await beside(
    'POST /systems/:id/snapshots, 5,000 new rows (first capture)',
    async (index) => {
      added = (await sendSnapshot(firstCaptures[index], 0)).body.added;
      if (added !== SNAPSHOT_ROWS) throw new Error(`first capture added ${added}`);
    },
    { runs: firstCaptures.length, warmup: 0 },
  );
  const bulk = firstCaptures[0];
  const changed = await sendSnapshot(bulk, 1, true);
  await beside(
    'POST /systems/:id/snapshots, 5,000 rows, 2,500 changed',
    async (index) => {
      const { body } = await sendSnapshot(bulk, index + 2);
      if (body.changed !== SNAPSHOT_ROWS / 2) throw new Error(`reconcile changed ${body.changed}`);
    },
    { runs: 10, warmup: 0 },
    `D1 work: ${changed.statements} statements, ${changed.rowsRead} rows read`,
  );
  await beside(
    'POST /systems/:id/snapshots, the same 5,000 rows again',
    async () => {
      const { body } = await sendSnapshot(bulk, 11);
      if (body.changed !== 0) throw new Error(`the same rows changed ${body.changed}`);
    },
    { runs: 7, warmup: 0 },
  );
} finally {
  worker.stop();
}
