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

export function foldLetters(s: string): string {
  // Fast path: most logins are plain ASCII.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the whole of ASCII
  if (/^[\x00-\x7f]*$/.test(s)) return s;
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

const SEPARATORS = /[^A-Za-z0-9]+/;
const HUMPS = /([a-z])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])|([A-Za-z])(?=[0-9])|([0-9])(?=[A-Za-z])/g;

export function tokenize(username: string): Piece[] {
  const pieces: Piece[] = [];
  for (const part of foldLetters(loginPart(username)).split(SEPARATORS)) {
    if (!part) continue;
    for (const raw of part.replace(HUMPS, '$1$2$3$4\u0000').split('\u0000')) {
      if (!raw) continue;
      const digits = raw.charCodeAt(0) >= 48 && raw.charCodeAt(0) <= 57;
      pieces.push({ text: raw.toLowerCase(), digits });
    }
  }
  return pieces;
}

/** The words of a display name, e.g. "O'Brien, Mary-Jane" -> obrien, mary, jane. */
export function displayWords(displayName: string): string[] {
  return foldLetters(displayName)
    .replace(/['’]/g, '')
    .replace(/([a-z])(?=[A-Z])/g, '$1 ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
