/**
 * `npm start`: the whole local system on this machine, with no Cloudflare account and no network.
 * Applies the local D1 migrations, starts the worker in workerd, seeds the demo firm through its API
 * when the database is empty, builds the extension for local pages with this worker as its default
 * server, and serves a demo admin page that belongs to the demo firm's CaseLedger. Ctrl-C stops it all.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { DEMO_OWNER, pointDemoSystemAt, seedDemoFirm } from './demo/seed-demo.ts';
import { DEMO_PAGE_PATH, staffListPage } from './demo/staff-list-page.ts';
import { migrateLocal, portInUse, queryLocal, startWorker, toolBin } from './lib/local-worker.ts';

const port = Number(process.env.PORT ?? 8787);
const demoPort = Number(process.env.DEMO_PORT ?? port + 1);
const workerUrl = `http://127.0.0.1:${port}`;
const demoPageOrigin = `http://127.0.0.1:${demoPort}`;
const extensionDir = resolve('.output/dev/chrome-mv3');
const started = Date.now();
const step = (text: string) => console.log(`· ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

for (const [name, value] of [
  ['PORT', port],
  ['DEMO_PORT', demoPort],
] as const) {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number from 1 to 65535, not "${process.env[name]}".`);
    process.exit(1);
  }
  if (await portInUse(value)) {
    console.error(
      `Port ${value} is already in use: stop what is using it or choose another with ${name}=<port>.`,
    );
    process.exit(1);
  }
}

await migrateLocal();
step('local D1 migrated');

const [{ count } = { count: 0 }] = await queryLocal<{ count: number }>(
  'SELECT count(*) AS count FROM organisations',
);

const extensionBuild = new Promise<void>((done, fail) => {
  const child = spawn(process.execPath, [toolBin('wxt/bin/wxt.mjs'), 'build'], {
    // The popup's default server is the worker started below (see extension/lib/storage.ts).
    env: { ...process.env, ROLLCALL_DEV_PAGES: '1', WXT_ROLLCALL_SERVER_URL: workerUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  child.on('exit', (code) =>
    code === 0 ? done() : fail(new Error(`the extension build failed:\n${output}`)),
  );
});

const worker = await startWorker({ port, onOutput: (line) => process.env.DEBUG && console.log(line) });
step(`worker answering on ${worker.url}`);

try {
  if (count === 0) {
    await seedDemoFirm(fetch, worker.url, { pageOrigin: demoPageOrigin });
    step('demo firm seeded through the API');
  } else {
    step(`the database already holds ${count} organisation(s): not seeding the demo firm`);
    // The demo page may have been on another port last time: its system follows it.
    if ((await pointDemoSystemAt(fetch, worker.url, demoPageOrigin)) === 'pointed')
      step(`the demo CaseLedger's admin pages now point at ${demoPageOrigin}`);
  }
} catch (error) {
  console.error((error as Error).message);
  await worker.stop();
  process.exit(1);
}

const demoServer = createServer((request, response) => {
  if (request.url === '/') {
    response.writeHead(302, { location: DEMO_PAGE_PATH });
    response.end();
  } else if (request.url?.startsWith(DEMO_PAGE_PATH)) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(staffListPage());
  } else {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not found');
  }
}).listen(demoPort, '127.0.0.1');

try {
  await extensionBuild;
} catch (error) {
  console.error((error as Error).message);
  await worker.stop();
  demoServer.close();
  process.exit(1);
}
step('extension built');

console.log(`
Rollcall is running.
  Worker API        ${worker.url}   (GET ${worker.url}/health)
  Extension         ${extensionDir}
                    Load it unpacked: chrome://extensions → Developer mode → Load unpacked → that folder.
                    Its popup's server is ${worker.url}. Options: right-click the toolbar icon → Options.
  Demo admin page   ${demoPageOrigin}${DEMO_PAGE_PATH}   (CaseLedger's "Current Staff List")
  Demo sign-in      ${DEMO_OWNER.email} / ${DEMO_OWNER.password}
Press Ctrl-C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  demoServer.close();
  await worker.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
worker.process.on('exit', (code) => {
  if (!stopping) {
    console.error(`The worker stopped unexpectedly (exit ${code}).`);
    demoServer.close();
    process.exit(1);
  }
});
