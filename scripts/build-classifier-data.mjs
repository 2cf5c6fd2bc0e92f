#!/usr/bin/env node
// Builds shared/classifier/data/lexicon.json, the compact word lists the username classifier ships
// with, data/lexicon-sources.json, where they come from (not bundled: the classifier reads only the
// lists), and data/default-logins.json, the built-in and test logins of every language (a file of
// their own: the rules read them, and the extension's pages load the rules without the lexicon).
// Run with `npm run build:classifier-data`. It fetches the published lists as npm tarballs into a
// temporary folder (no project dependency), so the exact versions below are the sources.
//
// Output: first names, surnames, other person names, role/function words by kind, and the cities
// firms have offices in. Each list is sorted and front-coded (every word is written as "how many
// leading letters it shares with the previous word, 0-9" followed by the rest), which gzips a third
// smaller than a plain word list; the classifier ships in the background, the popup and the worker,
// so every kilobyte counts. shared/classifier/lexicon.ts decodes it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NATIVE_SCRIPT_WORD } from '../shared/classifier/native-script.ts';
import { latinLetters } from '../shared/classifier/tokenize.ts';

const OUT = new URL('../shared/classifier/data/lexicon.json', import.meta.url);
const SOURCES_OUT = new URL('../shared/classifier/data/lexicon-sources.json', import.meta.url);
const DEFAULT_LOGINS_OUT = new URL('../shared/classifier/data/default-logins.json', import.meta.url);
const WORDS_DIR = new URL('../shared/classifier/data/words/', import.meta.url);

const SOURCES = [
  {
    package: '@faker-js/faker',
    version: '10.6.0',
    licence: 'MIT',
    used: 'person.first_name and person.last_name of every locale written in Latin script',
  },
  {
    package: '@cspell/dict-people-names',
    version: '1.1.16',
    licence: 'MIT',
    used: 'dict/people-names.txt: first names and surnames',
  },
  {
    package: 'role-based-email-addresses',
    version: '3.1.0',
    licence: 'MIT',
    used: 'role-based mailbox prefixes (Mixmax), split into words',
  },
  {
    package: 'gender-detection-from-name',
    version: '1.11.5',
    licence: 'MIT',
    used: "names/de.js: German first names, many of them missing from faker's German locales (Uwe)",
  },
];
// faker's job titles (person.job_type, and person.job_area outside English) of these locales: the
// only published role words in these languages that ship in an npm package.
const FAKER_JOB_LOCALES = ['en', 'fr', 'es', 'pt_BR', 'sv'];

// RFC 2142 "Mailbox names for common services, roles and functions", sections 3-5, plus the
// mailboxes every mail system reserves.
const RFC_2142 = `info marketing sales support abuse noc security postmaster hostmaster usenet news webmaster
  www uucp ftp mailer daemon root`;

// Role, function and team words of small firms (law, conveyancing, accounting, travel, insurance,
// medical and trade offices), written for this project. Kinds decide the words of the reason.
const ROLE_WORDS = `reception receptionist receptions frontdesk front desk desks office offices officemanager
  manager managers mgr mngr management admin admins administrator administrators administration adm
  accounts account accountant accountants accounting bookkeeper bookkeepers bookkeeping payroll finance
  finances billing bills invoices invoice invoicing receivable receivables payable payables creditors debtors
  trust conveyancing conveyancer conveyancers settlements settlement paralegal paralegals legal
  lawyer lawyers solicitor solicitors barrister counsel partner partners associate associates secretary
  secretaries secretarial clerk clerks clerical articled litigation probate wills estates family property
  compliance claims claim underwriting underwriter underwriters broker brokers brokerage renewals renewal
  policies policy quotes quote quoting sales sale bookings booking reservations reservation travel tours
  tour ticketing tickets ticket agent agents consultant consultants counter nightshift dayshift shift shifts
  night day weekend evening morning roster team teams staff crew dept department branch store shop
  warehouse dispatch operations ops hr it helpdesk support service services customer customers client
  clients enquiries enquiry inquiries inquiry info contact hello mail post marketing events audit audits tax
  lodgement lodgements disbursements registry records files docs documents archive archives scanning
  general shared common all everyone floor level kiosk locum intern interns student students trainee
  trainees casual casuals relief cover backup spare accounts payments payment cashier cashiers cash till
  teller tellers lead leads supervisor supervisors head assistant assistants coordinator coordinators
  officer officers executive exec director directors principal principals owner owners practice firm
  company business corporate hq headoffice main centre center group groups pool generic standby
  oncall duty afterhours overnight helpline hotline switchboard phones phone fax scanner printer copier
  mailroom post postroom courier deliveries delivery collections recoveries arrears lending loans
  mortgages mortgage insurance insurer premiums cover assessor assessors adjuster adjusters
  valuations valuer rentals rental lettings leasing tenancy tenancies strata bodycorp agency travelagent
  itineraries itinerary visas visa flights groups cruises cruise holidays holiday transfers concierge
  bookings nurse nurses doctor
  clinic dental dentist practiceManager scheduler scheduling appointments appointment dispatcher
  operator operators controller treasurer treasury auditor auditors analyst analysts advisor advisors
  adviser advisers planner planners temp temps typist typing transcription dictation
  secretariat registrar admissions enrolments enrolment orders order purchasing procurement stock
  inventory logistics shipping returns refunds refund quality qa training trainer trainers recruitment
  recruiting hiring careers jobs reporting reports report analytics data systems system
  tech technical technician technicians engineer engineers maintenance facilities cleaning cleaner
  security guard guards gate lobby foyer boardroom meeting meetings conference library
  marketingteam social media web website online portal intranet lawfirm chambers barristers notary
  notaries costs costing costings disbursement matters matter filing search searches
  southbranch northbranch eastbranch westbranch city downtown uptown room rooms hours station stations
  lines acct accts recep rcpt asst assist coord dept supv supp mktg conv bkg bkgs resv agt mgmt
  ofc admn`;

// Machines and shared devices: a login named after one is never a person's.
const DEVICE_WORDS = `printer printers scanner scanners copier kiosk terminal terminals pos till pc pcs laptop
  laptops desktop workstation ws tablet ipad iphone phone mobile device devices server srv host camera
  cam tv display screen mfp fax`;

// Placeholders and service logins.
const PLACEHOLDER_WORDS = `user users usr test tests testing tester demo demos guest guests temp tmp temporary
  new newuser newstarter starter default sample example dummy nobody none null anonymous anon unknown
  generic shared common public visitor visitors trial training spare placeholder changeme login logon
  signin username account xxx abc qwerty asdf`;
const SERVICE_WORDS = `api bot bots svc service integration integrations sync import export scan scanning
  backup backups noreply donotreply automation automated system sys daemon cron batch job jobs webhook
  webhooks robot rpa script scripts app apps connector monitor monitoring alerts alert notifications
  mailer bulk`;

// Published role-address words that are also common person names and that we keep as names, because
// a login made of one of them is far likelier to be a person (alexa, sydney, paris, gardner ...).
// Words here are dropped from the role list; every other clash is settled in favour of the role.
const NAMES_OVER_ROLES = new Set(
  `alexa alpha apple berlin boston brand captain china church class cloud code core crew denver deputy
  english fellows france gardner homes house india junk la learn list mayor mentor merchant music no
  paris pastor president prime search stay sydney ta welcome per sem work press angels beta chef hi hola tribe
  squad smile rockstars geeks ladies women friends fun giving global lunch nobody`.split(/\s+/),
);

// Letters only: digits are the front coding's markers, and the tokenizer splits them off anyway.
const words = (s) =>
  s
    .split(/\s+/)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => /^[a-z]+$/.test(w));

/**
 * Person names to plain ASCII words: "Zoë" -> zoe, "Anh Vũ" -> anh, vu; with `cyrillicGreek`,
 * "Иван" -> ivan and "Γιώργος" -> giorgos too (as the classifier reads them, `latinLetters`); other
 * scripts dropped.
 */
const FOLD = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h' };
// German and Nordic letters as people write them in ASCII logins ("mueller", "moeller", "aaberg"),
// beside the plain folding above ("muller", "moller", "aberg"): both spellings are kept.
const TRANSLIT = { ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', å: 'aa' };
const CYRILLIC_GREEK_LOCALES = new Set(['ru', 'uk', 'el']);
/** A name written in Latin letters, accented or not (not one read from Cyrillic or Greek). */
const isLatinName = (name) => /^[\p{Script=Latin}\s.'-]+$/u.test(name);
function plainWords(raw, fold, cyrillicGreek) {
  const lower = fold(raw.toLowerCase());
  const folded = (cyrillicGreek ? latinLetters(lower) : lower)
    .replace(/[ßæøœłđðþıħ]/g, (c) => FOLD[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  if (!/^[a-z][a-z' .-]*$/.test(folded)) return [];
  return folded
    .replace(/'/g, '')
    .split(/[ .-]+/)
    .filter((w) => w.length >= 2 && w.length <= 16);
}
function nameWords(raw, cyrillicGreek = false) {
  const words = plainWords(raw, (s) => s, cyrillicGreek);
  return /[äöüøå]/i.test(raw)
    ? [...words, ...plainWords(raw, (s) => s.replace(/[äöüøå]/g, (c) => TRANSLIT[c]), cyrillicGreek)]
    : words;
}

/**
 * The hand-written word lists of data/words/*.txt: lines "kind: words", continued on indented lines,
 * "#" comments. Each word is taken folded and, with ä/ö/ü/ø/å, transliterated too; Cyrillic and
 * Greek words in Latin letters; a word in a script with no Latin spelling here (Han, kana, Hangul,
 * Thai, Arabic, Hebrew: "前台", "受付", "접수") as written, which `native-script.ts` looks up.
 */
function curatedWords() {
  const kinds = { role: [], device: [], placeholder: [], service: [], default: [], place: [] };
  for (const file of readdirSync(WORDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    let kind = null;
    for (const line of readFileSync(new URL(file, WORDS_DIR), 'utf8').split('\n')) {
      if (line.startsWith('#') || line.trim() === '') continue;
      const m = /^(\w+):(.*)$/.exec(line);
      if (m) {
        kind = m[1];
        if (!kinds[kind]) throw new Error(`${file}: unknown kind "${kind}"`);
      } else if (!/^\s/.test(line) || !kind) throw new Error(`${file}: cannot read "${line}"`);
      for (const w of (m ? m[2] : line).trim().split(/\s+/)) {
        if (NATIVE_SCRIPT_WORD.test(w)) kinds[kind].push(w.normalize('NFKC'));
        else if (w) kinds[kind].push(...nameWords(w, true));
      }
    }
  }
  return kinds;
}

const tmp = mkdtempSync(join(tmpdir(), 'rollcall-lexicon-'));
try {
  const dirs = {};
  for (const s of SOURCES) {
    const file = execFileSync(
      'npm',
      ['pack', `${s.package}@${s.version}`, '--silent', '--pack-destination', tmp],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    )
      .trim()
      .split('\n')
      .pop();
    const dir = join(tmp, s.package.replace(/[@/]/g, '_'));
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('tar', ['xzf', join(tmp, file), '-C', dir]);
    dirs[s.package] = join(dir, 'package');
    const licence = JSON.parse(readFileSync(join(dirs[s.package], 'package.json'), 'utf8')).license;
    if (licence !== s.licence) throw new Error(`${s.package}: licence is ${licence}, expected ${s.licence}`);
  }

  // Role words: curated lists plus the published role-address list, split at separators and digits.
  const require = createRequire(import.meta.url);
  const published = require(join(dirs['role-based-email-addresses'], 'src/index.js'));
  const roleKinds = { role: new Set(), device: new Set(), placeholder: new Set(), service: new Set() };
  for (const w of words(RFC_2142)) roleKinds.role.add(w);
  for (const w of words(ROLE_WORDS)) roleKinds.role.add(w);
  for (const entry of published) {
    const whole = entry.toLowerCase();
    // A whole entry is a role mailbox; the parts of a compound one ("do-not-reply") are only taken
    // when they are words in their own right, four letters or more ("reply", not "do" or "not").
    const parts = /^[a-z]+$/.test(whole) ? [whole] : whole.split(/[^a-z]+/).filter((w) => w.length >= 4);
    for (const w of parts) if (w.length >= 2 && !NAMES_OVER_ROLES.has(w)) roleKinds.role.add(w);
  }
  const newWords = new Map();
  const faker = await import(pathToFileURL(join(dirs['@faker-js/faker'], 'dist/index.js')).href);
  const flat = (x) => (x == null ? [] : Array.isArray(x) ? x : Object.values(x).flat());
  for (const locale of FAKER_JOB_LOCALES) {
    const person = faker.allLocales[locale].person;
    const titles = [...flat(person.job_type), ...(locale === 'en' ? [] : flat(person.job_area))];
    // "de la communication": the words of four letters or more.
    for (const t of titles)
      for (const w of nameWords(t)) if (w.length >= 4 && !NAMES_OVER_ROLES.has(w)) newWords.set(w, 'role');
  }
  const curated = curatedWords();
  // The default-account words and the places are lists of their own; each default word is listed as
  // a role or placeholder too.
  for (const [kind, list] of Object.entries(curated))
    if (kind !== 'default' && kind !== 'place')
      for (const w of list) if (!NAMES_OVER_ROLES.has(w)) newWords.set(w, kind);
  for (const [w, kind] of newWords) roleKinds[kind].add(w);
  for (const w of words(DEVICE_WORDS)) roleKinds.device.add(w);
  for (const w of words(PLACEHOLDER_WORDS)) roleKinds.placeholder.add(w);
  for (const w of words(SERVICE_WORDS)) roleKinds.service.add(w);
  // One kind per word, the most specific winning.
  for (const k of ['device', 'placeholder', 'service'])
    for (const w of roleKinds[k]) roleKinds.role.delete(w);
  for (const w of roleKinds.device) {
    roleKinds.placeholder.delete(w);
    roleKinds.service.delete(w);
  }
  for (const w of roleKinds.placeholder) roleKinds.service.delete(w);
  const allRoleWords = new Set(Object.values(roleKinds).flatMap((s) => [...s]));

  // Person names.
  const first = new Set();
  const last = new Set();
  const other = new Set();
  for (const [code, locale] of Object.entries(faker.allLocales)) {
    // Russian, Ukrainian and Greek first names in Latin letters too ("Мария" is mariya), for a display
    // name written in those letters: of four letters or more, as a short one ("Тур") splits role
    // words ("TuraNoapte"); their surnames would weigh 8 KB more, and an unlisted word reads as a name.
    const inLatin = CYRILLIC_GREEK_LOCALES.has(code);
    for (const n of flat(locale.person?.first_name))
      for (const w of nameWords(n, inLatin)) if (isLatinName(n) || w.length >= 4) first.add(w);
    for (const n of flat(locale.person?.last_name)) for (const w of nameWords(n)) last.add(w);
  }
  // faker's Polish surnames are the masculine forms: a woman's Kowalski is Kowalska, her Nowicki
  // Nowicka (the adjectival surnames' feminine ending, -ski/-cki/-dzki -> -ska/-cka/-dzka).
  for (const n of flat(faker.allLocales.pl.person.last_name))
    for (const w of nameWords(n)) if (/(?:s|c|dz)ki$/.test(w)) last.add(`${w.slice(0, -1)}a`);
  // German first names: a Map of name to sex, read as data rather than run.
  const german = readFileSync(join(dirs['gender-detection-from-name'], 'names/de.js'), 'utf8');
  for (const [, n] of german.matchAll(/\[\s*'([^']+)'\s*,\s*'(?:male|female|unisex)'\s*\]/g))
    for (const w of nameWords(n)) first.add(w);
  const cspell = readFileSync(join(dirs['@cspell/dict-people-names'], 'dict/people-names.txt'), 'utf8');
  for (const line of cspell.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    for (const w of nameWords(line)) if (!first.has(w) && !last.has(w)) other.add(w);
  }
  // The name lists contain role words ("Admin", "Sales", "Service", "Test"): a role word is never
  // taken as a name, except the few kept above as names.
  if (process.env.SHOW_CLASHES) {
    const clashes = [...newWords.keys()].filter((w) => first.has(w) || last.has(w) || other.has(w));
    console.log(`new role words that are also names: ${clashes.sort().join(' ')}`);
  }
  let removed = 0;
  for (const set of [first, last, other]) {
    for (const w of set) {
      if (allRoleWords.has(w)) {
        set.delete(w);
        removed++;
      }
    }
  }

  const frontCode = (set) => {
    let prev = '';
    let out = '';
    for (const w of [...set].sort()) {
      let p = 0;
      while (p < prev.length && p < w.length && p < 9 && prev[p] === w[p]) p++;
      out += p + w.slice(p);
      prev = w;
    }
    return out;
  };
  // Size budget: rarer long names are left out (a long unknown word still reads as a name to the
  // classifier); every first name is kept, they carry the most weight.
  for (const w of last) if (w.length > 12) last.delete(w);
  for (const w of other) if (w.length > 8) other.delete(w);
  // A place may be a name too ("paris", "sydney"): the classifier tells which from the words beside it.
  const places = new Set(curated.place);
  // The lists alone: this file is bundled with the classifier, its sources are not.
  const out = {
    first: frontCode(first),
    last: frontCode(last),
    other: frontCode(other),
    role: frontCode(roleKinds.role),
    device: frontCode(roleKinds.device),
    placeholder: frontCode(roleKinds.placeholder),
    service: frontCode(roleKinds.service),
    place: frontCode(places),
  };
  writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
  const sources = {
    about:
      'Built by scripts/build-classifier-data.mjs; do not edit by hand. Where lexicon.json comes from: its lists are sorted, lower-case ASCII (and the words of scripts read as written, as written), front-coded.',
    sources: [
      ...SOURCES,
      { source: 'RFC 2142', used: 'mailbox names for common services, roles and functions' },
      { source: 'Rollcall curated lists', used: 'small-firm role, device, placeholder and service words' },
      {
        source: 'Rollcall curated lists, one per language (shared/classifier/data/words)',
        used: 'role, function, department, room, team, device and placeholder words, and cities, written by hand',
        files: readdirSync(WORDS_DIR)
          .filter((f) => f.endsWith('.txt'))
          .sort(),
      },
    ],
    removedRoleWordsFromNames: removed,
  };
  writeFileSync(SOURCES_OUT, `${JSON.stringify(sources, null, 1)}\n`);
  // Built-in, guest, test and training logins in each language ("gast", "invitado", "schulung"):
  // read by default-accounts.ts, beside its English words.
  const defaultLogins = {
    about:
      'Built by scripts/build-classifier-data.mjs; do not edit by hand. Sorted, lower-case ASCII, and the words of scripts read as written.',
    default: [...new Set(curated.default)].sort(),
  };
  writeFileSync(DEFAULT_LOGINS_OUT, `${JSON.stringify(defaultLogins, null, 1)}\n`);
  console.log(
    `lexicon.json: ${first.size} first names, ${last.size} surnames, ${other.size} other names, ` +
      `${allRoleWords.size} role words, ${places.size} places; ${removed} role words removed from the name lists`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
