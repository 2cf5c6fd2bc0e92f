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
/** A city firms have offices in: beside a role word a place ("office.paris"), else maybe a name too. */
export const PLACE = 128;

export const ANY_NAME = FIRST_NAME | SURNAME | OTHER_NAME;
export const ANY_ROLE = ROLE | DEVICE | PLACEHOLDER | SERVICE;

// Words live in an open-addressing hash table built from typed arrays, keyed by two independent
// hashes of the word and its length: 62 bits of hash, so two different words of the same length
// agree on both with odds of about 1 in 10^18, and the table keeps no strings at all. The segmenter
// hashes a stretch of a login letter by letter as it grows, so it looks up every candidate word
// without cutting a substring or hashing a string: that is what keeps it above 100,000 logins a
// second.
//
// The table is built on the first lookup, not when the module loads: the content script loads with
// the page, and the page must not wait for 50,000 words it may never need. Decoding keeps no word
// strings either (making them took longer than the rest of the build).
/** The longest word the segmenter tries; longer stretches are only ever unknown words. */
export const MAX_WORD_LENGTH = 18;
/** The longest word kept: whole runs of letters are looked up too, up to this length. */
const MAX_STORED_LENGTH = 64;

const SLOT_BITS = 17;
const SLOT_MASK = (1 << SLOT_BITS) - 1;
/** Room for the words: the table stays under half full, so probes stay short. */
const MAX_WORDS = 1 << (SLOT_BITS - 1);
// A slot holds a word as three numbers side by side, its first hash, its second, and its length and
// bit set (`length << 8 | bits`, 0 in an empty slot), so that a probe reads one place in memory.
const SLOT_SIZE = 3;
let slots: Int32Array | null = null;
let count = 0;

// The starts of the words the segmenter can ask for (three letters and more), as two bits each in
// a bit set (a Bloom filter) by the same two hashes: a stretch of a login that no word starts with
// ("hnsm" in "johnsmith") is not looked up again as it grows. It may say a stretch starts a word
// when none does (about one stretch in twenty), never the other way round.
const START_BITS = 20;
const START_MASK = (1 << START_BITS) - 1;
let starts = new Int32Array(0);

function addStart(hash: number, hash2: number): void {
  const a = hash & START_MASK;
  const b = hash2 & START_MASK;
  starts[a >>> 5] = (starts[a >>> 5] as number) | (1 << (a & 31));
  starts[b >>> 5] = (starts[b >>> 5] as number) | (1 << (b & 31));
}

export const FNV_OFFSET = 0x811c9dc5 & 0x3fffffff;
/** One step of the first hash (FNV-1a, 30 bits): the hash of `word + c` from the hash of `word`. */
export function hashStep(h: number, charCode: number): number {
  return Math.imul(h ^ charCode, 0x01000193) & 0x3fffffff;
}

export const SECOND_OFFSET = 0x2545f491;
/** One step of the second hash (32 bits, a different multiplier and a shift). */
export function hashStep2(h: number, charCode: number): number {
  const m = Math.imul(h ^ charCode, 0x5bd1e995);
  return m ^ (m >>> 15);
}

function add(table: Int32Array, hash: number, hash2: number, length: number, bit: number): void {
  let slot = hash & SLOT_MASK;
  for (let entry = table[slot * SLOT_SIZE + 2] as number; entry !== 0; ) {
    const at = slot * SLOT_SIZE;
    if (table[at] === hash && table[at + 1] === hash2 && entry >>> 8 === length) {
      table[at + 2] = entry | bit;
      return;
    }
    slot = (slot + 1) & SLOT_MASK;
    entry = table[slot * SLOT_SIZE + 2] as number;
  }
  if (count === MAX_WORDS) throw new Error('the lexicon outgrew its table: raise SLOT_BITS');
  const at = slot * SLOT_SIZE;
  table[at] = hash;
  table[at + 1] = hash2;
  table[at + 2] = (length << 8) | bit;
  count++;
}

/**
 * Reads a front-coded list: each word is "letters shared with the previous word" (0-9) + the rest.
 * The shared letters' hashes are the previous word's, kept per prefix length, so each letter is
 * hashed once.
 */
function addFrontCoded(table: Int32Array, encoded: string, bit: number): void {
  const prefix = new Int32Array(MAX_STORED_LENGTH + 1);
  const prefix2 = new Int32Array(MAX_STORED_LENGTH + 1);
  prefix[0] = FNV_OFFSET;
  prefix2[0] = SECOND_OFFSET;
  const end = encoded.length;
  let i = 0;
  while (i < end) {
    const shared = encoded.charCodeAt(i) - 48;
    let h = prefix[shared] as number;
    let h2 = prefix2[shared] as number;
    let length = shared;
    let j = i + 1;
    for (; j < end; j++) {
      const c = encoded.charCodeAt(j);
      if (c <= 57) break;
      // hashStep and hashStep2 written out: this loop runs once, cold, over 375,000 letters, and
      // before the JIT warms up a call per letter costs more than the hashing.
      h = Math.imul(h ^ c, 0x01000193) & 0x3fffffff;
      const m = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 = m ^ (m >>> 15);
      if (++length <= MAX_STORED_LENGTH) {
        prefix[length] = h;
        prefix2[length] = h2;
      }
      // The letters shared with the previous word were its start too, and added with it.
      if (length >= 3 && length <= MAX_WORD_LENGTH) addStart(h, h2);
    }
    // Only words the segmenter can ask for are kept.
    if (length <= MAX_STORED_LENGTH) add(table, h, h2, length, bit);
    i = j;
  }
}

function build(): Int32Array {
  const table = new Int32Array((1 << SLOT_BITS) * SLOT_SIZE);
  starts = new Int32Array(1 << (START_BITS - 5));
  count = 0;
  addFrontCoded(table, data.first, FIRST_NAME);
  addFrontCoded(table, data.last, SURNAME);
  addFrontCoded(table, data.other, OTHER_NAME);
  addFrontCoded(table, data.role, ROLE);
  addFrontCoded(table, data.device, DEVICE);
  addFrontCoded(table, data.placeholder, PLACEHOLDER);
  addFrontCoded(table, data.service, SERVICE);
  addFrontCoded(table, data.place, PLACE);
  return table;
}

/**
 * What a word is, given its two hashes and its length: a bit set of the constants above, 0 if
 * unknown.
 */
export function lookupHashed(hash: number, hash2: number, length: number): number {
  slots ??= build();
  const table = slots;
  let slot = hash & SLOT_MASK;
  for (let entry = table[slot * SLOT_SIZE + 2] as number; entry !== 0; ) {
    const at = slot * SLOT_SIZE;
    if (table[at] === hash && table[at + 1] === hash2 && entry >>> 8 === length) return entry & 0xff;
    slot = (slot + 1) & SLOT_MASK;
    entry = table[slot * SLOT_SIZE + 2] as number;
  }
  return 0;
}

/**
 * Might a word of the lists start with these letters (three to MAX_WORD_LENGTH of them), given their
 * two hashes? False only when none does.
 */
export function startsWord(hash: number, hash2: number): boolean {
  slots ??= build();
  const a = hash & START_MASK;
  const b = hash2 & START_MASK;
  return (
    ((starts[a >>> 5] as number) & (1 << (a & 31))) !== 0 &&
    ((starts[b >>> 5] as number) & (1 << (b & 31))) !== 0
  );
}

/** What a lower-case word is, as a bit set of the constants above; 0 when unknown. */
export function lookup(word: string): number {
  if (word.length > MAX_STORED_LENGTH) return 0;
  let h = FNV_OFFSET;
  let h2 = SECOND_OFFSET;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    h = hashStep(h, c);
    h2 = hashStep2(h2, c);
  }
  return lookupHashed(h, h2, word.length);
}
