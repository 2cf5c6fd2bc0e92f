import { ANY_NAME, ANY_ROLE, FIRST_NAME, lookup, SURNAME } from './lexicon.ts';
import { displayWords, foldLetters } from './tokenize.ts';

/**
 * Does a display name name two or more people? "John & Jane", "Sam / Jo", "Ana and Luis Pérez",
 * "The Smiths", "Mr & Mrs Patel": one login that two people use is a shared login.
 */

export interface SharedDisplayName {
  /** The people it names, as written: ["John", "Jane"], or ["The Smiths"] for a household. */
  people: string[];
  reason: string;
}

// "&", "+", "/", "and", "or", "und", "et", "y", "en", "e", and commas or semicolons between names.
const JOINERS = /\s*(?:&|\+|\/|\||;|,|\band\b|\bor\b|\bund\b|\bet\b|\by\b|\ben\b|\be\b)\s*/i;
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame']);

function wordKind(word: string): 'name' | 'role' | 'title' | 'other' {
  if (TITLES.has(word)) return 'title';
  const bits = lookup(word);
  if (bits & ANY_ROLE) return 'role';
  if (bits & ANY_NAME) return 'name';
  return 'other';
}

/** A part of the display name that reads as one person: has a name word (or a title) and no role word. */
function isPerson(part: string): boolean {
  const words = displayWords(part);
  if (words.length === 0 || words.length > 4) return false;
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
  const text = displayName?.trim();
  if (!text) return null;

  const parts = text.split(JOINERS).filter((p) => p.trim() !== '');
  if (parts.length >= 2 && parts.length <= 6) {
    // "Smith, John" is one person written surname first, not two.
    const commaOnly = !/[&+/|;]|\b(and|or|und|et|y|en|e)\b/i.test(text);
    if (!(commaOnly && parts.length === 2)) {
      const people = parts.map((p) => p.trim());
      // "Mr & Mrs Smith": two titles and a name.
      const titlesOnly = people.filter((p) => TITLES.has(p.toLowerCase().replace(/\./g, ''))).length;
      if (people.every(isPerson) || (titlesOnly >= 1 && people.some(isPerson))) {
        return { people, reason: `the display name "${text}" names ${people.length} people` };
      }
    }
  }

  // "The Smiths", "Smith family", "the Nguyen household".
  const words = displayWords(foldLetters(text));
  const household =
    (words.length === 2 && words[0] === 'the' && isPluralSurname(words[1] as string)) ||
    (words.length >= 2 &&
      ['family', 'household', 'familie', 'famille', 'familia'].includes(words[words.length - 1] as string) &&
      words.slice(0, -1).some((w) => lookup(w) & (SURNAME | ANY_NAME) && !(lookup(w) & ANY_ROLE)));
  if (household) return { people: [text], reason: `the display name "${text}" names a household` };
  return null;
}

function isPluralSurname(word: string): boolean {
  if (!word.endsWith('s') || word.length < 4) return false;
  const stems = [word.slice(0, -1), word.endsWith('es') ? word.slice(0, -2) : ''];
  return stems.some((s) => s !== '' && (lookup(s) & ANY_NAME) !== 0 && (lookup(s) & ANY_ROLE) === 0);
}

/** For tests and reasons: is this word a known first name? */
export function isFirstName(word: string): boolean {
  return (lookup(word.toLowerCase()) & FIRST_NAME) !== 0;
}
