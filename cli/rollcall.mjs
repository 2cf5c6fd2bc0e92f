#!/usr/bin/env node
// `rollcall`: runs the built command line (dist/rollcall.mjs, which `npm pack` ships); in a
// checkout, where the source is, it is built from the source first so it is never out of date.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

let built = new URL('./dist/rollcall.mjs', import.meta.url);
if (existsSync(new URL('./main.ts', import.meta.url))) {
  const { buildCli } = await import('./build.mjs');
  built = pathToFileURL(await buildCli());
}
const { runCli } = await import(built.href);
process.exitCode = await runCli(process.argv.slice(2));
