import { ANY_ROLE, lookup } from './lexicon.ts';

/**
 * Logins and display names in the scripts the classifier does not spell in Latin letters: Han
 * (Chinese, Japanese kanji), kana, Hangul, Thai, Arabic and Hebrew. Cyrillic and Greek are read in
 * Latin letters instead (`latinLetters`), where the name lists are.
 *
 * The word lists hold these languages' role words as written (`data/words/*.txt`: "前台", "受付",
 * "접수", "استقبال"). Chinese, Japanese and Thai write no spaces between words, so a run of letters
 * is read as the words that cover it ("财务部" is 财务 + 部, "销售二组" 销售 + 二 + 组), not looked up
 * whole. A run that no words cover and is as long as a name ("张伟", "山田", "김민준") is read as a
 * person's name: there are no name lists in these scripts, and names are an open set.
 */

const LETTERS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}\\p{Script=Arabic}\\p{Script=Hebrew}\\u30fc';
/** A word of the word lists written in one of these scripts. */
export const NATIVE_SCRIPT_WORD = new RegExp(`^[${LETTERS}][${LETTERS}\\p{M}]*$`, 'u');
const RUN = new RegExp(`[${LETTERS}][${LETTERS}\\p{M}\\p{Nd}]*`, 'gu');
/** Numbers inside a run: "销售二组" (sales team two), "受付２". */
const NUMERAL = /^[一二三四五六七八九十百千零〇两兩\p{Nd}]$/u;
/** Scripts whose names are two to four letters: a longer run no words cover is not read as a name. */
const SHORT_NAMES = /^[\p{Script=Han}\p{Script=Hangul}]/u;

/** The longest word looked up, and the longest run read. */
const MAX_WORD = 10;
const MAX_RUN = 40;

export interface NativeWord {
  text: string;
  /** What the word is, as the lexicon's bit set. */
  bits: number;
}

export interface NativeReading {
  run: string;
  /**
   * `role`: words of the lists cover the run, or more than half of a run of five letters or more
   * ("华东区销售中心", the East China sales centre); `name`: no words cover it and it is as long as a
   * name; `other`: neither.
   */
  is: 'role' | 'name' | 'other';
  /** The role, device, placeholder and service words found, in order. */
  words: NativeWord[];
}

/** The runs of letters of these scripts in a login or display name. */
export function nativeRuns(text: string): string[] {
  return text.match(RUN) ?? [];
}

const covered = new Int32Array(MAX_RUN + 1);
const pieces = new Int32Array(MAX_RUN + 1);
const from = new Int32Array(MAX_RUN + 1);
const wordBits = new Int32Array(MAX_RUN + 1);

/**
 * Reads one run: the words that cover the most of its letters (and, of those ways, the fewest
 * words), a letter no word covers being skipped.
 */
export function readNativeRun(written: string): NativeReading {
  const run = written.normalize('NFKC');
  const n = run.length;
  if (n > MAX_RUN) return { run: written, is: 'other', words: [] };
  covered[0] = 0;
  pieces[0] = 0;
  for (let i = 1; i <= n; i++) {
    // Skip letter i - 1.
    covered[i] = covered[i - 1] as number;
    pieces[i] = pieces[i - 1] as number;
    from[i] = i - 1;
    wordBits[i] = -1;
    for (let j = Math.max(0, i - MAX_WORD); j < i; j++) {
      const text = run.slice(j, i);
      const numeral = i - j === 1 && NUMERAL.test(text);
      const bits = numeral ? 0 : lookup(text) & ANY_ROLE;
      if (!numeral && bits === 0) continue;
      const c = (covered[j] as number) + i - j;
      const p = (pieces[j] as number) + 1;
      if (c > (covered[i] as number) || (c === covered[i] && p < (pieces[i] as number))) {
        covered[i] = c;
        pieces[i] = p;
        from[i] = j;
        wordBits[i] = bits;
      }
    }
  }
  const words: NativeWord[] = [];
  for (let i = n; i > 0; i = from[i] as number) {
    const bits = wordBits[i] as number;
    if (bits > 0) words.unshift({ text: run.slice(from[i] as number, i), bits });
  }
  const all = covered[n] as number;
  // A word of one letter ("部", department; "组", team) is a role only beside another.
  const said = words.some((w) => w.text.length >= 2) || (words.length === 1 && all === n);
  if (said && (all === n || (n >= 5 && all * 2 > n))) return { run: written, is: 'role', words };
  const nameLength = SHORT_NAMES.test(run) ? n >= 2 && n <= 4 : n >= 2 && n <= 15;
  return { run: written, is: nameLength && !said ? 'name' : 'other', words };
}
