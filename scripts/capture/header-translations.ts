import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The column headers real apps give their user lists in every language they ship, taken from the
 * translations in Debian bookworm's packages (no app is installed or run): DokuWiki's user manager,
 * WordPress's users screen (`wordpress-l10n`), phpMyAdmin's user accounts, Redmine's users, the
 * Django admin's users (`python3-django`, the admin of every app built on Django), Zabbix's users
 * (`zabbix-frontend-php`), Request Tracker's users (`request-tracker5`) and Cockpit's accounts
 * (`cockpit-system`), with the statuses Redmine, Zabbix and Request Tracker show and the word Cockpit
 * shows for a login never used. Written to
 * test/fixtures/app-header-translations.json, which the unit tests read the headers and statuses of. Needs
 * `apt-get download` (Debian's archive) and `dpkg-deb`.
 *
 *   node scripts/capture/header-translations.ts
 */

const OUT = 'test/fixtures/app-header-translations.json';
const PACKAGES = [
  'dokuwiki',
  'wordpress-l10n',
  'phpmyadmin',
  'redmine',
  'python3-django',
  'zabbix-frontend-php',
  'request-tracker5',
  'cockpit-system',
];

/** What each app's message names, as the field the detector should read the column as. */
const DOKUWIKI_KEYS = {
  user_id: 'username',
  user_name: 'displayName',
  user_mail: 'email',
  user_groups: 'role',
};
const WORDPRESS_IDS = { Username: 'username', Name: 'displayName', Email: 'email', Role: 'role' };
const PHPMYADMIN_IDS = { 'User name': 'username', 'Global privileges': 'role' };
/** Zabbix's users list: "Name" beside "Last name" is the first name. */
const ZABBIX_IDS = { Username: 'username', Name: 'firstName', 'Last name': 'lastName', 'User role': 'role' };
/** What Zabbix's status column shows. */
const ZABBIX_STATUSES = { Enabled: 'active', Disabled: 'disabled', Blocked: 'blocked' };
/** Redmine's users list: its columns' messages (config/locales/*.yml). */
const REDMINE_KEYS = {
  field_login: 'username',
  field_firstname: 'firstName',
  field_lastname: 'lastName',
  field_mail: 'email',
  field_last_login_on: 'lastSignIn',
};
/** Request Tracker's users: "Name" beside "Real Name" is the login. */
const RT_IDS = { Name: 'username', 'Real Name': 'displayName', 'Email Address': 'email' };
const RT_STATUSES = { Enabled: 'active', Disabled: 'disabled' };
/** Cockpit's accounts, and what it shows for a login never used. */
const COCKPIT_IDS = { Username: 'username', 'Full name': 'displayName', 'Last login': 'lastSignIn' };
const COCKPIT_TIMES = { Never: 'never' };
/** What Redmine shows of a user's status. */
const REDMINE_STATUS_KEYS = { status_active: 'active', status_locked: 'blocked' };
/** The Django admin's users list: its columns are the fields' names, first letter raised. */
const DJANGO_IDS = {
  username: 'username',
  'first name': 'firstName',
  'last name': 'lastName',
  'email address': 'email',
};

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

/** The messages of a gettext `.po` file (`msgid` → `msgstr`), contexts and plurals left out. */
function readPo(file: string): Map<string, string> {
  const messages = new Map<string, string>();
  const joined = (lines: string) => [...lines.matchAll(/"((?:\\.|[^"\\])*)"/g)].map((m) => m[1]).join('');
  const unescaped = (text: string) => text.replace(/\\(["\\])/g, '$1');
  for (const entry of readFileSync(file, 'utf8').split(/\n\s*\n/)) {
    if (/^msgctxt|^msgid_plural/m.test(entry)) continue;
    const match = /^msgid ((?:".*"\n?)+)^msgstr ((?:".*"\n?)+)/m.exec(entry);
    if (match?.[1] && match[2]) messages.set(unescaped(joined(match[1])), unescaped(joined(match[2])));
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
  const apps: Record<
    'dokuwiki' | 'wordpress' | 'phpmyadmin' | 'redmine' | 'django' | 'zabbix' | 'rt' | 'cockpit',
    Record<string, Headers>
  > = {
    dokuwiki: {},
    wordpress: {},
    phpmyadmin: {},
    redmine: {},
    django: {},
    zabbix: {},
    rt: {},
    cockpit: {},
  };
  const times: Record<'cockpit', Record<string, Headers>> = { cockpit: {} };
  const statuses: Record<'redmine' | 'zabbix' | 'rt', Record<string, Headers>> = {
    redmine: {},
    zabbix: {},
    rt: {},
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

  const redmine = join(root, 'usr/share/redmine/config/locales');
  for (const file of readdirSync(redmine).sort()) {
    if (!file.endsWith('.yml')) continue;
    const headers: Headers = {};
    const shown: Headers = {};
    for (const line of readFileSync(join(redmine, file), 'utf8').split('\n')) {
      const match = /^ {2}((?:field|status)_\w+):\s*(.*)$/.exec(line);
      const key = match?.[1] ?? '';
      const text = match?.[2]?.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (!text) continue;
      if (key in REDMINE_KEYS) headers[REDMINE_KEYS[key as keyof typeof REDMINE_KEYS]] = text;
      if (key in REDMINE_STATUS_KEYS)
        shown[REDMINE_STATUS_KEYS[key as keyof typeof REDMINE_STATUS_KEYS]] = text;
    }
    const lang = file.slice(0, -'.yml'.length);
    apps.redmine[lang] = headers;
    statuses.redmine[lang] = shown;
  }

  const django = join(root, 'usr/lib/python3/dist-packages/django/contrib/auth/locale');
  for (const lang of readdirSync(django).sort()) {
    const file = join(django, lang, 'LC_MESSAGES/django.mo');
    if (!existsSync(file)) continue;
    const headers = picked(readMo(file), DJANGO_IDS);
    for (const [field, text] of Object.entries(headers))
      headers[field] = text.charAt(0).toUpperCase() + text.slice(1);
    apps.django[lang] = headers;
  }

  const zabbix = join(root, 'usr/share/zabbix/locale');
  for (const lang of readdirSync(zabbix).sort()) {
    const file = join(zabbix, lang, 'LC_MESSAGES/frontend.mo');
    if (!existsSync(file)) continue;
    const messages = readMo(file);
    apps.zabbix[lang] = picked(messages, ZABBIX_IDS);
    statuses.zabbix[lang] = picked(messages, ZABBIX_STATUSES);
  }

  const rt = join(root, 'usr/share/request-tracker5/po');
  for (const file of readdirSync(rt).sort()) {
    if (!file.endsWith('.po') || file.startsWith('en')) continue;
    const messages = readPo(join(rt, file));
    const lang = file.slice(0, -'.po'.length);
    apps.rt[lang] = picked(messages, RT_IDS);
    statuses.rt[lang] = picked(messages, RT_STATUSES);
  }

  // Cockpit's translations are scripts: `cockpit.locale({"Full name":[null,"Vollständiger Name"],…})`.
  const cockpit = join(root, 'usr/share/cockpit/users');
  for (const file of readdirSync(cockpit).sort()) {
    const match = /^po\.([\w-]+)\.js\.gz$/.exec(file);
    if (!match?.[1]) continue;
    const script = gunzipSync(readFileSync(join(cockpit, file))).toString('utf8');
    const messages = new Map<string, string>();
    for (const entry of script.matchAll(
      /(?:"((?:\\.|[^"\\])*)"|([A-Za-z_$][\w$]*)):\[null,"((?:\\.|[^"\\])*)"/g,
    ))
      messages.set(entry[1] ?? entry[2] ?? '', JSON.parse(`"${entry[3]}"`));
    apps.cockpit[match[1]] = picked(messages, COCKPIT_IDS);
    times.cockpit[match[1]] = picked(messages, COCKPIT_TIMES);
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
    `${JSON.stringify({ source: Object.fromEntries(PACKAGES.map((name, i) => [name, versions[i]])), apps, statuses, times }, null, 2)}\n`,
  );
  console.log(
    `${OUT}: ${Object.entries(apps)
      .map(([app, langs]) => `${app} ${Object.keys(langs).length}`)
      .join(', ')} languages`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
