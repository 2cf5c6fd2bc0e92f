// GET /api/v1/findings and /summary for an organisation of 10,000 accounts (5 systems, 2,500 people,
// a mix of leavers, generic and unowned logins), measured in workerd (wrangler dev) on a fresh local
// D1, each beside GET /health in the same run (lib/measure.mjs). Findings are stored; the first read
// after a change recomputes what the change can affect, and the first read of a new day the
// time-based rules' findings that can have moved, so those are measured apart, with a threshold
// changed and, for comparison, a change that recomputes everything.
import { healthCheck, MIN_RUNS, report, sampleBeside } from './lib/measure.mjs';
import { seedDirectorySql } from './lib/seed-directory.mjs';
import { startWorker } from './lib/wrangler-dev.mjs';

const PASSWORD = 'correct horse battery staple 42';
const ACCOUNTS = 10_000;
const PEOPLE = 2_500;
const SYSTEMS = 5;
const DAY = 86_400_000;

async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${body}`);
  return JSON.parse(body);
}

async function main() {
  // The bench worker serves the real API, and the first read of a day to come (`/first-read`).
  const worker = await startWorker({ script: 'test/bench/daily-check-worker.ts' });
  try {
    const { base } = worker;
    const health = healthCheck(base);
    const baseline = (values) => ({ name: 'GET /health', values });
    const signup = await json(
      await fetch(`${base}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          organisationName: 'Bench Findings',
          name: 'Bench Owner',
          email: `findings.${Date.now()}@example.com`,
          password: PASSWORD,
          secondFactorRequired: false,
        }),
      }),
    );
    const orgId = signup.organisation.id;
    worker.d1(
      seedDirectorySql(orgId, { accounts: ACCOUNTS, people: PEOPLE, systems: SYSTEMS, prefix: 'fb' }),
    );
    const headers = { authorization: `Bearer ${signup.accessToken}` };
    const get = (path) => fetch(`${base}${path}`, { headers }).then(json);
    const figure = async (name, fn, { below, runs = MIN_RUNS, note } = {}) => {
      const { values, baseline: health_ } = await sampleBeside(fn, health, { runs });
      report({ name, values, baseline: baseline(health_), below, note });
    };

    // The first read computes and stores the findings.
    const { total } = await get('/api/v1/findings?limit=1');
    console.log(`findings at ${ACCOUNTS} accounts: ${total}`);
    await figure(
      'GET /api/v1/findings?limit=50 (first page), 10,000 logins',
      () => get('/api/v1/findings?limit=50'),
      {
        below: 50,
        runs: 20,
      },
    );
    await figure('GET /api/v1/findings/summary, 10,000 logins', () => get('/api/v1/findings/summary'), {
      below: 30,
      runs: 20,
    });
    await figure('GET /api/v1/findings?severity=critical&limit=50', () =>
      get('/api/v1/findings?severity=critical&limit=50'),
    );

    // A change makes the next read recompute what it can affect; only the read is timed.
    const write = async (method, path, body) =>
      json(
        await fetch(`${base}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const afterChange = (change) => async (index) => {
      await change(index + 1);
      const start = performance.now();
      await get('/api/v1/findings?limit=50');
      return performance.now() - start;
    };
    await figure(
      'first page after a new person',
      afterChange((i) => write('POST', '/api/v1/people', { name: `Bench Newcomer ${i}` })),
    );
    await figure(
      'first page after one login signed in',
      afterChange((i) =>
        write('PATCH', `/api/v1/accounts/fb-a-${100 + i}`, { lastSignInAt: Date.now() - i * 1000 }),
      ),
    );
    await figure(
      'first page after a leaver (4 logins in one system)',
      afterChange((i) =>
        write('PATCH', `/api/v1/people/fb-p-${200 + i}`, { endDate: '2026-02-01', status: 'leaver' }),
      ),
    );
    await figure(
      'first page after the dormant threshold changed (its rule only)',
      afterChange((i) =>
        write('PATCH', '/api/v1/organisation', { settings: { dormantDays: 45 + (i % 2) * 15 } }),
      ),
    );
    await figure(
      'first page after the most user managers changed (every login, as every change was before)',
      afterChange((i) => write('PATCH', '/api/v1/organisation', { settings: { maxAdmins: 2 + (i % 2) } })),
    );

    // The first read of each day to come: the time-based rules' findings that can have moved (the
    // dormant logins' count of days, leavers' dates, reviews overdue, the shared-login window).
    let day = 0;
    await figure('first page on a new day (the time-based findings that moved)', async () => {
      day += 1;
      const start = performance.now();
      await json(await fetch(`${base}/first-read?org=${orgId}&now=${Date.now() + day * DAY}`));
      return performance.now() - start;
    });
  } finally {
    worker.stop();
  }
}

await main();
