// The cost of anchoring the audit chain, measured in workerd (wrangler dev) on a fresh local D1:
// - one audited write batch (a change, its event, the head) with its signed checkpoint, beside the
//   same batch without one, interleaved in the same run so both meet the same machine;
// - the Ed25519 work alone: 1,000 checkpoint signatures and 1,000 verifications in one request,
//   minus an empty request;
// - GET /api/v1/audit/verify over a chain of every write above, on the real worker.
import { ms, percentiles, startWorker } from './lib/wrangler-dev.mjs';

const WRITES = 300;
const report = [];
const line = (name, value) => {
  report.push([name, value]);
  console.log(`  ${name}: ${value}`);
};
const hit = (url) =>
  fetch(url).then(async (response) => {
    const body = await response.text();
    if (!response.ok) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
  });

const bench = await startWorker({ script: 'test/bench/audit-write-worker.ts' });
try {
  const { base } = bench;
  await percentiles(20, () => hit(`${base}/anchored?org=warm-a`));
  await percentiles(20, () => hit(`${base}/unanchored?org=warm-u`));
  const anchored = [];
  const unanchored = [];
  for (let round = 0; round < WRITES; round++) {
    // Interleaved, so a slow spell of the machine lands on both.
    for (const [path, times] of [
      ['anchored', anchored],
      ['unanchored', unanchored],
    ]) {
      const start = performance.now();
      await hit(`${base}/${path}?org=${path}`);
      times.push(performance.now() - start);
    }
  }
  const at = (times, p) => [...times].sort((a, b) => a - b)[Math.floor(times.length * p)];
  const a = { p50: at(anchored, 0.5), p95: at(anchored, 0.95) };
  const u = { p50: at(unanchored, 0.5), p95: at(unanchored, 0.95) };
  line('audited write batch, no checkpoint', `p50 ${ms(u.p50)}  p95 ${ms(u.p95)}  (${WRITES} writes)`);
  line('audited write batch + signed checkpoint', `p50 ${ms(a.p50)}  p95 ${ms(a.p95)}  (${WRITES} writes)`);
  line(
    '=> checkpoint cost per write batch',
    `~${ms(a.p50 - u.p50)} at p50 (${(((a.p50 - u.p50) / u.p50) * 100).toFixed(0)}% of the write)`,
  );

  const empty = await percentiles(30, () => hit(`${base}/empty`));
  const sign = await percentiles(10, () => hit(`${base}/sign?n=1000`));
  const verify = await percentiles(10, () => hit(`${base}/verify?n=1000`));
  line(
    'Ed25519 checkpoint signature (alone)',
    `~${(((sign.p50 - empty.p50) / 1000) * 1000).toFixed(0)} µs each`,
  );
  line(
    'Ed25519 checkpoint verification (alone)',
    `~${(((verify.p50 - empty.p50) / 1000) * 1000).toFixed(0)} µs each`,
  );
} finally {
  bench.stop();
}

// Verify on the real worker, over a chain whose every write has its checkpoint.
const worker = await startWorker();
try {
  const { base } = worker;
  const signup = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organisationName: 'Bench Anchor',
      name: 'Bench Owner',
      email: `anchor.${Date.now()}@example.com`,
      password: 'correct horse battery staple 42',
      // Signed in with the password alone: two-step sign-in is measured in auth.bench.mjs.
      secondFactorRequired: false,
    }),
  }).then((response) => response.json());
  const headers = { authorization: `Bearer ${signup.accessToken}`, 'content-type': 'application/json' };
  for (let index = 0; index < WRITES; index++) {
    const response = await fetch(`${base}/api/v1/people`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: `Person ${index}`, email: `p${index}@bench.example` }),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`person ${index}: ${response.status}`);
  }
  let verdict;
  const times = await percentiles(10, async () => {
    verdict = await fetch(`${base}/api/v1/audit/verify`, { headers }).then((response) => response.json());
  });
  if (!verdict.intact) throw new Error(`verify: ${JSON.stringify(verdict.breaks)}`);
  line(
    `GET /api/v1/audit/verify (${verdict.checked} events, ${verdict.checkpointsChecked} checkpoints)`,
    `p50 ${ms(times.p50)}  p95 ${ms(times.p95)}`,
  );
} finally {
  worker.stop();
}

console.log('');
const width = Math.max(...report.map(([name]) => name.length));
for (const [name, value] of report) console.log(`${name.padEnd(width)}  ${value}`);
