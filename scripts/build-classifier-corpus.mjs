#!/usr/bin/env node
// Builds test/fixtures/classifier/corpus.tsv, the labelled usernames `npm run eval:classifier`
// measures the classifier on. Run with `npm run build:classifier-corpus`; the output is committed.
//
// Every row says where it came from. Rows are of four kinds:
//  - published role mailbox names (RFC 2142; the role-based-email-addresses package), generic;
//  - synthetic role logins of small firms: role phrases written here, rendered the ways people write
//    logins (frontdesk2, FrontDesk, front.desk, front_desk@firm), generic;
//  - synthetic personal logins from published name lists, rendered in the common corporate
//    patterns (jsmith, john.smith, smithj, JohnSmith...), with a display name where systems show one;
//  - hand-written rows for the hard cases (a role word in a person's name, a person's name in a
//    role login), labelled by hand.
//
// Guard against tuning to the corpus: the held-out split is (1) every personal login made from names
// the classifier's lexicon does not contain (surnames over 8 letters that the size budget left out of
// the lexicon), (2) every login made from HOLDOUT_ROLE_PHRASES, a second list of role phrases written
// at the same time as the first and never used while tuning, and (3) a fixed 30% of all other rows,
// chosen by a hash of the username. Only the dev split was looked at while the classifier was tuned.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const OUT = new URL('../test/fixtures/classifier/corpus.tsv', import.meta.url);
const LEXICON = JSON.parse(
  readFileSync(new URL('../shared/classifier/data/lexicon.json', import.meta.url), 'utf8'),
);

// A small seeded generator (mulberry32) so the corpus is the same on every run.
let seed = 20261123;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function decodeFrontCoded(encoded) {
  const words = [];
  let prev = '';
  const re = /(\d)([a-z]*)/g;
  for (let m = re.exec(encoded); m; m = re.exec(encoded)) {
    prev = prev.slice(0, Number(m[1])) + m[2];
    words.push(prev);
  }
  return words;
}
const inLexicon = new Set(['first', 'last', 'other'].flatMap((k) => decodeFrontCoded(LEXICON[k])));

const RFC_2142 =
  'info marketing sales support abuse noc security postmaster hostmaster usenet news webmaster www uucp ftp';

// Role phrases of small firms (law, conveyancing, accounting, travel, insurance), as words.
const ROLE_PHRASES = [
  'front desk',
  'reception',
  'receptionist',
  'office manager',
  'sales manager',
  'trust accounting',
  'conveyancing',
  'bookings',
  'claims',
  'night shift',
  'accounts',
  'accounts payable',
  'payroll',
  'admin assistant',
  'practice manager',
  'billing',
  'settlements',
  'paralegal',
  'legal secretary',
  'claims team',
  'renewals',
  'underwriting',
  'travel desk',
  'group bookings',
  'after hours',
  'weekend cover',
  'reception desk',
  'claims officer',
  'mail room',
  'scanner',
  'printer',
  'kiosk',
  'temp staff',
  'new starter',
  'shared mailbox',
  'locum',
  'bookkeeper',
  'finance team',
  'it support',
  'help desk',
  'customer service',
  'enquiries',
  'dispatch',
  'operations',
  'compliance',
  'tax team',
  'audit',
  'records',
  'file room',
  'probate',
  'wills and estates',
  'family law',
  'litigation support',
  'property team',
  'lettings',
  'rentals',
  'insurance desk',
  'quotes',
  'policy admin',
  'broker desk',
  'cashier',
  'front office',
  'back office',
  'main office',
  'branch manager',
  'sales team',
  'marketing',
  'events',
  'training',
  'test user',
  'guest user',
  'demo',
  'api user',
  'integration',
  'backup',
];
// Written at the same time, kept out of tuning: the held-out role phrases.
const HOLDOUT_ROLE_PHRASES = [
  'trust account',
  'settlement clerk',
  'conveyancing clerk',
  'debt recovery',
  'collections',
  'credit control',
  'accounts receivable',
  'invoicing',
  'disbursements',
  'lodgements',
  'registry',
  'filing clerk',
  'typing pool',
  'dictation',
  'switchboard',
  'duty solicitor',
  'on call',
  'day shift',
  'reservations',
  'ticketing',
  'visa desk',
  'cruise desk',
  'tours',
  'airport transfers',
  'claims assessor',
  'loss adjuster',
  'premium collection',
  'policy renewals',
  'client services',
  'service desk',
  'office admin',
  'admin team',
  'payments',
  'refunds',
  'scan station',
  'copier',
  'laptop',
  'ipad front',
  'boardroom',
  'meeting room',
  'warehouse',
  'deliveries',
  'courier',
  'purchasing',
  'stock control',
  'quality',
  'hr team',
  'recruitment',
  'intern',
  'student clerk',
  'trainee',
  'relief staff',
  'casual staff',
];

const STYLES = [
  ['concatenated', (w) => w.join('')],
  ['CamelCase', (w) => w.map((x) => x[0].toUpperCase() + x.slice(1)).join('')],
  ['dotted', (w) => w.join('.')],
  ['underscored', (w) => w.join('_')],
  ['with a number', (w) => w.join('') + String(1 + Math.floor(random() * 9))],
  [
    'email local part',
    (w) => `${w.join('.')}@${pick(['firm.com.au', 'smithlegal.co.uk', 'acme-travel.com', 'brokers.co.nz'])}`,
  ],
  ['upper case', (w) => w.join('').toUpperCase()],
  ['hyphenated with a number', (w) => `${w.join('-')}-0${1 + Math.floor(random() * 3)}`],
];

// Hand-written hard cases, labelled by hand: [username, display name, label, note].
const HAND = [
  ['mark.sales', 'Mark Sales', 'personal', 'role word as a surname'],
  ['reception.amy', '', 'personal', "a person's own login with a role prefix"],
  ['rbaker', 'Rose Baker', 'personal', 'trade word as a surname'],
  ['grant.page', 'Grant Page', 'personal', 'English words as names'],
  ['bill.chase', '', 'personal', 'English words as names'],
  ['jbishop', 'Jane Bishop', 'personal', 'title word as a surname'],
  ['chris.cook', 'Chris Cook', 'personal', 'trade word as a surname'],
  ['dean.hunter', '', 'personal', 'English words as names'],
  ['summer.lee', 'Summer Lee', 'personal', 'season as a first name'],
  ['will.porter', 'Will Porter', 'personal', 'trade word as a surname'],
  ['faith.young', '', 'personal', 'English words as names'],
  ['joy.church', 'Joy Church', 'personal', 'English words as names'],
  ['m.obrien', "Mary O'Brien", 'personal', 'apostrophe in a surname'],
  ['nguyen.van.an', 'Nguyen Van An', 'personal', 'Vietnamese name order'],
  ['tran.thi.mai', 'Tran Thi Mai', 'personal', 'Vietnamese name order'],
  ['malrashid', 'Mohammed Al-Rashid', 'personal', 'Arabic surname with particle'],
  ['sione.tupou', 'Sione Tupou', 'personal', 'Tongan name'],
  ['aroha.ngata', '', 'personal', 'Maori name'],
  ['kwame.mensah', '', 'personal', 'Ghanaian name'],
  ['li.wei', 'Li Wei', 'personal', 'short Chinese name'],
  ['jdoe', 'John Doe', 'personal', 'initial and surname'],
  ['SmithJ', 'John Smith', 'personal', 'surname and initial'],
  ['office.kate', 'Kate Morris', 'personal', "a person's own login with a role prefix"],
  ['sam.claims', 'Sam Wright', 'personal', "a person's own login with a role suffix"],
  ['tlee2', 'Tom Lee', 'personal', 'second login of a person'],
  ['frontdesk2', '', 'generic', 'product brief example'],
  ['SalesManager', '', 'generic', 'product brief example'],
  ['trustaccounting', '', 'generic', 'product brief example'],
  ['Reception', '', 'generic', 'product brief example'],
  ['FrontDesk', 'Front Desk', 'generic', 'role display name'],
  ['office', 'Office Manager', 'generic', 'role display name'],
  ['salesteam', 'Sales Team', 'generic', 'role display name'],
  ['desk3', 'Reception Desk 3', 'generic', 'role display name'],
  ['bookings', 'Amy Jones', 'generic', "role login showing its current user's name"],
  ['accounts', 'Accounts Department', 'generic', 'role display name'],
  ['nightshift', '', 'generic', 'product brief example'],
  ['trust.acct', '', 'generic', 'abbreviated role'],
  ['accts.payable', '', 'generic', 'abbreviated role'],
  ['mgr.office', '', 'generic', 'abbreviated role'],
  ['user3', '', 'generic', 'placeholder'],
  ['temp1', 'Temp', 'generic', 'placeholder'],
  ['kiosk-lobby', '', 'generic', 'device'],
  ['ipad.front', '', 'generic', 'device'],
  ['scan2email', '', 'generic', 'device'],
];

function render(words, styleIndex) {
  const [name, fn] = STYLES[styleIndex % STYLES.length];
  return [fn(words), name];
}

const tmp = mkdtempSync(join(tmpdir(), 'rollcall-corpus-'));
try {
  const pack = (spec) => {
    const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tmp], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop();
    const dir = join(tmp, file.replace(/\.tgz$/, ''));
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('tar', ['xzf', join(tmp, file), '-C', dir]);
    return join(dir, 'package');
  };
  const fakerDir = pack('@faker-js/faker@10.6.0');
  const cspellDir = pack('@cspell/dict-people-names@1.1.16');
  const rolesDir = pack('role-based-email-addresses@3.1.0');

  const rows = [];
  const seen = new Set();
  const add = (username, displayName, label, source, forceHoldout = false) => {
    if (seen.has(username.toLowerCase())) return;
    seen.add(username.toLowerCase());
    const split = forceHoldout || fnv(username) % 10 < 3 ? 'holdout' : 'dev';
    rows.push([username, displayName, label, source, split]);
  };

  for (const w of RFC_2142.split(' ')) add(w, '', 'generic', 'RFC 2142 mailbox name');
  const published = createRequire(import.meta.url)(join(rolesDir, 'src/index.js'));
  for (let i = 0; i < 40; i++) {
    add(pick(published), '', 'generic', 'role-based-email-addresses 3.1.0 (MIT) entry');
  }
  ROLE_PHRASES.forEach((phrase, i) => {
    for (const k of [0, 1]) {
      const [username, style] = render(phrase.split(' '), i + k * 3);
      add(username, '', 'generic', `synthetic: small-firm role phrase "${phrase}", ${style}`);
    }
  });
  HOLDOUT_ROLE_PHRASES.forEach((phrase, i) => {
    for (const k of [0, 1]) {
      const [username, style] = render(phrase.split(' '), i + k * 5);
      add(username, '', 'generic', `synthetic: held-out role phrase "${phrase}", ${style}`, true);
    }
  });

  // Personal logins: first names and surnames from several cultures' faker locales.
  const faker = await import(pathToFileURL(join(fakerDir, 'dist/index.js')).href);
  const flat = (x) => (x == null ? [] : Array.isArray(x) ? x : Object.values(x).flat());
  const ascii = (s) =>
    s
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z' -]/g, '');
  const PATTERNS = [
    ['first.last', (f, l) => `${f}.${l}`],
    ['flast', (f, l) => `${f[0]}${l}`],
    ['firstl', (f, l) => `${f}${l[0]}`],
    ['FirstLast', (f, l) => `${cap(f)}${cap(l)}`],
    ['first_last', (f, l) => `${f}_${l}`],
    ['last.first', (f, l) => `${l}.${f}`],
    ['f.last email', (f, l) => `${f[0]}.${l}@firm.com.au`],
    ['first only', (f) => f],
    ['flast with a number', (f, l) => `${f[0]}${l}${1 + Math.floor(random() * 9)}`],
    ['lastf', (f, l) => `${l}${f[0]}`],
  ];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const locales = [
    'en_AU',
    'en_GB',
    'en_IN',
    'en_NG',
    'yo_NG',
    'vi',
    'es',
    'it',
    'de',
    'pl',
    'fr',
    'tr',
    'zu_ZA',
    'id_ID',
    'pt_BR',
    'nl',
  ];
  let n = 0;
  for (const locale of locales) {
    const def = faker.allLocales[locale]?.person;
    const firsts = flat(def?.first_name)
      .map(ascii)
      .filter((x) => /^[A-Za-z]{2,}$/.test(x));
    const lasts = flat(def?.last_name)
      .map(ascii)
      .filter((x) => /^[A-Za-z]{2,}$/.test(x));
    if (firsts.length === 0 || lasts.length === 0) continue;
    for (let i = 0; i < 14; i++) {
      const f = pick(firsts);
      const l = pick(lasts);
      const [pattern, fn] = PATTERNS[n++ % PATTERNS.length];
      const display = random() < 0.5 ? `${f} ${l}` : '';
      add(
        fn(f.toLowerCase(), l.toLowerCase()),
        display,
        'personal',
        `synthetic: @faker-js/faker 10.6.0 ${locale} names, ${pattern}`,
      );
    }
  }
  // Held out: surnames the lexicon does not contain.
  const unseen = readFileSync(join(cspellDir, 'dict/people-names.txt'), 'utf8')
    .split('\n')
    .filter((x) => /^[A-Z][a-z]{8,13}$/.test(x) && !inLexicon.has(x.toLowerCase()));
  const commonFirst = [
    'james',
    'mary',
    'priya',
    'wei',
    'fatima',
    'oluwaseun',
    'sofia',
    'liam',
    'aisha',
    'mateo',
  ];
  for (let i = 0; i < 80; i++) {
    const l = pick(unseen).toLowerCase();
    const f = pick(commonFirst);
    const [pattern, fn] = PATTERNS[i % PATTERNS.length];
    if (pattern === 'first only') continue;
    const display = random() < 0.5 ? `${cap(f)} ${cap(l)}` : '';
    add(
      fn(f, l),
      display,
      'personal',
      `synthetic: @cspell/dict-people-names 1.1.16 surname not in the lexicon, ${pattern}`,
      true,
    );
  }
  for (const [u, d, label, note] of HAND) add(u, d, label, `hand-written: ${note}`);

  const header = 'username\tdisplay_name\tlabel\tsource\tsplit';
  writeFileSync(OUT, `${[header, ...rows.map((r) => r.join('\t'))].join('\n')}\n`);
  const count = (k, v) => rows.filter((r) => r[k] === v).length;
  console.log(
    `corpus.tsv: ${rows.length} rows (${count(2, 'generic')} generic, ${count(2, 'personal')} personal; ` +
      `${count(4, 'dev')} dev, ${count(4, 'holdout')} held out)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
