// GET /api/v1/findings and /summary for an organisation of 10,000 accounts (5 systems, 2,500 people,
// a mix of leavers, generic and unowned logins), measured in workerd (wrangler dev) on a fresh local
// D1, beside GET /health in the same run.
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
        count = body.findings.length;
      });
    await percentiles(3, findings);
    const list = await percentiles(20, findings);
    report.push([
      `GET /api/v1/findings (${ACCOUNTS} accounts, ${count} findings)`,
      `p50 ${ms(list.p50)}  p95 ${ms(list.p95)}`,
    ]);
    const filtered = await percentiles(20, () =>
      fetch(`${base}/api/v1/findings?severity=critical`, { headers }).then(json),
    );
    report.push([
      'GET /api/v1/findings?severity=critical',
      `p50 ${ms(filtered.p50)}  p95 ${ms(filtered.p95)}`,
    ]);
    const summary = await percentiles(20, () =>
      fetch(`${base}/api/v1/findings/summary`, { headers }).then(json),
    );
    report.push(['GET /api/v1/findings/summary', `p50 ${ms(summary.p50)}  p95 ${ms(summary.p95)}`]);
    const healthAfter = await percentiles(100, health);
    report.push(['GET /health (again, after)', `p50 ${ms(healthAfter.p50)}  p95 ${ms(healthAfter.p95)}`]);
  } finally {
    worker.stop();
  }
  const width = Math.max(...report.map(([name]) => name.length));
  for (const [name, value] of report) console.log(`${name.padEnd(width)}  ${value}`);
}

await main();
