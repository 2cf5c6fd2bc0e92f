// GET /api/v1/findings and /summary for an organisation of 10,000 accounts (5 systems, 2,500 people,
// a mix of leavers, generic and unowned logins), measured in workerd (wrangler dev) on a fresh local
// D1, beside GET /health in the same run. Findings are stored, and the first read after a change
// recomputes what the change can affect, so the first page, the whole list, the summary and a read
// right after each kind of change are measured apart.
import { seedDirectorySql } from './lib/seed-directory.mjs';
import { ms, percentiles, startWorker } from './lib/wrangler-dev.mjs';

const PASSWORD = 'correct horse battery staple 42';
const ACCOUNTS = 10_000;
const PEOPLE = 2_500;
const SYSTEMS = 5;

async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${body}`);
  return JSON.parse(body);
}

async function main() {
  const report = [];
  const worker = await startWorker();
  try {
    const { base } = worker;
    const health = () => fetch(`${base}/health`).then((response) => response.arrayBuffer());
    await percentiles(20, health);
    const healthTimes = await percentiles(100, health);
    report.push(['GET /health', `p50 ${ms(healthTimes.p50)}  p95 ${ms(healthTimes.p95)}`]);

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
    worker.d1(
      seedDirectorySql(signup.organisation.id, {
        accounts: ACCOUNTS,
        people: PEOPLE,
        systems: SYSTEMS,
        prefix: 'fb',
      }),
    );
    const headers = { authorization: `Bearer ${signup.accessToken}` };
    let count = 0;
    const findings = () =>
      fetch(`${base}/api/v1/findings`, { headers }).then(async (response) => {
        const body = await json(response);
        count = body.total;
      });
    const timed = async (name, runs, fn) => {
      const times = await percentiles(runs, fn);
      report.push([name, `p50 ${ms(times.p50)}  p95 ${ms(times.p95)}  (${runs} runs)`]);
    };
    // The first read computes and stores the findings.
    await percentiles(1, findings);
    await timed('GET /api/v1/findings?limit=50 (first page)', 20, () =>
      fetch(`${base}/api/v1/findings?limit=50`, { headers }).then(json),
    );
    await timed('GET /api/v1/findings/summary', 20, () =>
      fetch(`${base}/api/v1/findings/summary`, { headers }).then(json),
    );
    await timed('GET /api/v1/findings?severity=critical&limit=50', 20, () =>
      fetch(`${base}/api/v1/findings?severity=critical&limit=50`, { headers }).then(json),
    );
    await timed(`GET /api/v1/findings (all ${ACCOUNTS} accounts' findings)`, 7, findings);
    report.push(['findings at 10,000 accounts', String(count)]);
    // A change makes the next read recompute what it can affect: a new person (named by no login
    // yet), one login signed in, a person with 4 logins (all in one system) marked as a leaver,
    // and, for comparison, a settings change, which recomputes the whole organisation.
    const write = async (method, path, body) =>
      json(
        await fetch(`${base}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const firstPage = () => fetch(`${base}/api/v1/findings?limit=50`, { headers }).then(json);
    const afterChange = async (name, runs, change) => {
      // The write is not timed: only the read that recomputes.
      const times = [];
      for (let index = 0; index < runs; index++) {
        await change(index);
        const start = performance.now();
        await firstPage();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const at = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))];
      report.push([name, `p50 ${ms(at(0.5))}  p95 ${ms(at(0.95))}  (${runs} runs)`]);
    };
    await afterChange('first page after a new person', 7, (index) =>
      write('POST', '/api/v1/people', { name: `Bench Newcomer ${index}` }),
    );
    await afterChange('first page after one login signed in', 7, (index) =>
      write('PATCH', `/api/v1/accounts/fb-a-${100 + index}`, { lastSignInAt: Date.now() - index * 1000 }),
    );
    await afterChange('first page after a leaver (4 logins in one system)', 7, (index) =>
      write('PATCH', `/api/v1/people/fb-p-${200 + index}`, { endDate: '2026-02-01', status: 'leaver' }),
    );
    await afterChange('first page after a settings change (everything)', 3, (index) =>
      write('PATCH', '/api/v1/organisation', { settings: { dormantDays: 60 + index } }),
    );
    const healthAfter = await percentiles(100, health);
    report.push(['GET /health (again, after)', `p50 ${ms(healthAfter.p50)}  p95 ${ms(healthAfter.p95)}`]);
  } finally {
    worker.stop();
  }
  const width = Math.max(...report.map(([name]) => name.length));
  for (const [name, value] of report) console.log(`${name.padEnd(width)}  ${value}`);
}

await main();
