// wrangler 4 and WXT 0.21 need Node 22 or newer. The project pins Node 24 as a devDependency;
// npm scripts put node_modules/.bin first on PATH, so every `npm run …` uses it.
// Calling a tool from node_modules/.bin directly runs the system Node instead: fail fast then.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Rollcall needs Node 22 or newer; this is Node ${process.versions.node}. ` +
      'Run tools through npm (npm start, npm test, npx …) so the pinned Node 24 is used.',
  );
  process.exit(1);
}
