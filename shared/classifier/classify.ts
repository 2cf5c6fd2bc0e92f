import {
  ANY_NAME,
  ANY_ROLE,
  DEVICE,
  FIRST_NAME,
  FNV_OFFSET,
  hashStep,
  hashStep2,
  lookup,
  lookupHashed,
  MAX_WORD_LENGTH,
  OTHER_NAME,
  PLACE,
  PLACEHOLDER,
  ROLE,
  SECOND_OFFSET,
  SERVICE,
  SURNAME,
  startsWord,
} from './lexicon.ts';
import { plainLogin } from './lookalike.ts';
import { nativeRuns, readNativeRun } from './native-script.ts';
import { eachPiece, isAscii, latinLetters, loginPart, wordsOf } from './tokenize.ts';

/**
 * The username classifier: does a login name a person ("rbaker", "mark.sales" owned by "Mark
 * Sales") or a role, function, device or placeholder ("SalesManager", "frontdesk2", "scanner")?
 *
 * It does not look the login up whole. It splits it into pieces (tokenize.ts), splits each run of
 * letters into known words where it can ("trustaccounting" -> trust + accounting, "jsmith" ->
 * j + smith) by a cheapest-path segmentation, weighs what each word is (role word, first name,
 * surname, initial, unknown word that looks like a name or like a function word), and then weighs
 * the display name: a login that matches its owner's name is a person's; a display name that is
 * itself a role ("Front Desk") marks a role login.
 */

export type Verdict = 'generic' | 'personal' | 'unknown';
export type TokenKind =
  | 'first-name'
  | 'surname'
  | 'name'
  | 'initial'
  | 'role'
  | 'device'
  | 'placeholder'
  | 'service'
  | 'function-like'
  | 'place'
  | 'number'
  | 'unknown';

export interface Token {
  text: string;
  kind: TokenKind;
}

export interface Classification {
  verdict: Verdict;
  /** How sure the verdict is, 0..1; 0.5 for "unknown". */
  confidence: number;
  /** The words that decided it, in plain words: `role word "reception"`. */
  reasons: string[];
  tokens: Token[];
}

// Segmentation costs: a known word costs 1, so fewer, known words win. An unknown stretch costs
// more than two known words, so "johnsmith" splits into john + smith, not one unknown word; a lone
// initial is only allowed at either end of a piece ("jsmith", "smithj").
const KNOWN = 1;
const KNOWN_OTHER_NAME = 1.1;
const KNOWN_INFLECTED = 1.2;
const INITIAL = 1.6;
const UNKNOWN = 2.8;
const UNKNOWN_PER_LETTER = 0.05;

const ROLE_SUFFIXES = ['s', 'es', 'er', 'ers', 'ing', 'ings', 'ist', 'ists', 'or', 'ors', 'al'];
/** Endings of function words (scheduling, administration, receivables, fulfilment, ...). */
const FUNCTION_ENDING = /(ing|ings|tion|tions|sion|ment|ments|ance|ances|ence|ship|ables|ities|ology|ops)$/;
/**
 * The same in the other languages, after a stem of four letters or more (so "Cheung" and "Falcao"
 * stay names): German -ung/-heit/-keit/-ität (Verwaltung), Italian -zione, Spanish -ción,
 * Portuguese -ção, Dutch -iteit, Polish -acja/-ość (rejestracja, księgowość).
 */
const OTHER_FUNCTION_ENDING =
  /^[a-z]{4,}(ung|ungen|heit|keit|itat|iteit|zione|zioni|cion|ciones|cao|coes|acja|acje|osc)$/;

function kindOf(bits: number): TokenKind | null {
  if (bits & DEVICE) return 'device';
  if (bits & SERVICE) return 'service';
  if (bits & PLACEHOLDER) return 'placeholder';
  if (bits & ROLE) return 'role';
  if (bits & FIRST_NAME) return 'first-name';
  if (bits & SURNAME) return 'surname';
  if (bits & OTHER_NAME) return 'name';
  // A city that is no one's name ("manchester"); one that is ("paris") is read as a place only
  // beside a role word (see placesBesideRoles).
  if (bits & PLACE) return 'place';
  return null;
}

/**
 * One ending written the way each language writes it: French -ité, Italian -ità, Spanish -idad,
 * Portuguese -idade, German -ität, Dutch -iteit ("contabilité" is the Italian contabilità with a
 * French accent); -tion, -ción, -zione, -ção, -tie, -sjon likewise.
 */
const SAME_ENDINGS = [
  ['ite', 'ita', 'idad', 'idade', 'itat', 'iteit'],
  ['tion', 'cion', 'zione', 'cao', 'tie', 'sjon'],
];

/** Does a run of letters end as an inflected role word can ("-ers", "-ité", "-ción")? */
function hasRoleEnding(s: string): boolean {
  for (const suffix of ROLE_SUFFIXES) if (s.endsWith(suffix)) return true;
  for (const endings of SAME_ENDINGS) for (const ending of endings) if (s.endsWith(ending)) return true;
  return false;
}

/**
 * "dispatcher" -> role (dispatch + er), when the stem is a role word of four letters or more;
 * "contabilite" -> role, as contabilita written with another language's ending.
 */
function inflectedRole(word: string): TokenKind | null {
  for (const suffix of ROLE_SUFFIXES) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) {
      const kind = kindOf(lookup(word.slice(0, -suffix.length)) & ANY_ROLE);
      if (kind) return kind;
    }
  }
  for (const endings of SAME_ENDINGS) {
    for (const ending of endings) {
      if (word.length - ending.length < 4 || !word.endsWith(ending)) continue;
      const stem = word.slice(0, -ending.length);
      for (const other of endings) {
        const kind = other === ending ? null : kindOf(lookup(stem + other) & ANY_ROLE);
        if (kind) return kind;
      }
    }
  }
  return null;
}

const costs = new Float64Array(MAX_WORD_LENGTH * 4 + 2);
const starts = new Int32Array(MAX_WORD_LENGTH * 4 + 2);
const kinds: (TokenKind | null)[] = [];

/** Splits one run of letters into the cheapest sequence of known words, initials and unknown words. */
export function segment(s: string): Token[] {
  const out: Token[] = [];
  segmentInto(s, out);
  return out;
}

/** `segment`, its words added to the end of `out`: a login's pieces go straight into its tokens. */
function segmentInto(s: string, out: Token[]): void {
  const n = s.length;
  if (n === 0) return;
  if (n > MAX_WORD_LENGTH * 4) {
    out.push({ text: s, kind: 'unknown' });
    return;
  }
  const whole = kindOf(lookup(s));
  if (whole) {
    out.push({ text: s, kind: whole });
    return;
  }
  if (n === 1) {
    out.push({ text: s, kind: 'initial' });
    return;
  }
  costs.fill(Number.POSITIVE_INFINITY, 0, n + 1);
  costs[0] = 0;
  // The words the piece ends with are tried as inflected role words only if it ends as one can,
  // asked the first time one is tried.
  let inflects: boolean | undefined;
  for (let i = 0; i < n; i++) {
    const base = costs[i] as number;
    if (base === Number.POSITIVE_INFINITY) continue;
    const limit = Math.min(n, i + MAX_WORD_LENGTH);
    let hash = FNV_OFFSET;
    let hash2 = SECOND_OFFSET;
    // The role word that ends one letter back, for a compound's linking "s" ("Empfangstheke" is
    // empfang + s + theke, "Behandlungsraum1" behandlung + s + raum): German, Dutch and the Nordic
    // languages join words with it.
    let roleBefore: TokenKind | null = null;
    // How many letters from i start a listed word: past them, no stretch from i is one, and the
    // stretch is no longer hashed or looked up.
    let started = MAX_WORD_LENGTH;
    for (let j = i + 1; j <= n; j++) {
      const len = j - i;
      if (len <= started && j <= limit) {
        const c = s.charCodeAt(j - 1);
        hash = hashStep(hash, c);
        hash2 = hashStep2(hash2, c);
        if (len >= 3 && !startsWord(hash, hash2)) started = len - 1;
      }
      let cost = Number.POSITIVE_INFINITY;
      let kind: TokenKind | null = null;
      if (len === 1) {
        if (i === 0 || j === n) {
          cost = INITIAL;
          kind = 'initial';
        }
      } else {
        if (j <= limit && len >= 3) {
          const bits = len <= started ? lookupHashed(hash, hash2, len) : 0;
          kind = kindOf(bits);
          if (kind) cost = kind === 'name' ? KNOWN_OTHER_NAME : KNOWN;
          else if (roleBefore && len >= 5 && s.charCodeAt(j - 1) === 115 /* s */) {
            kind = roleBefore;
            cost = KNOWN_INFLECTED;
          }
          // Inflections only at the end of a piece ("dispatchers"), which keeps the loop cheap. Their
          // stems are four letters or more: none is a word when no word starts with the first four.
          else if (len >= 5 && j === n && started >= 4) {
            if (inflects === undefined) inflects = hasRoleEnding(s);
            kind = inflects ? inflectedRole(s.slice(i, j)) : null;
            if (kind) cost = KNOWN_INFLECTED;
          }
          roleBefore = bits & ANY_ROLE ? kindOf(bits & ANY_ROLE) : null;
        } else roleBefore = null;
        if (!kind) {
          cost = UNKNOWN + UNKNOWN_PER_LETTER * len;
          kind = 'unknown';
        }
      }
      const total = base + cost;
      if (total < (costs[j] as number)) {
        costs[j] = total;
        starts[j] = i;
        kinds[j] = kind;
      }
    }
  }
  // The cheapest path is read from its end: the words are added last first, then put in order.
  const first = out.length;
  for (let j = n; j > 0; ) {
    const i = starts[j] as number;
    out.push({ text: s.slice(i, j), kind: kinds[j] ?? 'unknown' });
    j = i;
  }
  if (out.length === first + 1 && out[first]?.kind === 'unknown') {
    const read = surnameWithParticle(s) ?? compoundWithRole(s);
    if (read) out.splice(first, 1, ...read);
    return;
  }
  for (let a = first, b = out.length - 1; a < b; a++, b--) {
    const token = out[a] as Token;
    out[a] = out[b] as Token;
    out[b] = token;
  }
}

/**
 * One or more of the particles that start Dutch, German, Romance and Gaelic surnames, written
 * joined to them in a login ("vandijk", "vanderberg", "vonbraun", "dossantos").
 */
const PARTICLES =
  /^(?:vander|vanden|vande|van|von|vom|ver|ter|ten|der|den|della|dalla|delle|dela|del|dos|das|do|da|di|de|du|le|la|mac|mc)+$/;

/** How a run of letters starting with a particle starts: most unknown words are passed over at once. */
const PARTICLE_START = /^(?:v[aeo]|te|d[aeiuo]|l[ae]|ma?c)/;

/**
 * A run of letters no words cover may be a surname with its particles, after an initial or alone:
 * "pvandijk" is p + van Dijk, "jvanderberg" j + van der Berg. Known words each cost as much as a
 * third of an unknown one, so an initial and three words lose to one unknown word; read whole, they
 * are one surname. The name after the particles is a known name of three letters or more (four
 * after a particle of two).
 */
function surnameWithParticle(s: string): Token[] | null {
  for (const skip of [0, 1]) {
    const rest = s.slice(skip);
    if (!PARTICLE_START.test(rest)) continue;
    for (let end = Math.min(rest.length - 3, 12); end >= 2; end--) {
      const name = rest.slice(end);
      if (name.length < 6 - end || !PARTICLES.test(rest.slice(0, end))) continue;
      const bits = lookup(name);
      if (!(bits & ANY_NAME) || bits & ANY_ROLE) continue;
      const surname: Token = { text: rest, kind: 'surname' };
      return skip ? [{ text: s.slice(0, 1), kind: 'initial' }, surname] : [surname];
    }
  }
  return null;
}

/** The shortest role word a compound is split at, so that a short one does not split an unlisted surname. */
const MIN_COMPOUND_ROLE = 6;

/**
 * A run of letters that no words cover may still be a compound of a role word and an unlisted
 * word: German, Dutch and the Nordic languages write them as one ("Empfangsbereich" is empfang·s +
 * bereich, "kundenkonto" kunden + konto, "Hauptkasse" haupt + kasse). The role word must be six
 * letters or more, at the start (with its linking "s") or at the end, beside four letters or more.
 */
function compoundWithRole(s: string): Token[] | null {
  const n = s.length;
  for (let k = n - 4; k >= MIN_COMPOUND_ROLE; k--) {
    const head = s.slice(0, k);
    let kind = kindOf(lookup(head) & ANY_ROLE);
    if (!kind && head.endsWith('s') && k - 1 >= MIN_COMPOUND_ROLE)
      kind = kindOf(lookup(head.slice(0, -1)) & ANY_ROLE);
    if (kind)
      return [
        { text: head, kind },
        { text: s.slice(k), kind: 'unknown' },
      ];
  }
  for (let k = 4; k <= n - MIN_COMPOUND_ROLE; k++) {
    const tail = s.slice(k);
    const kind = kindOf(lookup(tail) & ANY_ROLE);
    if (kind)
      return [
        { text: s.slice(0, k), kind: 'unknown' },
        { text: tail, kind },
      ];
  }
  return null;
}

const VOWEL = /[aeiouy]/;
/** "Mark Sales", "Anna Kowalska", "José de Souza": capitalised words with spaces between them. */
const WRITTEN_AS_NAME = /^\p{Lu}\p{Ll}+(?:\s+(?:\p{Ll}{1,3}\s+)?\p{Lu}[\p{Ll}'-]+){1,2}$/u;

const isFunctionWord = (w: string) =>
  w.length >= 6 && (FUNCTION_ENDING.test(w) || OTHER_FUNCTION_ENDING.test(w));

/** An unknown word's reading: a function word by its ending, a name-like word, or nothing. */
function readUnknown(token: Token): void {
  if (isFunctionWord(token.text)) token.kind = 'function-like';
}

/**
 * An unknown display-name word that reads as a function word, also in the plural of the Germanic
 * languages ("Expeditionen", "Abrechnungen"): it names a function, not a person.
 */
function readsAsFunction(word: string): boolean {
  return isFunctionWord(word) || isFunctionWord(word.replace(/(?:en|er|ar|s)$/, ''));
}

/**
 * The tokens of a login: digits kept as numbers, letters segmented into words; a run of Han, kana,
 * Hangul, Thai, Arabic or Hebrew letters as its role words, or as a name ("前台2", "张伟").
 */
export function loginTokens(username: string): Token[] {
  return tokensOf(loginPart(username));
}

/** A piece of a login as tokens: digits as a number, letters as the words they split into. */
function addPiece(tokens: Token[], text: string, digits: boolean): void {
  if (digits) {
    tokens.push({ text, kind: 'number' });
    return;
  }
  const from = tokens.length;
  segmentInto(text, tokens);
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'unknown') readUnknown(token);
  }
}

/** `loginTokens` of the part of a login that names its user (`loginPart`). */
function tokensOf(login: string): Token[] {
  const tokens: Token[] = [];
  const ascii = isAscii(login);
  eachPiece(ascii ? login : latinLetters(login), tokens, addPiece);
  if (!ascii) {
    for (const run of nativeRuns(login)) {
      const reading = readNativeRun(run);
      if (reading.is === 'role')
        for (const word of reading.words) tokens.push({ text: word.text, kind: kindOf(word.bits) ?? 'role' });
      else tokens.push({ text: run, kind: reading.is === 'name' ? 'name' : 'unknown' });
    }
  }
  return tokens;
}

/**
 * A word of two letters weighs less in Latin letters ("hr", "li"), not in the scripts that write a
 * whole word in two ("前台", "李娜").
 */
const isShort = (text: string) => text.length <= 2 && text.charCodeAt(0) < 0x80;

const ROLE_WEIGHT: Partial<Record<TokenKind, number>> = {
  role: 2,
  // A device word all but settles it: "ricoh-scanner" is the scanner, not Rico H.
  device: 4.5,
  placeholder: 2.5,
  service: 2.5,
  'function-like': 1.5,
};
const NAME_WEIGHT: Partial<Record<TokenKind, number>> = { 'first-name': 2.5, surname: 2, name: 1.8 };
const isRoleish = (t: Token) => ROLE_WEIGHT[t.kind] !== undefined;
const isDevice = (t: Token) => t.kind === 'device';
const isFirstNameOrInitial = (t: Token) => t.kind === 'first-name' || t.kind === 'initial';
const REASON_LABEL: Record<TokenKind, string> = {
  'first-name': 'first name',
  surname: 'surname',
  name: 'person name',
  initial: 'initial',
  role: 'role word',
  device: 'device word',
  placeholder: 'placeholder word',
  service: 'service word',
  'function-like': 'reads like a function word:',
  place: 'place',
  number: 'number',
  unknown: 'unknown word',
};

function reason(token: Token): string {
  return `${REASON_LABEL[token.kind]} "${token.text}"`;
}

interface DisplayReading {
  words: string[];
  /** How many of the words name a role. */
  roles: number;
  nameWords: string[];
}

/** A first name and one or two more words, in letters only: "Mark Sales", "Anna de Souza". */
const FULL_NAME = /^\s*\p{L}+(?:\s+\p{L}[\p{L}'-]*){1,2}\s*$/u;

/** "LDAP", "SSO", "CRM": runs of two to four capitals on their own. */
const ACRONYM = /(?<!\p{L})\p{Lu}{2,4}(?!\p{L})/gu;

function readDisplayName(displayName: string, tokens: Token[]): DisplayReading {
  const ascii = isAscii(displayName);
  const words = wordsOf(ascii ? displayName : latinLetters(displayName));
  let roles = 0;
  const nameWords: string[] = [];
  // "Mark Sales" for "mark.sales" or "msales": a first name and one or two plain words, when the
  // login carries that first name or its initial, is a person's full name, whatever the later words
  // mean. Not for "reception" shown as "Kim Reception": that login does not carry Kim.
  const firstWord = words[0] ?? '';
  const firstBits = lookup(firstWord);
  if (
    words.length >= 2 &&
    words.length <= 3 &&
    // "Paris Office" is the Paris office: a first name that is also a city does not make one.
    (firstBits & (FIRST_NAME | PLACE)) === FIRST_NAME &&
    carriesName(tokens, firstWord) &&
    FULL_NAME.test(displayName)
  ) {
    return { words, roles, nameWords: words };
  }
  // "LDAP", "SSO", "CRM": a short word written in capitals that no list knows is an acronym (where
  // the account comes from, what it is for), not a name. Looked for only once a word no list knows
  // is met: most display names have none.
  let acronyms: string[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const bits = i === 0 ? firstBits : lookup(w);
    const kind = kindOf(bits);
    if (kind === 'place') continue;
    if (kind && ROLE_WEIGHT[kind] !== undefined) roles++;
    else if (kind) nameWords.push(w);
    else if (w.length >= 6 && segment(w).every(isRoleish)) roles++;
    else if (readsAsFunction(w)) roles++;
    else if (w.length >= 2 && VOWEL.test(w)) {
      acronyms ??= displayName.match(ACRONYM)?.map((a) => latinLetters(a).toLowerCase()) ?? [];
      if (!acronyms.includes(w)) nameWords.push(w);
    }
  }
  // "前台", "財務部", "张伟": the runs of Han, kana, Hangul, Thai, Arabic and Hebrew letters.
  if (!ascii) {
    for (const run of nativeRuns(displayName)) {
      const reading = readNativeRun(run);
      words.push(run);
      if (reading.is === 'role') roles++;
      else if (reading.is === 'name') nameWords.push(run);
    }
  }
  // "Office Paris", "Empfang Wien": beside a role word, a city is where the role is.
  if (roles > 0) return { words, roles, nameWords: nameWords.filter((w) => (lookup(w) & PLACE) === 0) };
  return { words, roles, nameWords };
}

/** Does the login carry a display name's first word, or its initial? */
function carriesName(tokens: Token[], word: string): boolean {
  for (const t of tokens) if (t.text === word || (t.kind === 'initial' && t.text === word[0])) return true;
  return false;
}

/** A login token that may stand for a word of the display name: not a number or a placeholder word. */
const isWordToken = (t: Token) => t.kind !== 'number' && t.kind !== 'placeholder';

/** A login of role words alone (and numbers or placeholder words). */
function roleWordsOnly(tokens: Token[]): boolean {
  let words = 0;
  for (const t of tokens) {
    if (!isWordToken(t)) continue;
    if (!isRoleish(t)) return false;
    words++;
  }
  return words > 0;
}

/** Is one of the login's words, as it is, one of the display name's words? */
function hasDisplayWord(tokens: Token[], words: string[]): boolean {
  for (const t of tokens) if (isWordToken(t) && words.includes(t.text)) return true;
  return false;
}

/** Does one of the login's words of three letters or more, or an initial, stand for a display word? */
function standsForDisplayWord(tokens: Token[], words: string[]): boolean {
  for (const t of tokens)
    if (isWordToken(t) && (t.text.length >= 3 || t.kind === 'initial') && matchesDisplayWord(t, words))
      return true;
  return false;
}

/** Does a login token stand for a word of the display name: the word, its initial, or its start? */
function matchesDisplayWord(token: Token, words: string[]): boolean {
  const t = token.text;
  for (const w of words) {
    if (t === w) return true;
    if (t.length === 1 && w.startsWith(t)) return true;
    if (t.length >= 3 && (w.startsWith(t) || t.startsWith(w)) && Math.min(t.length, w.length) >= 3)
      return true;
  }
  return false;
}

/** "johnsmith", "jsmithe": a login that spells the display name's words (or initials) in a row. */
function spellsDisplayName(tokens: Token[], words: string[]): boolean {
  let compact = '';
  for (const t of tokens) if (t.kind !== 'number') compact += t.text;
  if (compact.length < 3 || words.length === 0) return false;
  let initials = '';
  let full = '';
  for (const w of words) {
    initials += w[0];
    full += w;
  }
  const last = words[words.length - 1] as string;
  const first = words[0] as string;
  return (
    full.includes(compact) ||
    compact.includes(full) ||
    compact === initials ||
    compact === (first[0] ?? '') + last ||
    compact === last + (first[0] ?? '') ||
    compact === first + (last[0] ?? '') ||
    (compact.length >= 4 && compact.startsWith(first) && last.startsWith(compact.slice(first.length)))
  );
}

/**
 * Beside a role word, a city is where the role is, not a person ("office.paris", "sales-london",
 * "reception.manchester"); alone or beside other names, "paris" stays a first name.
 */
function placesBesideRoles(tokens: Token[]): void {
  for (const token of tokens)
    if (NAME_WEIGHT[token.kind] !== undefined && (lookup(token.text) & PLACE) !== 0) token.kind = 'place';
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * `login` is the part of the login that names its user, as it reads (`loginPart(plainLogin(written))`),
 * for a caller that has worked it out for other checks too.
 */
export function classify(
  written: string,
  displayName?: string | null,
  // A lookalike ("аdmin" in Cyrillic, "ｒｅｃｅｐｔｉｏｎ") is read as what it looks like.
  login = loginPart(plainLogin(written)),
): Classification {
  const tokens = tokensOf(login);
  let generic = 0;
  let personal = 0;
  const genericReasons: string[] = [];
  const personalReasons: string[] = [];
  const hasRoleish = tokens.some(isRoleish);
  if (hasRoleish) placesBesideRoles(tokens);

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const roleWeight = ROLE_WEIGHT[token.kind];
    const nameWeight = NAME_WEIGHT[token.kind];
    if (roleWeight !== undefined) {
      generic += isShort(token.text) ? roleWeight * 0.75 : roleWeight;
      genericReasons.push(reason(token));
    } else if (nameWeight !== undefined) {
      // Beside a role word, a surname counts for less than a first name: the surname lists hold many
      // plain English words ("Law", "Back", "File") that are the role's own words in a login.
      const weight = hasRoleish && token.kind !== 'first-name' ? nameWeight * 0.65 : nameWeight;
      personal += isShort(token.text) ? weight * 0.5 : weight;
      personalReasons.push(reason(token));
    } else if (token.kind === 'initial') {
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      const besideName =
        (prev && NAME_WEIGHT[prev.kind] !== undefined) || (next && NAME_WEIGHT[next.kind] !== undefined);
      // A lone initial ("a.b") says nothing; beside a name it is the usual "jsmith".
      if (besideName) {
        personal += 1.5;
        personalReasons.push(reason(token));
      }
    } else if (token.kind === 'unknown') {
      // Role words are a closed set and names an open one: an unknown word that could be spoken
      // leans towards a surname the lists do not have.
      if (token.text.length >= 3 && VOWEL.test(token.text) && !hasRoleish) {
        personal += 0.8;
        personalReasons.push(`unknown word "${token.text}" that could be a name`);
      }
    } else if (token.kind === 'number' && hasRoleish) {
      // "frontdesk2", "sales01": a numbered seat rather than a person.
      generic += 0.5;
    } else if (token.kind === 'place' && hasRoleish) {
      // Said, not weighed: the role word decides.
      genericReasons.push(reason(token));
    }
  }

  const display = displayName?.trim() ?? '';
  const sameAsLogin = !display || display.toLowerCase() === login.toLowerCase();
  if (
    sameAsLogin &&
    WRITTEN_AS_NAME.test(login) &&
    (lookup(tokens[0]?.text ?? '') & FIRST_NAME) !== 0 &&
    !tokens.some(isDevice)
  ) {
    // A wiki's "Mark Sales" is a username with no display name beside it: written as a first name
    // and a surname, it is read as the person's name, whatever the later words mean ("Iris Scanner"
    // is still the scanner).
    const reading = readDisplayName(login, tokens);
    if (reading.roles === 0 && reading.nameWords.length === reading.words.length) {
      personal += 3;
      personalReasons.push(`written as a person's name "${login}"`);
    }
  } else if (!sameAsLogin) {
    const reading = readDisplayName(display, tokens);
    // "agence.lyon" shown as "Agence Lyon Part-Dieu": a login that starts with the role its display
    // name starts with, and holds no first name or initial, is that role's at a place, even where
    // the place is also a surname. "admin.jsmith" shown as "Admin John Smith" is still John's.
    const first = tokens[0];
    const roleFirst =
      first !== undefined &&
      ROLE_WEIGHT[first.kind] !== undefined &&
      first.text === reading.words[0] &&
      !tokens.some(isFirstNameOrInitial);
    // A login of role words alone matches its display name only word for word: "rozliczenia" shown
    // as "Dział rozliczeń" (the same word, inflected) is the settlements desk, not a person whose
    // name starts the same.
    const matched =
      !roleFirst &&
      reading.nameWords.length > 0 &&
      (roleWordsOnly(tokens)
        ? hasDisplayWord(tokens, reading.nameWords)
        : spellsDisplayName(tokens, reading.nameWords) || standsForDisplayWord(tokens, reading.nameWords));
    if (matched) {
      personal += 4;
      personalReasons.push(`matches the display name "${display}"`);
    } else if (reading.roles > 0 && reading.nameWords.length === 0) {
      generic += 3;
      genericReasons.push(`display name "${display}" names a role, not a person`);
    } else if (reading.nameWords.length > 0 && reading.roles === 0) {
      personal += 1;
      personalReasons.push(`display name "${display}" names a person`);
    }
  }

  const diff = generic - personal;
  if (generic >= 1.5 && diff > 0.25) {
    return { verdict: 'generic', confidence: round(sigmoid(diff)), reasons: genericReasons, tokens };
  }
  if (personal >= 1 && -diff > 0.25) {
    return { verdict: 'personal', confidence: round(sigmoid(-diff)), reasons: personalReasons, tokens };
  }
  const reasons = [...genericReasons, ...personalReasons];
  if (reasons.length === 0) reasons.push('no role word and no known name');
  return { verdict: 'unknown', confidence: 0.5, reasons, tokens };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
