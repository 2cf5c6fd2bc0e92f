// Access reviews and the daily check, measured in workerd (wrangler dev) on fresh local D1s, each
// figure beside a baseline taken in turns with it (lib/measure.mjs):
// 1. a campaign over 10,000 accounts: creation, the first and a deep page of items, closing with the
//    default decision for every item, and the evidence export (CSV and HTML), beside GET /health;
// 2. the daily check over 100 organisations of 1,000 accounts each: time per organisation (a bench
//    worker runs one organisation per request), then all of them in the cron's runs over two days,
//    beside the bench worker's empty request.
import { healthCheck, report, sampleBeside, stats } from './lib/measure.mjs';
import { seedDirectorySql } from './lib/seed-directory.mjs';
import { besideBaseline, besideHealth, fetchRetry, json, signUp, startWorker } from './lib/wrangler-dev.mjs';

const DAY = 86_400_000;
const CAMPAIGNS = 7;

// 1. A campaign over 10,000 accounts. (REVIEWS_BENCH_PART=1 or 2 runs one part only.)
const part = process.env.REVIEWS_BENCH_PART;
if (part !== '2') {
  const worker = await startWorker();
  try {
    const { base } = worker;
    const beside = besideHealth(base);

    const signup = await signUp(base, 'Bench Reviews');
    worker.d1(seedDirectorySql(signup.organisation.id, { accounts: 10_000, people: 2_500, prefix: 'rb' }));
    const headers = { authorization: `Bearer ${signup.accessToken}`, 'content-type': 'application/json' };
    const api = (path, init = {}) => fetchRetry(`${base}/api/v1${path}`, { headers, ...init }).then(json);

    const campaigns = [];
    await beside(
      'POST /api/v1/reviews (10,000 items)',
      async (round) => {
        const created = await api('/reviews', {
          method: 'POST',
          body: JSON.stringify({
            name: `Bench review ${round}`,
            reviewerIds: [signup.member.id],
            dueAt: Date.now() + 7 * DAY,
          }),
        });
        if (created.progress.total !== 10_000)
          throw new Error(`campaign has ${created.progress.total} items`);
        campaigns.push(created.id);
      },
      { runs: CAMPAIGNS, warmup: 0 },
    );

    const id = campaigns[0];
    await beside('GET /reviews/:id/items first page of 100', () => api(`/reviews/${id}/items?limit=100`), {
      runs: 20,
    });
    let cursor = null;
    for (let page = 0; page < 50; page++) {
      const body = await api(`/reviews/${id}/items?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      cursor = body.nextCursor;
    }
    await beside(
      'GET /reviews/:id/items page 51 (cursor)',
      () => api(`/reviews/${id}/items?limit=100&cursor=${cursor}`),
      { runs: 20 },
    );

    await beside(
      'POST /reviews/:id/close (10,000 defaults + to-dos)',
      async (index) => {
        const closed = await api(`/reviews/${campaigns[index]}/close`, { method: 'POST' });
        if (closed.progress.remaining !== 0) throw new Error('close left items undecided');
      },
      { runs: CAMPAIGNS, warmup: 0 },
    );

    for (const format of ['csv', 'html']) {
      await beside(
        `GET /reviews/:id/evidence?format=${format}`,
        async () => {
          const response = await fetchRetry(`${base}/api/v1/reviews/${id}/evidence?format=${format}`, {
            headers,
          });
          const text = await response.text();
          if (!response.ok || text.length < 100_000)
            throw new Error(`evidence ${format}: ${response.status}`);
        },
        { runs: 7 },
      );
    }
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
    const get = (path) => fetchRetry(`${base}${path}`).then(json);
    // Its every other path answers at once: the cost of a request that does nothing.
    const empty = { name: 'the bench worker’s empty request', fn: healthCheck(base) };
    const probe = await get('/probe');
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
    // 08:00 UTC today: the runs below, hours later, stay within their UTC day.
    const day1 = Math.floor(Date.now() / DAY) * DAY + 8 * 3_600_000;
    const inWorker = [];
    const perOrg = await sampleBeside(
      async (index) => {
        inWorker.push((await get(`/check?org=${orgIds[index]}&now=${day1}`)).ms);
      },
      empty.fn,
      { runs: ORGS, warmup: 0 },
    );
    report({
      name: 'daily check, one org of 1,000 accounts (request wall time)',
      values: perOrg.values,
      baseline: { name: empty.name, values: perOrg.baseline },
      note: `timed inside the worker: median ${stats(inWorker).median.toFixed(1)} ms, p90 ${stats(inWorker).p90.toFixed(1)} ms; a 20M-step loop timed inside workerd took ${probe.elapsed.toFixed(1)} ms (${probe.elapsed > 1 ? 'the clock moves during computation here' : 'the clock stands still during computation here'})`,
    });

    // The cron's runs on the next two days, as they come: as many organisations each as its D1
    // query allowance covers, until all are done. Each run's time per organisation is one sample.
    const perOrganisation = [];
    const emptyBeside = [];
    let runs = 0;
    for (const day of [day1 + DAY, day1 + 2 * DAY]) {
      for (let run = 0; ; run++) {
        const start = performance.now();
        const result = await get(`/run?now=${day + run * 900_000}`);
        const took = performance.now() - start;
        if (result.organisations === 0) break;
        perOrganisation.push(took / result.organisations);
        const emptyStart = performance.now();
        await empty.fn();
        emptyBeside.push(performance.now() - emptyStart);
        runs += 1;
      }
    }
    report({
      name: `daily check, cron runs as deployed: time per organisation (${runs} runs over 2 days)`,
      values: perOrganisation,
      baseline: { name: empty.name, values: emptyBeside },
    });
    await besideBaseline(empty)(
      'daily check, another run the same day (nothing left to check)',
      async (index) => {
        const run = await get(`/run?now=${day1 + 2 * DAY + 3_600_000 + index * 60_000}`);
        if (run.organisations !== 0) throw new Error(`a second run checked ${run.organisations} orgs`);
      },
      { runs: 7, warmup: 0 },
    );
  } finally {
    worker.stop();
  }
}
