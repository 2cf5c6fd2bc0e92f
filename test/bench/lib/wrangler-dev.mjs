// Starts the worker in workerd with `wrangler dev` on a fresh local D1 (migrations applied), for
// benchmarks. Only 127.0.0.1 is used; wrangler is kept off the network.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthCheck, percentile, report, sample, sampleBeside } from './measure.mjs';

const QUIET = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};
const wranglerBin = join(process.cwd(), 'node_modules', 'wrangler', 'bin', 'wrangler.js');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function wrangler(args, options = {}) {
  return spawnSync(process.execPath, [wranglerBin, ...args], {
    env: { ...process.env, ...QUIET },
    encoding: 'utf8',
    ...options,
  });
}

/**
 * `script` runs another entry point than wrangler.toml's main (e.g. a bench-only worker).
 * Answers { base, persistTo, d1(sql), stop() }.
 */
export async function startWorker({ script, vars = { ENVIRONMENT: 'development' } } = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const migrate = wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr || migrate.stdout}`);
  const port = await freePort();
  const args = ['dev', ...(script ? [script] : []), '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--persist-to', persistTo, '--log-level', 'error');
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  const child = spawn(process.execPath, [wranglerBin, ...args], {
    env: { ...process.env, ...QUIET },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    rmSync(persistTo, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${base}/health`);
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        stop();
        throw new Error('wrangler dev did not start');
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  /** Runs SQL against the worker's local D1. */
  const d1 = (sql) => {
    const result = wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--command', sql]);
    if (result.status !== 0) throw new Error(`d1 execute failed: ${result.stderr || result.stdout}`);
  };
  return { base, persistTo, d1, stop };
}

/**
 * fetch, tried once more when the connection drops (wrangler dev's proxy can reset a kept-alive
 * connection on a loaded machine); an HTTP error answer is returned as is.
 */
export async function fetchRetry(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    await new Promise((resolve) => setTimeout(resolve, 200));
    return fetch(url, init);
  }
}

/** The password of every member a benchmark makes. */
export const PASSWORD = 'correct horse battery staple 42';

/** A response's JSON body (null when empty), or an error naming its status and what it said. */
export async function json(response) {
  const body = await response.text();
  if (!response.ok) throw new Error(`${response.status} ${body.slice(0, 500)}`);
  return body ? JSON.parse(body) : null;
}

/**
 * Signs a new firm up on the worker at `base`: answers the sign-up's body (its owner signed in, or
 * with `secondFactorRequired` the challenge to set one up). At most 10 a worker: one address may
 * sign up 10 firms an hour.
 */
export async function signUp(base, organisationName, { email, secondFactorRequired = false } = {}) {
  const slug = organisationName.replace(/\W/g, '').toLowerCase();
  const response = await fetchRetry(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      organisationName,
      name: 'Bench Owner',
      email: email ?? `${slug}.${Date.now()}@example.com`,
      password: PASSWORD,
      secondFactorRequired,
    }),
  });
  return json(response);
}

/**
 * Times `count` sequential calls of `fn`; answers milliseconds at the median, the 90th and the 95th
 * percentile (report them beside GET /health with `report` from measure.mjs).
 */
export async function percentiles(count, fn) {
  const times = await sample(fn, { runs: count, warmup: 0 });
  return { p50: percentile(times, 50), p90: percentile(times, 90), p95: percentile(times, 95), count, times };
}

export const ms = (value) => `${value.toFixed(1)} ms`;

/**
 * Answers `beside(name, fn, options, note)`: samples `fn` in turns with `baseline` (sampleBeside's
 * options) and reports it beside it (lib/measure.mjs).
 */
export function besideBaseline(baseline) {
  return async (name, fn, options, note) => {
    const { values, baseline: base } = await sampleBeside(fn, baseline.fn, options);
    return report({ name, values, baseline: { name: baseline.name, values: base }, note });
  };
}

/** besideBaseline with GET /health of the worker at `base`: the worker's baseline. */
export const besideHealth = (base) => besideBaseline({ name: 'GET /health', fn: healthCheck(base) });
