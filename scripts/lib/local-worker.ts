import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A tool's entry in the project's node_modules (their package exports hide the bin files). */
export const toolBin = (path: string) => join(import.meta.dirname, '../../node_modules', path);
const wranglerBin = toolBin('wrangler/bin/wrangler.js');

/**
 * wrangler with no Cloudflare account and no network: no telemetry, no update check, no
 * `request.cf` download (each can stall for tens of seconds on a closed network).
 */
export const wranglerEnv: NodeJS.ProcessEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};

/** Runs wrangler on the Node running this script (the pinned Node 24), answering its output. */
export function wrangler(args: string[], options: { quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin, ...args], { env: wranglerEnv, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new Error(`wrangler ${args.join(' ')} failed (exit ${code}):\n${options.quiet ? '' : output}`),
        );
    });
  });
}

/** Applies the migrations in worker/migrations to the local D1 kept in `persistTo`. */
export async function migrateLocal(persistTo?: string): Promise<void> {
  await wrangler([
    'd1',
    'migrations',
    'apply',
    'DB',
    '--local',
    ...(persistTo ? ['--persist-to', persistTo] : []),
  ]);
}

/** Runs one SQL file against the local D1 and answers the rows of its last statement. */
export async function queryLocal<Row>(sql: string, persistTo?: string): Promise<Row[]> {
  const output = await wrangler([
    'd1',
    'execute',
    'DB',
    '--local',
    '--json',
    '--command',
    sql,
    ...(persistTo ? ['--persist-to', persistTo] : []),
  ]);
  const results = JSON.parse(output) as { results: Row[] }[];
  return results.at(-1)?.results ?? [];
}

/** Answers whether something already listens on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(true))
      .once('listening', () => server.close(() => resolve(false)))
      .listen(port, '127.0.0.1');
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(port));
      });
  });
}

/** Fresh random Worker secrets for a worker in production mode on this machine. */
export function productionSecrets(): Record<
  'JWT_SECRET' | 'SECOND_FACTOR_KEY' | 'AUDIT_SIGNING_KEY',
  string
> {
  return {
    JWT_SECRET: randomBytes(32).toString('base64url'),
    SECOND_FACTOR_KEY: randomBytes(32).toString('base64url'),
    AUDIT_SIGNING_KEY: randomBytes(32).toString('base64url'),
  };
}

export type RunningWorker = { url: string; process: ChildProcess; stop: () => Promise<void> };

/**
 * Starts the worker in workerd (`wrangler dev`) on 127.0.0.1 with the local D1 and waits until
 * `GET /health` answers. It runs with development settings unless `production` is set: then
 * ENVIRONMENT is wrangler.toml's, as deployed, and `vars` must bring a JWT_SECRET and a
 * SECOND_FACTOR_KEY for it to sign anyone in and an AUDIT_SIGNING_KEY for it to record any change
 * (`productionSecrets()` makes all three).
 */
export async function startWorker(options: {
  port: number;
  persistTo?: string;
  production?: boolean;
  vars?: Record<string, string>;
  onOutput?: (line: string) => void;
  timeoutMs?: number;
}): Promise<RunningWorker> {
  const defaults = options.production ? {} : { ENVIRONMENT: 'development' };
  const vars = Object.entries({ ...defaults, ...options.vars }).flatMap(([key, value]) => [
    '--var',
    `${key}:${value}`,
  ]);
  const child = spawn(
    process.execPath,
    [
      wranglerBin,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--show-interactive-dev-session=false',
      ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
      ...vars,
    ],
    { env: wranglerEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const collect = (chunk: Buffer) => {
    log += chunk;
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onOutput?.(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const url = `http://127.0.0.1:${options.port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`the worker did not answer ${url}/health in time:\n${log}`);
}
