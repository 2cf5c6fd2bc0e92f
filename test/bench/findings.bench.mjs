// GET /api/v1/findings and /summary for an organisation of 10,000 accounts (5 systems, 2,500 people,
// a mix of leavers, generic and unowned logins), measured in workerd (wrangler dev) on a fresh local
// D1, beside GET /health in the same run.
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

/** Seeds one organisation's directory straight into D1 (the API would take minutes at this size). */
export function seedDirectorySql(
  orgId,
  { accounts = ACCOUNTS, people = PEOPLE, systems = SYSTEMS, prefix = orgId } = {},
) {
  const now = Date.now();
  const day = 86_400_000;
  return `
    INSERT INTO systems (id, org_id, name, permissions, version, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${systems})
    SELECT '${prefix}-sys-' || i, '${orgId}', 'System ' || i,
      '[{"name":"payments.add"},{"name":"transactions.search"},{"name":"refunds.process","privileged":true},{"name":"users.manage","privileged":true}]',
      i, ${now} FROM n;
    INSERT INTO job_roles (id, org_id, name, permissions, version, updated_at)
    VALUES ('${prefix}-role', '${orgId}', 'Clerk',
      json_object(${Array.from({ length: systems }, (_, i) => `'${prefix}-sys-${i + 1}', json('["payments.add","transactions.search"]')`).join(', ')}), 1, ${now});
    INSERT INTO people (id, org_id, name, email, job_role_id, end_date, status, version, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${people})
    SELECT '${prefix}-p-' || i, '${orgId}', 'Person ' || i, 'person' || i || '@${prefix}.example', '${prefix}-role',
      CASE WHEN i % 50 = 0 THEN '2026-01-01' END, CASE WHEN i % 50 = 0 THEN 'leaver' ELSE 'active' END, i, ${now} FROM n;
    INSERT INTO accounts (id, org_id, system_id, username, display_name, status, permissions, owner_person_id,
      user_person_ids, last_sign_in_at, system_created_at, version, updated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${accounts})
    SELECT '${prefix}-a-' || i, '${orgId}', '${prefix}-sys-' || (1 + i % ${systems}),
      CASE WHEN i % 97 = 0 THEN 'frontdesk' || i ELSE 'user' || i END,
      CASE WHEN i % 97 = 0 THEN 'Front Desk' ELSE 'Person ' || (1 + i % ${people}) END,
      'active',
      CASE WHEN i % 31 = 0 THEN '["payments.add","refunds.process"]' ELSE '["payments.add"]' END,
      CASE WHEN i % 41 = 0 THEN NULL ELSE '${prefix}-p-' || (1 + i % ${people}) END,
      '[]', ${now} - (i % 90) * ${day}, ${now} - 200 * ${day}, ${people} + i, ${now} FROM n;
  `;
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
        }),
      }),
    );
    worker.d1(seedDirectorySql(signup.organisation.id, { prefix: 'fb' }));
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

if (import.meta.url === `file://${process.argv[1]}`) await main();
