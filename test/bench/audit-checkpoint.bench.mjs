// The cost of anchoring the audit chain, measured in workerd (wrangler dev) on a fresh local D1,
// each figure beside a baseline taken in turns with it (lib/measure.mjs):
// - one audited write batch (a change, its event, the head) with its signed checkpoint, beside the
//   same batch without one;
// - the Ed25519 work alone: 1,000 checkpoint signatures and 1,000 verifications in one request,
//   beside an empty request;
// - GET /api/v1/audit/verify over a chain of 300 writes, each with its checkpoint, on the real
//   worker, beside GET /health.
import { report, sampleBeside, stats } from './lib/measure.mjs';
import { besideHealth, json, signUp, startWorker } from './lib/wrangler-dev.mjs';

const WRITES = 300;
const SIGNATURES = 1000;
const hit = (url) => () =>
  fetch(url).then(async (response) => {
    const body = await response.text();
    if (!response.ok) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
  });

const bench = await startWorker({ script: 'test/bench/audit-write-worker.ts' });
try {
  const { base } = bench;
  const writes = await sampleBeside(
    hit(`${base}/anchored?org=anchored`),
    hit(`${base}/unanchored?org=unanchored`),
    {
      runs: WRITES,
      warmup: 20,
    },
  );
  const anchored = stats(writes.values).median;
  const unanchored = stats(writes.baseline).median;
  report({
    name: 'audited write batch + signed checkpoint',
    values: writes.values,
    baseline: { name: 'the same batch, no checkpoint', values: writes.baseline },
    note: `checkpoint cost ≈ ${(anchored - unanchored).toFixed(1)} ms a write, ${(((anchored - unanchored) / unanchored) * 100).toFixed(0)}% of the write`,
  });

  for (const [path, what] of [
    ['sign', 'signatures'],
    ['verify', 'verifications'],
  ]) {
    const { values, baseline } = await sampleBeside(
      hit(`${base}/${path}?n=${SIGNATURES}`),
      hit(`${base}/empty`),
      {
        runs: 10,
      },
    );
    const each = ((stats(values).median - stats(baseline).median) / SIGNATURES) * 1000;
    report({
      name: `${SIGNATURES} Ed25519 checkpoint ${what} in one request`,
      values,
      baseline: { name: 'an empty request', values: baseline },
      note: `≈ ${each.toFixed(0)} µs each`,
    });
  }
} finally {
  bench.stop();
}

// Verify on the real worker, over a chain whose every write has its checkpoint.
const worker = await startWorker();
try {
  const { base } = worker;
  // Signed in with the password alone: two-step sign-in is measured in auth.bench.mjs.
  const signup = await signUp(base, 'Bench Anchor');
  const headers = { authorization: `Bearer ${signup.accessToken}`, 'content-type': 'application/json' };
  for (let index = 0; index < WRITES; index++) {
    await fetch(`${base}/api/v1/people`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: `Person ${index}`, email: `p${index}@bench.example` }),
    }).then(json);
  }
  let verdict;
  const verify = async () => {
    verdict = await fetch(`${base}/api/v1/audit/verify`, { headers }).then(json);
    if (!verdict.intact) throw new Error(`verify: ${JSON.stringify(verdict.breaks)}`);
  };
  await besideHealth(base)(
    `GET /api/v1/audit/verify (${WRITES} people added, each write with its checkpoint)`,
    verify,
    { runs: 10 },
  );
  console.log(`  (the chain: ${verdict.checked} events, ${verdict.checkpointsChecked} checkpoints)`);
} finally {
  worker.stop();
}
