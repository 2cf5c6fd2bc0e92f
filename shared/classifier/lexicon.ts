import data from './data/lexicon.json' with { type: 'json' };

/**
 * The classifier's word lists, decoded once from the committed data file (built and sourced by
 * scripts/build-classifier-data.mjs) into a table from word to a bit set of what the word is.
 */

export const FIRST_NAME = 1;
export const SURNAME = 2;
export const OTHER_NAME = 4;
export const ROLE = 8;
export const DEVICE = 16;
export const PLACEHOLDER = 32;
export const SERVICE = 64;

export const ANY_NAME = FIRST_NAME | SURNAME | OTHER_NAME;
export const ANY_ROLE = ROLE | DEVICE | PLACEHOLDER | SERVICE;

// Words live in parallel arrays, found through a map from a 30-bit FNV-1a hash of the word to the
// first entry with that hash (collisions chain through `next`). The segmenter hashes a stretch of
// a login letter by letter as it grows, so it looks up every candidate word without cutting a
// substring or hashing a string: that is what keeps it above 100,000 logins a second.
const words: string[] = [];
const bitsOf: number[] = [];
const next: number[] = [];
const first = new Map<number, number>();

export const FNV_OFFSET = 0x811c9dc5 & 0x3fffffff;
/** One step of the hash: the hash of `word + c` from the hash of `word`. */
export function hashStep(h: number, charCode: number): number {
  return Math.imul(h ^ charCode, 0x01000193) & 0x3fffffff;
}

function hashOf(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
  return h;
}

function add(word: string, bit: number): void {
  const h = hashOf(word);
  let k = first.get(h);
  while (k !== undefined && k >= 0) {
    if (words[k] === word) {
      bitsOf[k] = (bitsOf[k] as number) | bit;
      return;
    }
    k = next[k] as number;
  }
  words.push(word);
  bitsOf.push(bit);
  next.push(first.get(h) ?? -1);
  first.set(h, words.length - 1);
}

/** Reads a front-coded list: each word is "letters shared with the previous word" (0-9) + the rest. */
function addFrontCoded(encoded: string, bit: number): void {
  let prev = '';
  let i = 0;
  while (i < encoded.length) {
    const shared = encoded.charCodeAt(i) - 48;
    let j = i + 1;
    while (j < encoded.length) {
      const c = encoded.charCodeAt(j);
      if (c >= 48 && c <= 57) break;
      j++;
    }
    const word = prev.slice(0, shared) + encoded.slice(i + 1, j);
    add(word, bit);
    prev = word;
    i = j;
  }
}

addFrontCoded(data.first, FIRST_NAME);
addFrontCoded(data.last, SURNAME);
addFrontCoded(data.other, OTHER_NAME);
addFrontCoded(data.role, ROLE);
addFrontCoded(data.device, DEVICE);
addFrontCoded(data.placeholder, PLACEHOLDER);
addFrontCoded(data.service, SERVICE);

/** What the stretch s[start, end) is, given its hash: a bit set of the constants above, 0 if unknown. */
export function lookupHashed(s: string, start: number, end: number, hash: number): number {
  let k = first.get(hash);
  const len = end - start;
  while (k !== undefined && k >= 0) {
    const w = words[k] as string;
    if (w.length === len && s.startsWith(w, start)) return bitsOf[k] as number;
    k = next[k] as number;
  }
  return 0;
}

/** What a lower-case word is, as a bit set of the constants above; 0 when unknown. */
export function lookup(word: string): number {
  return lookupHashed(word, 0, word.length, hashOf(word));
}

/** The longest word the segmenter tries; longer stretches are only ever unknown words. */
export const MAX_WORD_LENGTH = 18;
