// The sign-in script's cost on a sign-in page, in Chromium with the release build joined as staff,
// beside a do-nothing content script injected at the same point (document_start) on the same page,
// measured in turns with it. One run: open the fixture app's sign-in page, type a login and
// password, press Sign in, and land on its home page, with a trace of the page's thread. Counted:
// the time the page's thread spends in the extension's script (compiling and running it, and its
// submit listener), from the trace's events that name the script's URL, as thread (CPU) time.
// Reported through lib/measure.mjs over 9 runs each: median and p90, target under 5 ms; and the
// script's size as built. Run through `npm run bench -- sign-in-page` (builds the release extension first).
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from '../../scripts/find-chromium.ts';
import { releaseBuildGranting } from '../e2e/harness.ts';
import { startSignInApp } from '../fixtures/sign-in-app/sign-in-app.ts';
import { emptyExtension, launchChromium, tracedPage } from './lib/chromium-bench.mjs';
import { report, reportSize, sampleBeside } from './lib/measure.mjs';

const RUNS = 9;
const TARGET_MS = 5;
const PASSWORD = 'bench password 1';
/** The sign-in script in the build (sign-in/sign-in-scripts.ts registers it by this name). */
const SIGN_IN_SCRIPT = 'sign-in-page.js';

function build() {
  const result = spawnSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
  if (result.status !== 0) throw new Error('the extension did not build (npm run build:extension:chrome)');
}

/** Joins the browser as staff of a firm whose system signs in at `pattern`, straight in its storage. */
async function joinAsStaff(context, pattern) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/popup.html`);
  await page.evaluate(
    async (signInUrlPatterns) => {
      await chrome.storage.local.set({
        staffEnrolment: {
          // Nothing answers here: the sign-ins wait in the queue, which is not what is measured.
          serverUrl: 'http://127.0.0.1:9',
          credential: 'rcd_bench',
          deviceId: 'd1',
          personName: 'Bench Person',
          organisationName: 'Bench Firm',
          observationsEnabled: true,
          systems: [{ id: 's1', name: 'FrontDesk', signInUrlPatterns }],
          joinedAt: Date.now(),
          credentialSince: Date.now(),
        },
      });
      for (let i = 0; i < 100; i += 1) {
        if ((await chrome.scripting.getRegisteredContentScripts()).length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the sign-in script was not registered');
    },
    [pattern],
  );
  await page.close();
}

/** One sign-in with a trace; answers the page thread's time in the extension's script, in ms. */
async function signInRun(context, appUrl) {
  const { page, stop } = await tracedPage(
    context,
    'devtools.timeline,v8,disabled-by-default-devtools.timeline',
  );
  await page.goto(`${appUrl}/login`, { waitUntil: 'load' });
  await page.fill('input[name=user]', 'reception');
  await page.fill('input[name=pass]', PASSWORD);
  await Promise.all([page.waitForURL(`${appUrl}/home`), page.click('button[type=submit]')]);
  const events = await stop();
  const ofExtension = (event) => {
    const data = event.args?.data ?? event.args?.beginData ?? {};
    const url = data.url ?? data.scriptName ?? data.stackTrace?.[0]?.url ?? '';
    return url.startsWith('chrome-extension://');
  };
  // Top-level events only: a compile inside an evaluation is counted once, with it.
  const spans = events
    .filter(
      (e) => e.ph === 'X' && ['EvaluateScript', 'v8.compile', 'FunctionCall', 'v8.run'].includes(e.name),
    )
    .filter(ofExtension)
    .sort((a, b) => a.ts - b.ts);
  // Thread time (tdur) where the trace has it: unlike wall time it does not grow when other
  // processes share the machine. Nested spans are counted once, with the outermost.
  let total = 0;
  let end = -1;
  for (const span of spans) {
    if (span.ts < end) continue;
    total += span.tdur ?? span.dur;
    end = span.ts + span.dur;
  }
  return total / 1000;
}

async function main() {
  if (!findChromium()) throw new Error('No Chromium found: install it or set CHROMIUM_PATH.');
  build();
  const app = await startSignInApp(
    [{ username: 'reception', name: 'Front Desk', email: 'desk@firm.test', lastSignIn: '' }],
    PASSWORD,
  );
  const release = releaseBuildGranting([app.url]);
  const emptyDir = emptyExtension();
  const browsers = [];
  try {
    const rollcall = await launchChromium(findChromium(), release.dir);
    browsers.push(rollcall);
    await joinAsStaff(rollcall.context, `${app.url}/login*`);
    const empty = await launchChromium(findChromium(), emptyDir);
    browsers.push(empty);
    // The first load in each browser also fills its caches: a warm-up run each, not counted.
    const { values, baseline } = await sampleBeside(
      () => signInRun(rollcall.context, app.url),
      () => signInRun(empty.context, app.url),
      { runs: RUNS },
    );
    report({
      name: 'sign-in script, page thread per sign-in',
      values,
      baseline: { name: 'an empty content script', values: baseline },
      below: TARGET_MS,
      note: 'CPU time in the script from the sign-in page loading to the next page',
    });
    reportSize({
      name: 'sign-in script as built',
      value: statSync(join(release.dir, SIGN_IN_SCRIPT)).size / 1024,
    });
  } finally {
    for (const browser of browsers) await browser.close();
    release.remove();
    rmSync(emptyDir, { recursive: true, force: true });
    await app.close();
  }
}

await main();
