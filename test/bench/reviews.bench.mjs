// Access reviews and the daily check, measured in workerd (wrangler dev) on fresh local D1s:
// 1. a campaign over 10,000 accounts: creation, the first and a deep page of items, closing with the
//    default decision for every item, and the evidence export (CSV and HTML), beside GET /health;
// 2. the daily check over 100 organisations of 1,000 accounts each: time per organisation (a bench
//    worker runs one organisation per request), then all of them in one run as the cron does.
import { seedDirectorySql } from './lib/seed-directory.mjs';
import { ms, percentiles, startWorker } from './lib/wrangler-dev.mjs';

const PASSWORD = 'correct horse battery staple 42';
const DAY = 86_400_000;

async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${body.slice(0, 500)}`);
  return JSON.parse(body);
}

/** GET with one retry: wrangler dev sometimes drops the first connection after a (re)load. */
async function get(url) {
  try {
    return await fetch(url);
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return fetch(url);
  }
}

async function timed(fn) {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

const report = [];
const line = (name, value) => {
  report.push([name, value]);
  console.log(`  ${name}: ${value}`);
};

// 1. A campaign over 10,000 accounts. (REVIEWS_BENCH_PART=1 or 2 runs one part only.)
const part = process.env.REVIEWS_BENCH_PART;
if (part !== '2') {
  const worker = await startWorker();
  try {
    const { base } = worker;
    const health = () => fetch(`${base}/health`).then((response) => response.arrayBuffer());
    await percentiles(20, health);
    const h = await percentiles(100, health);
    line('GET /health', `p50 ${ms(h.p50)}  p95 ${ms(h.p95)}`);

    const signup = await json(
      await fetch(`${base}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisationName: 'Bench Reviews',
          name: 'Bench Owner',
          email: `reviews.${Date.now()}@example.com`,
          password: PASSWORD,
          secondFactorRequired: false,
        }),
      }),
    );
    worker.d1(seedDirectorySql(signup.organisation.id, { accounts: 10_000, people: 2_500, prefix: 'rb' }));
    const headers = { authorization: `Bearer ${signup.accessToken}`, 'content-type': 'application/json' };
    const api = (path, init = {}) => fetch(`${base}/api/v1${path}`, { headers, ...init });

    const creations = [];
    const closings = [];
    const campaigns = [];
    for (let round = 0; round < 3; round++) {
      const created = await timed(() =>
        api('/reviews', {
          method: 'POST',
          body: JSON.stringify({
            name: `Bench review ${round}`,
            reviewerIds: [signup.member.id],
            dueAt: Date.now() + 7 * DAY,
          }),
        }).then(json),
      );
      if (created.result.progress.total !== 10_000)
        throw new Error(`campaign has ${created.result.progress.total} items`);
      creations.push(created.ms);
      campaigns.push(created.result.id);
    }
    line('POST /api/v1/reviews (10,000 items)', creations.map(ms).join(', '));

    const id = campaigns[0];
    const first = await percentiles(20, () => api(`/reviews/${id}/items?limit=100`).then(json));
    line('GET /reviews/:id/items first page of 100', `p50 ${ms(first.p50)}  p95 ${ms(first.p95)}`);
    let cursor = null;
    for (let page = 0; page < 50; page++) {
      const body = await api(`/reviews/${id}/items?limit=100${cursor ? `&cursor=${cursor}` : ''}`).then(json);
      cursor = body.nextCursor;
    }
    const deep = await percentiles(20, () =>
      api(`/reviews/${id}/items?limit=100&cursor=${cursor}`).then(json),
    );
    line('GET /reviews/:id/items page 51 (cursor)', `p50 ${ms(deep.p50)}  p95 ${ms(deep.p95)}`);

    for (const campaign of campaigns) {
      const closed = await timed(() => api(`/reviews/${campaign}/close`, { method: 'POST' }).then(json));
      if (closed.result.progress.remaining !== 0) throw new Error('close left items undecided');
      closings.push(closed.ms);
    }
    line('POST /reviews/:id/close (10,000 defaults + to-dos)', closings.map(ms).join(', '));

    for (const format of ['csv', 'html']) {
      const exports = await percentiles(5, async () => {
        const response = await api(`/reviews/${id}/evidence?format=${format}`);
        const text = await response.text();
        if (!response.ok || text.length < 100_000) throw new Error(`evidence ${format}: ${response.status}`);
      });
      line(`GET /reviews/:id/evidence?format=${format}`, `p50 ${ms(exports.p50)}  p95 ${ms(exports.p95)}`);
    }
    const after = await percentiles(100, health);
    line('GET /health (again, after)', `p50 ${ms(after.p50)}  p95 ${ms(after.p95)}`);
  } finally {
    worker.stop();
  }
}

// 2. The daily check over 100 organisations of 1,000 accounts.
if (part !== '1') {
  const ORGS = 100;
  const worker = await startWorker({ script: 'test/bench/daily-check-worker.ts' });
  try {
    const { base } = worker;
    const probe = await json(await get(`${base}/probe`));
    const orgIds = Array.from({ length: ORGS }, (_, i) => `bench-org-${String(i).padStart(3, '0')}`);
    // Ten organisations per command: one command line holds at most 128 KiB.
    for (let start = 0; start < ORGS; start += 10) {
      worker.d1(
        orgIds
          .slice(start, start + 10)
          .map(
            (orgId) =>
              `INSERT INTO organisations (id, name) VALUES ('${orgId}', 'Firm ${orgId}');` +
              seedDirectorySql(orgId, { accounts: 1_000, people: 250, prefix: orgId }),
          )
          .join('\n'),
      );
    }
    // One organisation per request, on a day of its own so none is skipped as done.
    const day1 = Date.now();
    const perOrg = [];
    const inWorker = [];
    for (const orgId of orgIds) {
      const { ms: wall, result } = await timed(() =>
        get(`${base}/check?org=${orgId}&now=${day1}`).then(json),
      );
      perOrg.push(wall);
      inWorker.push(result.ms);
    }
    const stat = (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `p50 ${ms(sorted[Math.floor(sorted.length / 2)])}  p95 ${ms(sorted[Math.floor(sorted.length * 0.95)])}  max ${ms(sorted.at(-1))}`;
    };
    line('daily check, one org of 1,000 accounts (request wall time)', stat(perOrg));
    line('daily check, one org (timed inside the worker)', stat(inWorker));
    line(
      'clock probe: 20M-step loop timed inside workerd',
      `${ms(probe.elapsed)} (${probe.elapsed > 1 ? 'the clock moves during computation here' : 'the clock stands still during computation here'})`,
    );
    // The cron runs of the next day, as they come: up to 30 organisations each, until all are done.
    const runs = [];
    let checked = 0;
    for (;;) {
      const run = await timed(() => get(`${base}/run?now=${day1 + DAY + runs.length * 900_000}`).then(json));
      if (run.result.organisations === 0) break;
      runs.push(run.ms);
      checked += run.result.organisations;
    }
    const total = runs.reduce((sum, value) => sum + value, 0);
    line(
      `daily check, next day: ${checked} orgs in ${runs.length} cron runs`,
      `${runs.map((value) => `${(value / 1000).toFixed(1)} s`).join(', ')} = ${ms(total / Math.max(1, checked))} per organisation`,
    );
    const again = await timed(() => get(`${base}/run?now=${day1 + DAY + 3_600_000}`).then(json));
    line(
      'daily check, second run the same day',
      `${ms(again.ms)}, ${again.result.organisations} orgs checked`,
    );
  } finally {
    worker.stop();
  }
}

const width = Math.max(...report.map(([name]) => name.length));
for (const [name, value] of report) console.log(`${name.padEnd(width)}  ${value}`);
