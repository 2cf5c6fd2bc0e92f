/**
 * Splits a login into its pieces the way people build usernames: an email's local part or a
 * DOMAIN\user's user part, then at separators (`.` `_` `-` `+` spaces), CamelCase humps and
 * letter/digit boundaries. Letters are folded to lower-case ASCII ("Zoë" -> "zoe").
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

export function foldLetters(s: string): string {
  // Fast path: most logins and names are plain ASCII.
  if (isAscii(s)) return s;
  return s
    .replace(/[ßæøœłđðþı]/gi, (c) => FOLD[c.toLowerCase()] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
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
  const s = foldLetters(loginPart(username));
  const pieces: Piece[] = [];
  let start = -1;
  const end = (at: number) => {
    if (start >= 0 && at > start) {
      const text = s.slice(start, at).toLowerCase();
      pieces.push({ text, digits: charType(text.charCodeAt(0)) === DIGIT });
    }
    start = -1;
  };
  for (let i = 0; i < s.length; i++) {
    const t = charType(s.charCodeAt(i));
    if (t === OTHER) {
      end(i);
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    const p = charType(s.charCodeAt(i - 1));
    const boundary =
      (p === DIGIT) !== (t === DIGIT) ||
      // "salesManager": a capital after a small letter starts a word.
      (p === LOWER && t === UPPER) ||
      // "HRManager": the last capital of a run starts the next word when a small letter follows.
      (p === UPPER && t === UPPER && charType(s.charCodeAt(i + 1)) === LOWER);
    if (boundary) {
      end(i);
      start = i;
    }
  }
  end(s.length);
  return pieces;
}

/** The words of a display name, e.g. "O'Brien, Mary-Jane" -> obrien, mary, jane; digits dropped. */
export function displayWords(displayName: string): string[] {
  const s = foldLetters(displayName);
  const words: string[] = [];
  let word = '';
  let prev = OTHER;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // An apostrophe joins "O'Brien" into one word.
    if (c === 39 || c === 0x2019) continue;
    const t = charType(c);
    if (t === LOWER || t === UPPER) {
      // "FrontDesk": a capital after a small letter starts a new word.
      if (t === UPPER && prev === LOWER && word) {
        words.push(word);
        word = '';
      }
      word += t === UPPER ? String.fromCharCode(c + 32) : s[i];
    } else if (word) {
      words.push(word);
      word = '';
    }
    prev = t;
  }
  if (word) words.push(word);
  return words;
}
