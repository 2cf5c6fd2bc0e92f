import data from './data/confusables.json' with { type: 'json' };
import { isAscii } from './tokenize.ts';

/**
 * Logins written to look like another: letters from another script that look Latin (Cyrillic "а"
 * in "аdmin"), full-width or other compatibility forms ("ａｄｍｉｎ"), or invisible characters
 * ("recep" + soft hyphen + "tion"). The plain form is a skeleton in the sense of Unicode TS #39
 * (https://www.unicode.org/reports/tr39/#Confusable_Detection): NFKC, invisible characters
 * (Default_Ignorable_Code_Point) removed, and the confusables in data/confusables.json mapped to
 * the Latin letters, digits and separators they look like.
 *
 * Only a login whose plain form is all Latin counts: a login genuinely written in Cyrillic or
 * Greek ("иван") is not pretending to be a Latin one, and an accented Latin letter ("Zoë") is
 * not a lookalike of anything.
 */

export interface LookalikeChange {
  /** The character as written. */
  char: string;
  /** What it reads as; empty for an invisible character. */
  reads: string;
  /** In words: `Cyrillic "а" (U+0430)`, `full-width "ａ" (U+FF41)`, `an invisible soft hyphen (U+00AD)`. */
  described: string;
}

export interface Lookalike {
  /** The login as it reads: "admin" for "аdmin". */
  plain: string;
  /** The characters that are not what they seem, in order. */
  changes: LookalikeChange[];
}

const CONFUSABLE = new Map<string, { reads: string; script: string }>();
for (const [script, entries] of Object.entries(data.map)) {
  for (const [hex, reads] of Object.entries(entries as Record<string, string>)) {
    CONFUSABLE.set(String.fromCodePoint(Number.parseInt(hex, 16)), { reads, script });
  }
}

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const LATIN_TEXT = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** The invisible characters met in pasted or crafted logins, by name; others are named by code. */
const INVISIBLE_NAMES: Record<string, string> = {
  '\u00ad': 'soft hyphen',
  '\u034f': 'combining grapheme joiner',
  '\u180e': 'Mongolian vowel separator',
  '\u200b': 'zero-width space',
  '\u200c': 'zero-width non-joiner',
  '\u200d': 'zero-width joiner',
  '\u200e': 'left-to-right mark',
  '\u200f': 'right-to-left mark',
  '\u2060': 'word joiner',
  '\ufeff': 'zero-width no-break space',
};

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function describe(char: string, reads: string, script: string | null): string {
  if (reads === '') return `an invisible ${INVISIBLE_NAMES[char] ?? 'character'} (${codePoint(char)})`;
  if (script) return `${script} "${char}" (${codePoint(char)}) for "${reads}"`;
  const form = /[\uff01-\uff5e]/.test(char) ? 'full-width' : 'compatibility form';
  return `${form} "${char}" (${codePoint(char)}) for "${reads}"`;
}

/** The login's plain form and what was changed to get it, or null when it is not a lookalike. */
export function lookalike(username: string): Lookalike | null {
  if (isAscii(username)) return null;
  const written = username.normalize('NFC');
  const changes: LookalikeChange[] = [];
  let plain = '';
  for (const char of written) {
    // An ASCII character is neither invisible nor anything's confusable, and is its own
    // compatibility form: it reads as itself.
    if (char.charCodeAt(0) < 0x80) {
      plain += char;
      continue;
    }
    let reads: string;
    let script: string | null = null;
    const confusable = CONFUSABLE.get(char);
    if (INVISIBLE.test(char)) reads = '';
    else if (confusable) {
      reads = confusable.reads;
      script = confusable.script;
    } else {
      const compatible = char.normalize('NFKC');
      // Compatibility forms: full-width "ａ", mathematical "𝐚", ligature "ﬁ", circled "ⓐ". Most
      // letters ("é", "ж") are their own.
      if (compatible === char) reads = char;
      else {
        reads = [...compatible].map((c) => CONFUSABLE.get(c)?.reads ?? c).join('');
        reads = [...reads].filter((c) => !INVISIBLE.test(c)).join('');
      }
    }
    if (reads !== char) changes.push({ char, reads, described: describe(char, reads, script) });
    plain += reads;
  }
  plain = plain.normalize('NFC');
  if (changes.length === 0 || plain === '' || plain === written || !LATIN_TEXT.test(plain)) return null;
  return { plain, changes };
}

/** The login as the rules should read it: its plain form if it is a lookalike, else itself. */
export function plainLogin(username: string): string {
  return lookalike(username)?.plain ?? username;
}
