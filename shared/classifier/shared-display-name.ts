import { ANY_NAME, ANY_ROLE, FIRST_NAME, lookup, SURNAME } from './lexicon.ts';
import { plainLogin } from './lookalike.ts';
import { nativeRuns, readNativeRun } from './native-script.ts';
import { displayWords, latinLetters, loginPart } from './tokenize.ts';

/**
 * Does a display name name two or more people? "John & Jane", "Sam / Jo", "Ana and Luis Pérez",
 * "The Smiths", "Mr & Mrs Patel": one login that two people use is a shared login.
 */

export interface SharedDisplayName {
  /** The people it names, as written: ["John", "Jane"], or ["The Smiths"] for a household. */
  people: string[];
  reason: string;
}

// "&", "+", "/", "|", ";", commas, and "and" / "or" / "und" / "et" / "en" / "og" / "och" as whole
// words between spaces. The one-letter "y" (Spanish), "e" (Portuguese, Italian) and "i" (Polish)
// only join two first names written in lower case ("Ana y Luis", "João e Maria", "Anna i Piotr"):
// "John E. Smith" and "Juan Y Lopez" are one person with a middle initial, and "Silva e Sousa" is
// one Portuguese double surname. Chinese and Japanese lists join names with "、" (and Korean with
// "및" between spaces), and write the symbols full-width ("陈杰／赵敏").
const JOIN_WORDS = 'and|or|und|et|en|og|och|및';
const SYMBOLS = '&+/|;、，＆＋／｜；';
const JOINERS = new RegExp(`\\s*(?:[${SYMBOLS}]|,)\\s*|\\s+(?:${JOIN_WORDS})\\s+`, 'iu');
const SYMBOL_OR_WORD_JOINER = new RegExp(`[${SYMBOLS}]|\\s(?:${JOIN_WORDS})\\s`, 'iu');
// Other languages' "and", also written in lower case and only between two first names: Czech and
// Slovak "a", Hungarian "és", Turkish "ve", Romanian "și", Finnish and Estonian "ja", Latvian "un",
// Lithuanian "ir", Slovene "in", Albanian "dhe", Basque "eta", Welsh "a"/"ac", Vietnamese "và"
// ("Jana a Petr", "Anna és Péter"), Russian, Bulgarian and Serbian "и", Ukrainian "і" and "та", Greek
// "και" ("Иван и Мария", read in Latin letters).
const SHORT_JOINER = /^(.*\S)\s+(?:[yeia]|és|ve|și|şi|ja|un|ir|in|dhe|eta|ac|và|и|і|та|και)\s+(\S.*)$/u;
// Chinese "和", "与", "及", "跟", Japanese "と", Korean "와"/"과" between two names written without spaces
// ("赵敏和陈杰", "山田と佐藤", "김민준과 이서연"); "王和平" is one person, his given name two letters.
const NATIVE_JOINER = /^(\S{2,4})(?:\s*[和与與及跟と]\s*|[와과]\s+)(\S{2,4})$/u;
// "Familie Müller", "Famille Dupont", "Familia García", "Família Silva", "Famiglia Rossi",
// "Familien Hansen", "Familjen Andersson", "Gezin de Vries", "Rodzina Kowalskich", "Smith family",
// "Obitelj Horvat", "Yılmaz ailesi", "Kovács család" (folded).
const HOUSEHOLD_WORDS = new Set([
  'family',
  'household',
  'familie',
  'famille',
  'familia',
  'famiglia',
  'familien',
  'familjen',
  'gezin',
  'rodzina',
  'rodina',
  'obitelj',
  'porodica',
  'druzina',
  'perhe',
  'csalad',
  'aile',
  'ailesi',
]);
// The other languages put the word first; in English "Family Law" and "Family Court" are a firm's
// departments, so only "Smith family" counts there.
const PREFIX_HOUSEHOLD_WORDS = new Set(
  [...HOUSEHOLD_WORDS].filter((w) => w !== 'family' && w !== 'household'),
);
// Everything that may join two people or name a household, but a comma: "Smith, John" is how lists
// write one person, and a name with one comma and none of these is never two people or a household.
const MAYBE_SHARED =
  /[&+/|;、，＆＋／｜；和与與及跟と및와과]|\s(?:[yeia]|es|ve|si|ja|un|ir|in|dhe|eta|ac|va|ta|kai)\s|\b(?:and|or|und|et|en|og|och|the|household|gezin|rodzina|rodina|obitelj|porodica|druzina|perhe|csalad|aile|ailesi)\b|famil|famig/i;
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame']);

function wordKind(word: string): 'name' | 'role' | 'title' | 'other' {
  if (TITLES.has(word)) return 'title';
  const bits = lookup(word);
  if (bits & ANY_ROLE) return 'role';
  if (bits & ANY_NAME) return 'name';
  return 'other';
}

/**
 * A part of the display name that reads as one person: has a name word (or a title) and no role word;
 * in Han, kana, Hangul, Thai, Arabic or Hebrew letters, one or two runs read as a name ("陈杰", "山田 太郎").
 */
function isPerson(part: string): boolean {
  const words = displayWords(part);
  if (words.length === 0) return isNativeName(part);
  if (words.length > 4) return false;
  let names = 0;
  for (const w of words) {
    const kind = wordKind(w);
    if (kind === 'role') return false;
    if (kind === 'name' || kind === 'title') names++;
  }
  // An unlisted name still counts when it is written like one ("Sione", "Tevita").
  return names > 0 || (words.length <= 2 && /^\p{Lu}\p{Ll}+/u.test(part.trim()));
}

export function namesTwoPeople(displayName: string | null | undefined): SharedDisplayName | null {
  const shown = displayName?.trim();
  // Most display names are one person's plain name: leave them at the cheapest test.
  if (!shown || (!MAYBE_SHARED.test(latinLetters(shown)) && commas(shown) < 2)) return null;
  // A remark in brackets after the names ("Lea und Tim (Azubis)", "Ana y Luis (extern)") is not one of them.
  const text = shown.replace(/\s*\([^()]*\)$/, '') || shown;

  const parts = text.split(JOINERS).filter((p) => p.trim() !== '');
  const short = parts.length === 1 ? (joinedFirstNames(text) ?? joinedNativeNames(text)) : null;
  if (short) return { people: short, reason: `the display name "${shown}" names ${short.length} people` };
  if (parts.length >= 2 && parts.length <= 6) {
    // "Smith, John" is one person written surname first, not two.
    const commaOnly = !SYMBOL_OR_WORD_JOINER.test(text);
    if (!(commaOnly && parts.length === 2)) {
      const people = parts.map((p) => p.trim());
      // "Mr & Mrs Smith": two titles and a name.
      const titlesOnly = people.filter((p) => TITLES.has(p.toLowerCase().replace(/\./g, ''))).length;
      if (people.every(isPerson) || (titlesOnly >= 1 && people.some(isPerson))) {
        return { people, reason: `the display name "${shown}" names ${people.length} people` };
      }
    }
  }

  // "The Smiths", "Smith family", "the Nguyen household", "Familie Müller", "Rodzina Kowalskich".
  const words = displayWords(text);
  const household =
    (words.length === 2 && words[0] === 'the' && isPluralSurname(words[1] as string)) ||
    (words.length >= 2 &&
      HOUSEHOLD_WORDS.has(words[words.length - 1] as string) &&
      words.slice(0, -1).some((w) => isNameOnly(w, ANY_NAME))) ||
    (words.length >= 2 &&
      words.length <= 4 &&
      PREFIX_HOUSEHOLD_WORDS.has(words[0] as string) &&
      words.slice(1).some(isSurnameOnly));
  if (household) return { people: [text], reason: `the display name "${shown}" names a household` };
  return null;
}

/** How many commas a name has: "Smith, John" one, "Amy, Ben, Chloe" two. */
function commas(text: string): number {
  let count = 0;
  for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) count++;
  return count;
}

/** Three parts between two runs of separators ("ana_y_pedro"), the parts as `split` would give them. */
const TWO_SEPARATED = /^[^._\-\s]*[._\-\s]+[^._\-\s]*[._\-\s]+[^._\-\s]*$/;
// "ana_y_pedro", "marco.e.luca", "jan-und-eva": two first names joined by a language's "and" in a
// login, with separators around it.
const LOGIN_JOIN_WORDS = new Set(['and', 'und', 'et', 'en', 'og', 'och', 'y', 'e', 'i']);

/**
 * Does a login name two people? Two known first names joined by a language's "and" between
 * separators ("ana_y_pedro", "joao.e.maria"). Both sides must be first names: "sales_and_support"
 * and "silva.e.sousa" are not. `login` is the part of it that names its user as it reads, if the
 * caller has it already.
 */
export function loginNamesTwoPeople(
  username: string,
  login = loginPart(plainLogin(username)),
): SharedDisplayName | null {
  // Most logins have fewer than the two separators a joined pair needs: left before any copy is made.
  if (!TWO_SEPARATED.test(login)) return null;
  const parts = latinLetters(login.toLowerCase()).split(/[._\-\s]+/);
  if (parts.length !== 3 || !LOGIN_JOIN_WORDS.has(parts[1] as string)) return null;
  const people = [parts[0] as string, parts[2] as string];
  if (!people.every(isFirstNameOnly)) return null;
  return { people, reason: `the login "${username}" names ${people.length} people` };
}

const TWO_CAPITALISED_WORDS = /^\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+$/u;

/**
 * "Petra Uwe" beside the login "duo.fibu": a display name of two first names and no surname, where
 * the login carries neither name, is two people named side by side (an app that drops the "+" or
 * "&" between them). One person written "Anna Maria" or "Hans Peter" signs in with a login made from
 * their names (`amaria`, `hans.peter`), and a name that is also a surname ("Thomas Paul") is read as
 * a full name.
 */
export function twoFirstNamesBesideLogin(
  username: string,
  displayName: string | null | undefined,
  login = loginPart(plainLogin(username)),
): SharedDisplayName | null {
  const text = displayName?.trim();
  if (!text || !TWO_CAPITALISED_WORDS.test(text)) return null;
  const names = displayWords(text);
  if (names.length !== 2 || names[0] === names[1]) return null;
  // First names that are no surname or role word.
  if (!names.every((w) => (lookup(w) & (FIRST_NAME | SURNAME | ANY_ROLE)) === FIRST_NAME)) return null;
  const parts = latinLetters(login.toLowerCase()).split(/[^a-z]+/);
  const carries = (part: string) =>
    names.some((name) => part.length >= 3 && (name.startsWith(part) || part.includes(name)));
  const initials = names.map((name) => name[0]).join('');
  if (parts.some((part) => carries(part) || part === initials)) return null;
  return { people: text.split(/\s+/), reason: `the display name "${text}" is two people's first names` };
}

/**
 * A shared login: its display name names two or more people or a household, or its login does, or
 * the display name is two first names that are not the login's. `login` is the part of the login
 * that names its user as it reads, if the caller has it already.
 */
export function sharedLoginPeople(
  username: string,
  displayName: string | null | undefined,
  login = loginPart(plainLogin(username)),
): SharedDisplayName | null {
  return (
    namesTwoPeople(displayName) ??
    loginNamesTwoPeople(username, login) ??
    twoFirstNamesBesideLogin(username, displayName, login)
  );
}

/** A known name of one of `kinds` (a bit set of the lexicon's) that is no role word. */
function isNameOnly(word: string, kinds: number): boolean {
  const bits = lookup(word);
  return (bits & kinds) !== 0 && (bits & ANY_ROLE) === 0;
}

const isFirstNameOnly = (w: string | undefined) => w !== undefined && isNameOnly(w, FIRST_NAME);

/** "Ana y Luis", "João e Maria", "Anna i Piotr": two first names joined by a lower-case y, e or i. */
function joinedFirstNames(text: string): string[] | null {
  const m = SHORT_JOINER.exec(text);
  if (!m) return null;
  const left = displayWords(m[1] as string);
  const right = displayWords(m[2] as string);
  if (left.length > 3 || right.length > 3) return null;
  if (!isFirstNameOnly(left[left.length - 1]) || !isFirstNameOnly(right[0])) return null;
  return [(m[1] as string).trim(), (m[2] as string).trim()];
}

function isNativeName(text: string): boolean {
  const runs = nativeRuns(text);
  return runs.length >= 1 && runs.length <= 2 && runs.every((run) => readNativeRun(run).is === 'name');
}

/** "赵敏和陈杰", "山田と佐藤": two names joined by the language's "and", written without spaces. */
function joinedNativeNames(text: string): string[] | null {
  const m = NATIVE_JOINER.exec(text);
  if (!m) return null;
  const people = [m[1] as string, m[2] as string];
  return people.every(isNativeName) ? people : null;
}

/** A known name that is no role word, also in the Polish plural "Kowalskich", "Nowaków". */
function isSurnameOnly(word: string): boolean {
  const forms = [word];
  if (/[iy]ch$/.test(word)) forms.push(word.slice(0, -2));
  if (word.endsWith('ow')) forms.push(word.slice(0, -2));
  return forms.some((w) => isNameOnly(w, ANY_NAME));
}

function isPluralSurname(word: string): boolean {
  if (!word.endsWith('s') || word.length < 4) return false;
  const stems = [word.slice(0, -1), word.endsWith('es') ? word.slice(0, -2) : ''];
  return stems.some((s) => s !== '' && isNameOnly(s, ANY_NAME));
}

/** For tests and reasons: is this word a known first name? */
export function isFirstName(word: string): boolean {
  return (lookup(word.toLowerCase()) & FIRST_NAME) !== 0;
}
