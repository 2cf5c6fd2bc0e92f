import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The column headers real apps give their user lists in every language they ship, taken from the
 * translations in Debian bookworm's packages (no app is installed or run): DokuWiki's user manager,
 * WordPress's users screen (`wordpress-l10n`) and phpMyAdmin's user accounts. Written to
 * test/fixtures/app-header-translations.json, which the unit tests read the headers of. Needs
 * `apt-get download` (Debian's archive) and `dpkg-deb`.
 *
 *   node scripts/capture/header-translations.ts
 */

const OUT = 'test/fixtures/app-header-translations.json';
const PACKAGES = ['dokuwiki', 'wordpress-l10n', 'phpmyadmin'];

/** What each app's message names, as the field the detector should read the column as. */
const DOKUWIKI_KEYS = {
  user_id: 'username',
  user_name: 'displayName',
  user_mail: 'email',
  user_groups: 'role',
};
const WORDPRESS_IDS = { Username: 'username', Name: 'displayName', Email: 'email', Role: 'role' };
const PHPMYADMIN_IDS = { 'User name': 'username', 'Global privileges': 'role' };

type Headers = Record<string, string>;

/** The messages of a gettext `.mo` file (`msgid` → `msgstr`), contexts and plurals left out. */
function readMo(file: string): Map<string, string> {
  const data = readFileSync(file);
  const little = data.readUInt32LE(0) === 0x950412de;
  const u32 = (at: number) => (little ? data.readUInt32LE(at) : data.readUInt32BE(at));
  const count = u32(8);
  const originals = u32(12);
  const translations = u32(16);
  const messages = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const text = (table: number) => {
      const length = u32(table + i * 8);
      const at = u32(table + i * 8 + 4);
      return data.subarray(at, at + length).toString('utf8');
    };
    const id = text(originals);
    if (!id.includes('\u0004') && !id.includes('\u0000'))
      messages.set(id, text(translations).split('\u0000')[0] ?? '');
  }
  return messages;
}

function picked(messages: Map<string, string>, ids: Record<string, string>): Headers {
  const headers: Headers = {};
  for (const [id, field] of Object.entries(ids)) {
    const text = messages.get(id);
    // A translation that is a sentence is not a header (phpMyAdmin's Vietnamese "Global privileges"
    // reads "Không đủ quyền.", not enough rights).
    if (text && !text.endsWith('.')) headers[field] = text.replace(/&oacute;/g, 'ó');
  }
  return headers;
}

const work = mkdtempSync(join(tmpdir(), 'rollcall-header-translations-'));
try {
  execFileSync('apt-get', ['download', ...PACKAGES], { cwd: work, stdio: 'ignore' });
  for (const deb of readdirSync(work).filter((file) => file.endsWith('.deb')))
    execFileSync('dpkg-deb', ['-x', join(work, deb), join(work, 'root')]);
  const root = join(work, 'root');
  const apps: Record<'dokuwiki' | 'wordpress' | 'phpmyadmin', Record<string, Headers>> = {
    dokuwiki: {},
    wordpress: {},
    phpmyadmin: {},
  };

  const dokuwiki = join(root, 'var/lib/dokuwiki/lib/plugins/usermanager/lang');
  for (const lang of readdirSync(dokuwiki).sort()) {
    const file = join(dokuwiki, lang, 'lang.php');
    if (!existsSync(file)) continue;
    const php = readFileSync(file, 'utf8');
    const headers: Headers = {};
    for (const [key, field] of Object.entries(DOKUWIKI_KEYS)) {
      const match = new RegExp(`\\$lang\\['${key}'\\]\\s*=\\s*(['"])((?:\\\\.|(?!\\1).)*)\\1`).exec(php);
      if (match?.[2]) headers[field] = match[2].replace(/\\(['"])/g, '$1');
    }
    apps.dokuwiki[lang] = headers;
  }

  const wordpress = join(root, 'usr/share/wordpress/wp-content/languages');
  for (const file of readdirSync(wordpress).sort()) {
    const match = /^admin-([a-z]{2,3}(?:_[A-Z]{2})?)\.mo$/.exec(file);
    if (!match?.[1]) continue;
    // The users screen's columns are in the admin catalogue, "Username" and "Email" in the main one.
    const core = join(wordpress, `${match[1]}.mo`);
    const messages = new Map([...(existsSync(core) ? readMo(core) : []), ...readMo(join(wordpress, file))]);
    apps.wordpress[match[1]] = picked(messages, WORDPRESS_IDS);
  }

  const phpmyadmin = join(root, 'usr/share/phpmyadmin/locale');
  for (const lang of readdirSync(phpmyadmin).sort()) {
    const file = join(phpmyadmin, lang, 'LC_MESSAGES/phpmyadmin.mo');
    if (existsSync(file)) apps.phpmyadmin[lang] = picked(readMo(file), PHPMYADMIN_IDS);
  }

  const versions = PACKAGES.map((name) =>
    execFileSync(
      'dpkg-deb',
      ['-f', join(work, readdirSync(work).find((f) => f.startsWith(`${name}_`)) ?? ''), 'Version'],
      {
        encoding: 'utf8',
      },
    ).trim(),
  );
  writeFileSync(
    OUT,
    `${JSON.stringify({ source: Object.fromEntries(PACKAGES.map((name, i) => [name, versions[i]])), apps }, null, 2)}\n`,
  );
  console.log(
    `${OUT}: ${Object.entries(apps)
      .map(([app, langs]) => `${app} ${Object.keys(langs).length}`)
      .join(', ')} languages`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
