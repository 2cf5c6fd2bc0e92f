// 16 clients at once against the worker in workerd (wrangler dev) on a fresh local D1: list routes
// (people, accounts, systems, findings, summary) mixed with writes (a new person, a login changed,
// a person changed), one firm of 2,000 logins. Latency p50/p95 over 7 rounds, beside GET /health
// asked by 16 clients at once in the same run. First, a profile: each kind of request alone in a
// bench worker that splits its time into D1, Web Crypto and the rest (test/bench/profile-worker.ts);
// the load runs on the same worker, which also counts D1 batches that failed and were retried.
import { report as reportFigure } from './lib/measure.mjs';
import { seedDirectorySql } from './lib/seed-directory.mjs';
import { fetchRetry as fetch, ms, startWorker } from './lib/wrangler-dev.mjs';

const PASSWORD = 'correct horse battery staple 42';
const CLIENTS = 16;
const ROUNDS = 7;
const PER_CLIENT = 12;
const SIZE = { accounts: 2_000, people: 500, systems: 5 };

async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${body}`);
  return body ? JSON.parse(body) : null;
}

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const sortedOf = (values) => [...values].sort((a, b) => a - b);

/**
 * A firm with its directory seeded, and the requests of the mix as functions of a counter; each
 * request profiled (`x-profile`, see profile-worker.ts) when `profiled`.
 */
async function firm(worker, name, { profiled = false } = {}) {
  const email = `${name}.${Date.now()}@example.com`;
  const signup = await json(
    await fetch(`${worker.base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisationName: `Bench ${name}`,
        name: 'Bench Owner',
        email,
        password: PASSWORD,
        secondFactorRequired: false,
      }),
    }),
  );
  worker.d1(seedDirectorySql(signup.organisation.id, { ...SIZE, prefix: name }));
  const profiling = profiled ? { 'x-profile': '1' } : {};
  const headers = { ...profiling, authorization: `Bearer ${signup.accessToken}` };
  const send = (method, path, body) =>
    fetch(`${worker.base}${path}`, {
      method,
      headers: body ? { ...headers, 'content-type': 'application/json' } : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
  const n = (i) => 1 + (i % SIZE.accounts);
  /** The mix: [kind, request(i)]; a third are writes. */
  const mix = [
    ['GET /people', () => send('GET', '/api/v1/people?limit=50')],
    ['GET /accounts', () => send('GET', '/api/v1/accounts?limit=50')],
    ['GET /findings', () => send('GET', '/api/v1/findings?limit=50')],
    ['POST /people', (i) => send('POST', '/api/v1/people', { name: `Newcomer ${i}` })],
    ['GET /findings/summary', () => send('GET', '/api/v1/findings/summary')],
    ['GET /systems', () => send('GET', '/api/v1/systems')],
    [
      'PATCH /accounts/:id',
      (i) => send('PATCH', `/api/v1/accounts/${name}-a-${n(i)}`, { lastSignInAt: Date.now() }),
    ],
    ['GET /people', () => send('GET', '/api/v1/people?limit=50')],
    [
      'PATCH /people/:id',
      (i) =>
        send('PATCH', `/api/v1/people/${name}-p-${1 + (i % SIZE.people)}`, { email: `p${i}@example.com` }),
    ],
  ];
  const login = () =>
    fetch(`${worker.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { ...profiling, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
  return { mix, login, send };
}

const report = [];
const progress = (step) => process.stderr.write(`  … ${step}\n`);

// 1. The profile: each kind alone, 9 times, the median of each part.
{
  progress('profile worker');
  const worker = await startWorker({ script: 'test/bench/profile-worker.ts' });
  try {
    const { mix, login } = await firm(worker, 'pf', { profiled: true });
    const kinds = [['POST /auth/login', login], ...new Map(mix.map(([kind, run]) => [kind, run]))];
    report.push([
      'profile (each request alone, median of 9)',
      'total  |  D1 (calls)  |  crypto (calls)  |  rest  |  bytes',
    ]);
    let counter = 10_000;
    for (const [kind, run] of kinds) {
      const rows = [];
      for (let i = 0; i < 10; i++) {
        const response = await run(counter++);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${kind}: ${response.status}`);
        const h = (name) => Number(response.headers.get(`x-profile-${name}`));
        if (i > 0)
          rows.push({
            total: h('total'),
            d1: h('d1'),
            d1Calls: h('d1-calls'),
            crypto: h('crypto'),
            cryptoCalls: h('crypto-calls'),
            bytes: h('bytes'),
          });
      }
      const median = (key) => quantile(sortedOf(rows.map((row) => row[key])), 0.5);
      const total = median('total');
      const d1 = median('d1');
      const cryptoTime = median('crypto');
      report.push([
        `  ${kind}`,
        `${ms(total)}  |  ${ms(d1)} (${median('d1Calls')})  |  ${ms(cryptoTime)} (${median('cryptoCalls')})  |  ${ms(Math.max(0, total - d1 - cryptoTime))}  |  ${median('bytes')}`,
      ]);
    }
  } finally {
    worker.stop();
  }
}

// 2. Under load: 16 clients at once, each sending its share of the mix one request after another.
// The same bench worker, unprofiled but for its count of D1 batches that failed (audit chain
// races, retried).
{
  progress('worker under load');
  const worker = await startWorker({ script: 'test/bench/profile-worker.ts' });
  try {
    const { mix } = await firm(worker, 'cc');
    const health = () => fetch(`${worker.base}/health`).then((response) => response.arrayBuffer());
    // Warm up: every kind once.
    for (const [, run] of mix) await (await run(0)).arrayBuffer();
    const healthTimes = [];
    const all = [];
    const byKind = new Map();
    const roundP95 = [];
    const healthRoundP95 = [];
    const failures = [];
    let failedBatches = 0;
    let counter = 1;
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      // /health at the same concurrency: the floor of this machine and workerd under 16 clients.
      const healthRound = [];
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let i = 0; i < 4; i++) {
            const start = performance.now();
            await health();
            healthTimes.push(performance.now() - start);
            healthRound.push(performance.now() - start);
          }
        }),
      );
      healthRoundP95.push(quantile(sortedOf(healthRound), 0.95));
      const times = [];
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, client) => {
          for (let i = 0; i < PER_CLIENT; i++) {
            const [kind, run] = mix[(client + i) % mix.length];
            const start = performance.now();
            const response = await run(counter++);
            await response.arrayBuffer();
            const took = performance.now() - start;
            failedBatches += Number(response.headers.get('x-profile-failed-batches') ?? 0);
            if (!response.ok) failures.push(`${kind} ${response.status}`);
            times.push(took);
            all.push(took);
            if (!byKind.has(kind)) byKind.set(kind, []);
            byKind.get(kind).push(took);
          }
        }),
      );
      roundP95.push(quantile(sortedOf(times), 0.95));
    }
    const seconds = (performance.now() - started) / 1000;
    const h = sortedOf(healthTimes);
    const a = sortedOf(all);
    const rounds = sortedOf(roundP95);
    report.push([
      `GET /health, ${CLIENTS} clients at once`,
      `p50 ${ms(quantile(h, 0.5))}  p95 ${ms(quantile(h, 0.95))}`,
    ]);
    report.push([
      `mixed routes, ${CLIENTS} clients at once (${a.length} requests)`,
      `p50 ${ms(quantile(a, 0.5))}  p95 ${ms(quantile(a, 0.95))}  p99 ${ms(quantile(a, 0.99))}`,
    ]);
    report.push([
      `  p95 per round (${ROUNDS} rounds)`,
      `median ${ms(quantile(rounds, 0.5))}  90th percentile ${ms(quantile(rounds, 0.9))}`,
    ]);
    for (const [kind, times] of byKind) {
      const t = sortedOf(times);
      report.push([`  ${kind}`, `p50 ${ms(quantile(t, 0.5))}  p95 ${ms(quantile(t, 0.95))}`]);
    }
    report.push(['requests per second (with /health rounds)', ((a.length + h.length) / seconds).toFixed(0)]);
    report.push(['D1 batches failed and retried (audit chain races)', String(failedBatches)]);
    reportFigure({
      name: `p95 of mixed routes, ${CLIENTS} clients at once, per round`,
      values: roundP95,
      baseline: { name: `GET /health p95, ${CLIENTS} clients at once`, values: healthRoundP95 },
      below: 150,
    });
    if (failures.length > 0)
      report.push(['failed requests', `${failures.length}: ${[...new Set(failures)].join(', ')}`]);
  } finally {
    worker.stop();
  }
}

const width = Math.max(...report.map(([name]) => name.length));
for (const [name, value] of report) console.log(`${name.padEnd(width)}  ${value}`);
