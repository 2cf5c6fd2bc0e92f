/**
 * Splits a login into its pieces the way people build usernames: an email's local part or a
 * DOMAIN\user's user part, then at separators (`.` `_` `-` `+` spaces), CamelCase humps and
 * letter/digit boundaries. Letters are folded to lower-case ASCII ("Zoë" -> "zoe", "Иван" -> "ivan").
 */

export interface Piece {
  text: string;
  /** True for a run of digits. */
  digits: boolean;
}

const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Whether every character is ASCII: one pass over the char codes, no regular expression. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Accents on the letters of the alphabets (Latin, Cyrillic, Greek, Arabic and Hebrew points): not
 * the marks that make a letter of its own elsewhere (Japanese "ゲ" is ケ with a voicing mark, a
 * Hangul syllable is its letters composed), which are put back together.
 */
const ACCENT =
  /(?<=[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{Script=Hebrew}])\p{M}+/gu;

export function foldLetters(s: string): string {
  // Fast path: most logins and names are plain ASCII.
  if (isAscii(s)) return s;
  return foldedByLetter(s) ?? foldedWhole(s);
}

function foldedWhole(s: string): string {
  return s
    .replace(/[ßæøœłđðþı]/gi, (c) => FOLD[c.toLowerCase()] ?? c)
    .normalize('NFD')
    .replace(ACCENT, '')
    .normalize('NFC');
}

/**
 * The accented letters of the Latin alphabets that fold to plain letters ("é" -> "e", "Ł" -> "L",
 * "ß" -> "ss", "ệ" -> "e"), by character code; made the first time a name needs it.
 */
let plainLetters: Map<number, string> | null = null;

function plainLetterTable(): Map<number, string> {
  const table = new Map<number, string>();
  // Latin-1 Supplement, Latin Extended-A and -B, and Latin Extended Additional (Vietnamese).
  for (const [from, to] of [
    [0x80, 0x24f],
    [0x1e00, 0x1eff],
  ] as const) {
    for (let code = from; code <= to; code++) {
      const letter = String.fromCharCode(code);
      if (!/\p{L}/u.test(letter)) continue;
      const folded = foldedWhole(letter);
      if (isAscii(folded)) table.set(code, folded);
    }
  }
  return table;
}

/**
 * A name written in ASCII and such letters, folded a letter at a time without normalising it: each
 * of them is a base letter and its accents, which nothing beside it changes, so this is the same as
 * folding the name whole. Null when the name has any other letter (a Cyrillic one, a combining
 * accent written apart).
 */
function foldedByLetter(s: string): string | null {
  plainLetters ??= plainLetterTable();
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) continue;
    const plain = plainLetters.get(code);
    if (plain === undefined) return null;
    out += s.slice(from, i) + plain;
    from = i + 1;
  }
  return out + s.slice(from);
}

/**
 * Cyrillic and Greek letters as logins and the word lists write them in Latin letters: Russian,
 * Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian by the usual scientific-cum-passport
 * spelling ("Бухгалтерия" -> Bukhgalteriya, "Щит" -> Shchit), Greek by ELOT 743 ("Υποδοχή" ->
 * Ypodochi, "ου" -> ou). Accents are folded first, so "й" and "ё" read as и and е (Andrei, priemnaya).
 */
// biome-ignore format: a table, read across
const CYRILLIC_GREEK: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', є: 'ye', і: 'i', ґ: 'g', ў: 'u', ђ: 'dj',
  ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps',
  ω: 'o', ου: 'ou', αυ: 'av', ευ: 'ev',
};
const CYRILLIC_GREEK_LETTER = /ου|αυ|ευ|[\u0370-\u03ff\u0400-\u04ff]/giu;

/**
 * `foldLetters`, then Cyrillic and Greek written in Latin letters, keeping capitals where they were
 * ("ОтделКадров" -> OtdelKadrov): the form the classifier reads logins and display names in.
 */
export function latinLetters(s: string): string {
  if (isAscii(s)) return s;
  // Folded a letter at a time, it is all ASCII: there is no Cyrillic or Greek to spell.
  const folded = foldedByLetter(s);
  if (folded !== null) return folded;
  return foldedWhole(s).replace(CYRILLIC_GREEK_LETTER, (c) => {
    const lower = c.toLowerCase();
    const latin = CYRILLIC_GREEK[lower] ?? c;
    return lower === c ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  });
}

/** The part of a login that names its user: `jane@firm.com` -> `jane`, `FIRM\jane` -> `jane`. */
export function loginPart(username: string): string {
  let s = username.trim();
  const backslash = s.lastIndexOf('\\');
  if (backslash >= 0) s = s.slice(backslash + 1);
  const at = s.indexOf('@');
  if (at > 0) s = s.slice(0, at);
  return s;
}

const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function charType(c: number): number {
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 48 && c <= 57) return DIGIT;
  return OTHER;
}

/** One pass over the characters (no regular expressions: this runs for every row of every page). */
export function tokenize(username: string): Piece[] {
  const pieces: Piece[] = [];
  eachPiece(latinLetters(loginPart(username)), pieces, (into, text, digits) => into.push({ text, digits }));
  return pieces;
}

/**
 * The pieces of a login's part already in Latin letters (`latinLetters(loginPart(username))`),
 * lower-cased, handed to `visit` in order with `into`, where it puts what it makes of them: the
 * classifier reads each at once into the login's tokens.
 */
export function eachPiece<T>(
  s: string,
  into: T,
  visit: (into: T, text: string, digits: boolean) => void,
): void {
  let start = -1;
  // The type of the character before this one.
  let p = OTHER;
  for (let i = 0; i < s.length; i++) {
    const t = charType(s.charCodeAt(i));
    if (t === OTHER) {
      if (start >= 0) visit(into, s.slice(start, i).toLowerCase(), p === DIGIT);
      start = -1;
    } else if (start < 0) start = i;
    else if (
      (p === DIGIT) !== (t === DIGIT) ||
      // "salesManager": a capital after a small letter starts a word.
      (p === LOWER && t === UPPER) ||
      // "HRManager": the last capital of a run starts the next word when a small letter follows.
      (p === UPPER && t === UPPER && charType(s.charCodeAt(i + 1)) === LOWER)
    ) {
      visit(into, s.slice(start, i).toLowerCase(), p === DIGIT);
      start = i;
    }
    p = t;
  }
  if (start >= 0) visit(into, s.slice(start).toLowerCase(), p === DIGIT);
}

/** The words of a display name, e.g. "O'Brien, Mary-Jane" -> obrien, mary, jane; digits dropped. */
export function displayWords(displayName: string): string[] {
  return wordsOf(latinLetters(displayName));
}

/** `displayWords` of a display name already in Latin letters (`latinLetters`). */
export function wordsOf(s: string): string[] {
  const words: string[] = [];
  // The word being read starts at `start` (-1 between words); it is cut out whole when it ends.
  let start = -1;
  let apostrophe = false;
  let prev = OTHER;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // An apostrophe joins "O'Brien" into one word.
    if (c === 39 || c === 0x2019) {
      if (start >= 0) apostrophe = true;
      continue;
    }
    const t = charType(c);
    const letter = t === LOWER || t === UPPER;
    // "FrontDesk": a capital after a small letter starts a new word.
    if (start >= 0 && (!letter || (t === UPPER && prev === LOWER))) {
      words.push(displayWord(s, start, i, apostrophe));
      start = -1;
      apostrophe = false;
    }
    if (letter && start < 0) start = i;
    prev = t;
  }
  if (start >= 0) words.push(displayWord(s, start, s.length, apostrophe));
  return words;
}

/** The letters from `start` to `end`, lower-case, without the apostrophes among them. */
function displayWord(s: string, start: number, end: number, apostrophe: boolean): string {
  const word = s.slice(start, end);
  return (apostrophe ? word.replace(/['\u2019]/g, '') : word).toLowerCase();
}
