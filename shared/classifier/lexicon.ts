import data from './data/lexicon.json' with { type: 'json' };

/**
 * The classifier's word lists, decoded once from the committed data file (built and sourced by
 * scripts/build-classifier-data.mjs) into one map from word to a bit set of what the word is.
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

const lexicon = new Map<string, number>();

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
    lexicon.set(word, (lexicon.get(word) ?? 0) | bit);
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

/** What a lower-case word is, as a bit set of the constants above; 0 when unknown. */
export function lookup(word: string): number {
  return lexicon.get(word) ?? 0;
}

/** The longest word the segmenter tries; longer stretches are only ever unknown words. */
export const MAX_WORD_LENGTH = 18;
