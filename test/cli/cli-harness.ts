import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  freePort,
  migrateLocal,
  productionSecrets,
  type RunningWorker,
  startWorker,
} from '../../scripts/lib/local-worker.ts';

/**
 * What the command-line tests run on: the command line built as it ships (one bundled file), a
 * worker in production mode on its own local D1, a firm signed up on it, and API keys its owner made.
 */

export type Run = { status: number | null; stdout: string; stderr: string };

/** Builds the command line once into a folder of the test's own, laid out as the package ships it. */
export function buildCli(folder: string): string {
  execFileSync(process.execPath, ['cli/build.mjs', join(folder, 'dist/rollcall.mjs')]);
  copyFileSync('cli/rollcall.mjs', join(folder, 'rollcall.mjs'));
  // Its one dependency (happy-dom), where an installed package would find it.
  symlinkSync(resolve('node_modules'), join(folder, 'node_modules'));
  return join(folder, 'rollcall.mjs');
}

/** Runs the command line at `file` with these arguments, environment and standard input. */
export function runFile(
  file: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], {
      // No server, key or config folder of the machine's own: only what the test gives.
      env: { ...process.env, XDG_CONFIG_HOME: '', ROLLCALL_URL: '', ROLLCALL_KEY: '', ...options.env },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export type CliServer = {
  url: string;
  /** The firm owner's access token, to set things up as a member would in the console. */
  ownerToken: string;
  /** Calls the API as the owner. */
  asOwner: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  /** A new API key of the firm acting as `role`. */
  newKey: (role: 'auditor' | 'reviewer' | 'admin', name?: string) => Promise<string>;
  /** An empty home folder: no saved server or key. */
  home: string;
  /** Runs the built command line with this server and key in the environment (unless `env` says else). */
  run: (
    args: string[],
    options?: { key?: string; env?: Record<string, string>; input?: string },
  ) => Promise<Run>;
  stop: () => Promise<void>;
};

export async function startCliServer(): Promise<CliServer> {
  const folder = mkdtempSync(join(tmpdir(), 'rollcall-cli-'));
  const persistTo = join(folder, 'd1');
  const home = join(folder, 'home');
  const cli = buildCli(folder);
  await migrateLocal(persistTo);
  let worker: RunningWorker | null = await startWorker({
    port: await freePort(),
    persistTo,
    production: true,
    vars: productionSecrets(),
  });
  const url = worker.url;

  async function api<T>(method: string, path: string, body: unknown, token: string): Promise<T> {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (response.status === 204 ? null : await response.json()) as T;
  }

  const signedUp = await api<{ accessToken: string }>(
    'POST',
    '/auth/signup',
    {
      organisationName: 'Harbour & Vale Solicitors',
      name: 'Ada Owner',
      email: 'ada@harbour-vale.example',
      password: 'correct horse battery staple 7',
      secondFactorRequired: false,
    },
    '',
  );
  const ownerToken = signedUp.accessToken;
  const asOwner = <T>(method: string, path: string, body?: unknown) => api<T>(method, path, body, ownerToken);
  const newKey = async (role: 'auditor' | 'reviewer' | 'admin', name = `${role} script`) =>
    (await asOwner<{ secret: string }>('POST', '/api-keys', { name, role })).secret;
  const adminKey = await newKey('admin', 'Monday report');

  return {
    url,
    ownerToken,
    asOwner,
    newKey,
    home,
    run: (args, options = {}) =>
      runFile(cli, args, {
        input: options.input,
        env: {
          HOME: home,
          ROLLCALL_URL: url,
          ROLLCALL_KEY: options.key ?? adminKey,
          ...options.env,
        },
      }),
    async stop() {
      await worker?.stop();
      worker = null;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
