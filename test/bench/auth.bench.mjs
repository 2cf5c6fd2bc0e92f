// Sign-in and audit benchmarks, measured in workerd (wrangler dev) on a fresh local D1, each figure
// beside a baseline taken in turns with it (lib/measure.mjs):
// - one password check (the chosen PBKDF2 parameters) in a bench worker, beside its empty request;
// - sign-in (POST /api/v1/auth/login), and a wrong password and an unknown email, beside GET /health;
// - sign-in with a second factor (password, then the code), beside GET /health;
// - the audit export of 100,000 events, NDJSON and CSV, beside GET /health, with its events/s.
import { base32Decode, totp } from '../../worker/src/auth/totp.ts';
import { healthCheck, report, sampleBeside, stats } from './lib/measure.mjs';
import {
  besideHealth,
  fetchRetry as fetch,
  json,
  PASSWORD,
  signUp,
  startWorker,
} from './lib/wrangler-dev.mjs';

const EVENTS = 100_000;
// At most 20: one member may invite 20 people an hour.
const SECOND_FACTOR_MEMBERS = 20;

const progress = (step) => process.stderr.write(`  … ${step}\n`);
const post = (base, path, body, token) =>
  fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

// 1. Hash time, in a worker that does nothing else.
{
  progress('hash worker');
  const hashWorker = await startWorker({ script: 'test/bench/hash-worker.ts' });
  try {
    const hit = (path) => () => fetch(`${hashWorker.base}${path}`).then((response) => response.arrayBuffer());
    // The first check also makes the stored hash.
    const { values, baseline } = await sampleBeside(hit('/verify'), hit('/empty'), { runs: 20, warmup: 3 });
    report({
      name: 'one PBKDF2-SHA256 i=100000 password check (bench worker)',
      values,
      baseline: { name: 'its empty request', values: baseline },
      note: `hash time per sign-in ≈ ${(stats(values).median - stats(baseline).median).toFixed(1)} ms`,
    });
  } finally {
    hashWorker.stop();
  }
}

// 2. The real worker: sign-in, and the audit export.
progress('worker: sign-in');
const worker = await startWorker();
try {
  const { base } = worker;
  const beside = besideHealth(base);

  const signup = await signUp(base, 'Bench Firm');
  const email = signup.member.email;
  const login = () => post(base, '/auth/login', { email, password: PASSWORD }).then(json);
  await beside('POST /api/v1/auth/login (success)', login, { runs: 30, warmup: 5 });

  progress('sign-in with a second factor');
  await beside(
    `sign-in with a second factor (password + code, ${SECOND_FACTOR_MEMBERS} members)`,
    await secondFactorSignIn(base, SECOND_FACTOR_MEMBERS),
    // A code is good once: each run is another member, and none is spent warming up.
    { runs: SECOND_FACTOR_MEMBERS, warmup: 0 },
  );

  // A wrong password and an unknown email should cost the same (both spend one hash). Few tries:
  // five failures lock an account and thirty lock the address.
  const attempt = (who) =>
    post(base, '/auth/login', { email: who, password: 'not the right password' }).then(async (response) => {
      await response.arrayBuffer();
      if (response.status !== 401) throw new Error(`expected 401, got ${response.status}`);
    });
  const victims = [];
  for (let index = 0; index < 3; index++) victims.push((await signUp(base, `Victim ${index}`)).member.email);
  await beside('login, wrong password (401)', (index) => attempt(victims[index % 3]), {
    runs: 12,
    warmup: 0,
  });
  await beside(
    'login, unknown email (401)',
    (index) => attempt(`nobody.${index}.${Date.now()}@example.com`),
    { runs: 12, warmup: 0 },
  );

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
    let events = 0;
    let bytes = 0;
    const exportAll = async () => {
      const response = await fetch(`${base}/api/v1/audit/export?format=${format}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (!response.ok) throw new Error(`export ${format}: ${response.status}`);
      let lines = 0;
      bytes = 0;
      for await (const chunk of response.body) {
        bytes += chunk.byteLength;
        for (const byte of chunk) if (byte === 10) lines += 1;
      }
      // Less the CSV header and the checkpoint that ends either file.
      events = format === 'csv' ? lines - 2 : lines - 1;
      if (events < EVENTS)
        throw new Error(`export ${format} gave ${events} events, expected at least ${EVENTS}`);
    };
    const { values, baseline } = await sampleBeside(exportAll, healthCheck(base), { runs: 7, warmup: 1 });
    report({
      name: `GET /api/v1/audit/export?format=${format} (${EVENTS} events)`,
      values,
      baseline: { name: 'GET /health', values: baseline },
      note: `${(bytes / 1e6).toFixed(1)} MB, ${Math.round(events / (stats(values).median / 1000))} events/s at the median`,
    });
  }
} finally {
  worker.stop();
}

/**
 * Sets `count` members up to sign in with a second factor (admins of an organisation that requires
 * it, each set up as their app would be), and answers one sign-in of the run's member timed whole:
 * the password, then the code, on the step after the one their setup used.
 */
async function secondFactorSignIn(base, count) {
  const enrol = async (challengeToken) => {
    const { manualKey } = await post(base, '/auth/second-factor/enrolment', { challengeToken }).then(json);
    const key = base32Decode(manualKey);
    const pair = await post(base, '/auth/second-factor/enrolment/confirm', {
      challengeToken,
      code: await totp(key, Date.now()),
    }).then(json);
    return { key, pair };
  };
  const started = await signUp(base, 'Bench Two Factor', { secondFactorRequired: true });
  const owner = (await enrol(started.challengeToken)).pair;
  const members = [];
  for (let index = 0; index < count; index++) {
    const email = `bench.admin.${index}.${Date.now()}@example.com`;
    const { setupToken } = await post(
      base,
      '/members/invites',
      { email, role: 'admin' },
      owner.accessToken,
    ).then(json);
    const step = await post(base, '/auth/accept-invite', {
      setupToken,
      name: `Admin ${index}`,
      password: PASSWORD,
    }).then(json);
    members.push({ email, ...(await enrol(step.challengeToken)) });
  }
  return async (index) => {
    const { email, key } = members[index];
    const step = await post(base, '/auth/login', { email, password: PASSWORD }).then(json);
    // The setup spent now's step; the next one is accepted as drift.
    const code = await totp(key, Date.now() + 30_000);
    const pair = await post(base, '/auth/second-factor', { challengeToken: step.challengeToken, code }).then(
      json,
    );
    if (!pair.accessToken) throw new Error('no sign-in with the second factor');
  };
}
