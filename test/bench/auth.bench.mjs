// Sign-in and audit benchmarks, measured in workerd (wrangler dev) on a fresh local D1:
// - hash time per sign-in (the chosen PBKDF2 parameters), as a bench worker's hash request minus
//   its empty request;
// - sign-in latency p50/p95 (POST /api/v1/auth/login), and a wrong password beside an unknown email;
// - sign-in with a second factor (password, then the code) p50/p95;
// - audit export throughput (events/s) over 100,000 events, NDJSON and CSV;
// each beside GET /health measured in the same run.
import { base32Decode, totp } from '../../worker/src/auth/totp.ts';
import { fetchRetry as fetch, ms, percentiles, startWorker } from './lib/wrangler-dev.mjs';

const PASSWORD = 'correct horse battery staple 42';
const EVENTS = 100_000;
// At most 20: one member may invite 20 people an hour.
const SECOND_FACTOR_MEMBERS = 20;

async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${body}`);
  return JSON.parse(body);
}

const report = [];
const progress = (step) => process.stderr.write(`  … ${step}\n`);

// 1. Hash time, in a worker that does nothing else.
{
  progress('hash worker');
  const hashWorker = await startWorker({ script: 'test/bench/hash-worker.ts' });
  try {
    const hit = (path) => fetch(`${hashWorker.base}${path}`).then((response) => response.arrayBuffer());
    await percentiles(10, () => hit('/verify')); // warm-up, and the stored hash is made
    const empty = await percentiles(60, () => hit('/empty'));
    const verify = await percentiles(30, () => hit('/verify'));
    report.push(['hash worker: empty request', `p50 ${ms(empty.p50)}  p95 ${ms(empty.p95)}`]);
    report.push([
      'hash worker: one PBKDF2-SHA256 i=100000 check',
      `p50 ${ms(verify.p50)}  p95 ${ms(verify.p95)}`,
    ]);
    report.push(['=> hash time per sign-in', `~${ms(verify.p50 - empty.p50)} (p50 difference)`]);
  } finally {
    hashWorker.stop();
  }
}

// 2. The real worker: /health, sign-in, export.
progress('worker: /health and sign-in');
const worker = await startWorker();
try {
  const { base } = worker;
  const health = () => fetch(`${base}/health`).then((response) => response.arrayBuffer());
  await percentiles(20, health);
  const healthTimes = await percentiles(200, health);
  report.push(['GET /health', `p50 ${ms(healthTimes.p50)}  p95 ${ms(healthTimes.p95)}`]);

  const email = `bench.${Date.now()}@example.com`;
  const signup = await json(
    await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisationName: 'Bench Firm',
        name: 'Bench Owner',
        email,
        password: PASSWORD,
        secondFactorRequired: false,
      }),
    }),
  );
  const login = () =>
    fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    }).then(json);
  await percentiles(5, login);
  const logins = await percentiles(60, login);
  report.push(['POST /api/v1/auth/login (success)', `p50 ${ms(logins.p50)}  p95 ${ms(logins.p95)}`]);

  progress('sign-in with a second factor');
  const twoStep = await secondFactorSignIns(base, SECOND_FACTOR_MEMBERS);
  report.push([
    `sign-in with a second factor (password + code, ${SECOND_FACTOR_MEMBERS} members)`,
    `p50 ${ms(twoStep.p50)}  p95 ${ms(twoStep.p95)}`,
  ]);
  const healthBeside = await percentiles(100, health);
  report.push([
    'GET /health (same run, beside it)',
    `p50 ${ms(healthBeside.p50)}  p95 ${ms(healthBeside.p95)}`,
  ]);

  // A wrong password and an unknown email should cost the same (both spend one hash). Few tries:
  // five failures lock an account and thirty lock the address.
  const attempt = (who) =>
    fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: who, password: 'not the right password' }),
    }).then(async (response) => {
      await response.arrayBuffer();
      if (response.status !== 401) throw new Error(`expected 401, got ${response.status}`);
    });
  const victims = [];
  for (let index = 0; index < 3; index++) {
    const victim = `victim.${index}.${Date.now()}@example.com`;
    await json(
      await fetch(`${base}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisationName: `Victim ${index}`,
          name: 'Victim',
          email: victim,
          password: PASSWORD,
          secondFactorRequired: false,
        }),
      }),
    );
    victims.push(victim);
  }
  const wrong = await percentiles(12, (index) => attempt(victims[index % 3]));
  const unknown = await percentiles(12, (index) => attempt(`nobody.${index}.${Date.now()}@example.com`));
  report.push(['login, wrong password (401)', `p50 ${ms(wrong.p50)}  p95 ${ms(wrong.p95)}`]);
  report.push(['login, unknown email (401)', `p50 ${ms(unknown.p50)}  p95 ${ms(unknown.p95)}`]);

  progress('audit export');
  const orgId = signup.organisation.id;
  worker.d1(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${EVENTS})
     INSERT INTO audit_events (org_id, seq, occurred_at, actor_id, actor_name, action, target_type, target_id,
       before, after, ip, user_agent, request_id, prev_hash, hash)
     SELECT '${orgId}', 1000 + i, ${Date.now()}, '${signup.member.id}', 'Bench Owner', 'person.update', 'person',
       'person-' || i, '{"status":"active","name":"Person ' || i || '"}', '{"status":"leaver","name":"Person ' || i || '"}',
       '192.0.2.1', 'Mozilla/5.0 (bench)', 'req-' || i, printf('%064d', i - 1), printf('%064d', i) FROM n;
     -- An export goes up to the newest checkpoint: one at the filler's end (its signature is not checked here).
     INSERT INTO audit_checkpoints (org_id, seq, hash, signed_at, key_id, signature)
     VALUES ('${orgId}', ${1000 + EVENTS}, printf('%064d', ${EVENTS}), ${Date.now()}, 'bench', 'bench')`,
  );
  const { accessToken } = await login();
  for (const format of ['ndjson', 'csv']) {
    const start = performance.now();
    const response = await fetch(`${base}/api/v1/audit/export?format=${format}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (!response.ok) throw new Error(`export ${format}: ${response.status}`);
    let lines = 0;
    let bytes = 0;
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines += 1;
    }
    const seconds = (performance.now() - start) / 1000;
    // Less the CSV header and the checkpoint that ends either file.
    const events = format === 'csv' ? lines - 2 : lines - 1;
    if (events < EVENTS)
      throw new Error(`export ${format} gave ${events} events, expected at least ${EVENTS}`);
    report.push([
      `GET /api/v1/audit/export?format=${format}`,
      `${events} events, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${Math.round(events / seconds)} events/s`,
    ]);
  }
  const healthAfter = await percentiles(100, health);
  report.push(['GET /health (again, after)', `p50 ${ms(healthAfter.p50)}  p95 ${ms(healthAfter.p95)}`]);
} finally {
  worker.stop();
}

/**
 * Each member's sign-in with a second factor timed whole: the password, then the code. A code is
 * good once, so each sample is another member (admins of an organisation that requires it, each
 * set up as their app would be, on the step after the one their setup used).
 */
async function secondFactorSignIns(base, count) {
  const post = (path, body, token) =>
    fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then(json);
  const enrol = async (challengeToken) => {
    const { manualKey } = await post('/auth/second-factor/enrolment', { challengeToken });
    const key = base32Decode(manualKey);
    const pair = await post('/auth/second-factor/enrolment/confirm', {
      challengeToken,
      code: await totp(key, Date.now()),
    });
    return { key, pair };
  };
  const ownerEmail = `bench.2fa.${Date.now()}@example.com`;
  const started = await post('/auth/signup', {
    organisationName: 'Bench Two Factor',
    name: 'Bench Owner',
    email: ownerEmail,
    password: PASSWORD,
  });
  const owner = (await enrol(started.challengeToken)).pair;
  const members = [];
  for (let index = 0; index < count; index++) {
    const email = `bench.admin.${index}.${Date.now()}@example.com`;
    const { setupToken } = await post('/members/invites', { email, role: 'admin' }, owner.accessToken);
    const step = await post('/auth/accept-invite', {
      setupToken,
      name: `Admin ${index}`,
      password: PASSWORD,
    });
    members.push({ email, ...(await enrol(step.challengeToken)) });
  }
  return percentiles(count, async (index) => {
    const { email, key } = members[index];
    const step = await post('/auth/login', { email, password: PASSWORD });
    // The setup spent now's step; the next one is accepted as drift.
    const code = await totp(key, Date.now() + 30_000);
    const pair = await post('/auth/second-factor', { challengeToken: step.challengeToken, code });
    if (!pair.accessToken) throw new Error('no sign-in with the second factor');
  });
}

const width = Math.max(...report.map(([name]) => name.length));
for (const [name, value] of report) console.log(`${name.padEnd(width)}  ${value}`);
