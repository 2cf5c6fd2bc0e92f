// Sign-in observations, measured in workerd (wrangler dev) on a fresh local D1:
// POST /api/v1/observations p50/p95 (a staff browser's batch of one sign-in, matched to a known
// login) beside GET /health in the same run. Several enrolled browsers share the requests, each
// within its hourly report allowance.
import { fetchRetry as fetch, ms, percentiles, startWorker } from './lib/wrangler-dev.mjs';

const PASSWORD = 'correct horse battery staple 42';
const BROWSERS = 5;
const PER_BROWSER = 40;

async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${body}`);
  return body === '' ? null : JSON.parse(body);
}

const report = [];
const worker = await startWorker();
try {
  const { base } = worker;
  const call = (path, { token, method = 'GET', body } = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    }).then(json);

  const owner = await call('/api/v1/auth/signup', {
    method: 'POST',
    body: {
      organisationName: 'Bench Firm',
      name: 'Bench Owner',
      email: `bench.${Date.now()}@example.com`,
      password: PASSWORD,
      secondFactorRequired: false,
    },
  });
  const token = owner.accessToken;
  const system = await call('/api/v1/systems', {
    token,
    method: 'POST',
    body: { name: 'CaseLedger', signInUrlPatterns: ['https://caseledger.example/login*'] },
  });
  await call('/api/v1/accounts', {
    token,
    method: 'POST',
    body: { systemId: system.id, username: 'reception' },
  });
  await call('/api/v1/observations/settings', { token, method: 'PUT', body: { enabled: true } });
  const credentials = [];
  for (let i = 0; i < BROWSERS; i += 1) {
    const person = await call('/api/v1/people', {
      token,
      method: 'POST',
      body: { name: `Receptionist ${i}` },
    });
    const { code } = await call('/api/v1/enrolments', {
      token,
      method: 'POST',
      body: { personId: person.id },
    });
    const joined = await call('/api/v1/devices/join', { method: 'POST', body: { code } });
    credentials.push(joined.credential);
  }

  const health = () => fetch(`${base}/health`).then((response) => response.arrayBuffer());
  await percentiles(20, health);
  const healthTimes = await percentiles(200, health);
  report.push(['GET /health', `p50 ${ms(healthTimes.p50)}  p95 ${ms(healthTimes.p95)}`]);

  let sent = 0;
  const observe = () => {
    const credential = credentials[Math.floor(sent / PER_BROWSER)];
    sent += 1;
    return call('/api/v1/observations', {
      token: credential,
      method: 'POST',
      body: { observations: [{ systemId: system.id, login: 'reception', observedAt: Date.now() }] },
    });
  };
  const times = await percentiles(BROWSERS * PER_BROWSER, observe);
  report.push(['POST /api/v1/observations (one sign-in)', `p50 ${ms(times.p50)}  p95 ${ms(times.p95)}`]);
  const healthAfter = await percentiles(100, health);
  report.push(['GET /health (again, after)', `p50 ${ms(healthAfter.p50)}  p95 ${ms(healthAfter.p95)}`]);
} finally {
  worker.stop();
}

const width = Math.max(...report.map(([name]) => name.length));
for (const [name, value] of report) console.log(`${name.padEnd(width)}  ${value}`);
