import type { FieldError } from '../../../shared/schemas/problem';
import commonPasswords from './data/common-passwords.json';

// See scripts/build-common-passwords.mjs for where the list comes from and its licence.
const COMMON = new Set(commonPasswords.passwords.split('\n'));

/** Words every Rollcall password guess would try first (ASVS 5.0 §6.2.11 context words). */
const SERVICE_WORDS = [
  'rollcall',
  'password',
  'passw0rd',
  'admin',
  'owner',
  'auditor',
  'reviewer',
  'welcome',
];

/** Undoes the padding people add to a weak password: `Password2024!` → `password`, `abcabc` → `abc`. */
function cores(password: string): string[] {
  const lower = password.toLowerCase();
  const trimmed = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const found = new Set([lower, trimmed, lower.replace(/[\d\W_]+/gu, '')]);
  for (const candidate of [...found]) {
    const repeat = /^(.+?)\1+$/u.exec(candidate);
    if (repeat?.[1]) found.add(repeat[1]);
  }
  return [...found].filter((core) => core !== '');
}

/** Splits a firm name or email into the words a member might build a password from. */
function contextWords(context: readonly string[]): string[] {
  const words = new Set<string>(SERVICE_WORDS);
  for (const text of context) {
    const lower = text.toLowerCase().normalize('NFKC');
    const compact = lower.replace(/[^\p{L}\p{N}]+/gu, '');
    if (compact.length >= 4) words.add(compact);
    for (const word of lower.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 4) words.add(word);
  }
  return [...words];
}

/**
 * Judges a new (already NFKC-normalised, length-checked) password: refused when it is one of the
 * 10,000 most common passwords, padded or repeated, or is built from context words (the firm's name,
 * the member's email and name) with little else. Returns the field errors, empty when it is fine.
 */
export function passwordProblems(
  password: string,
  context: readonly string[],
  field = 'body.password',
): FieldError[] {
  const candidates = cores(password);
  if (candidates.some((core) => COMMON.has(core)) || new Set(password.toLowerCase()).size < 4) {
    return [{ field, message: 'is one of the most common passwords, or too close to one; choose another' }];
  }
  let rest = password.toLowerCase().normalize('NFKC');
  for (const word of contextWords(context).sort((a, b) => b.length - a.length)) {
    rest = rest.replaceAll(word, '');
  }
  // What is left once the context words and the digits and symbols around them are gone.
  const left = rest.replace(/[\d\W_]+/gu, '');
  if (left.length < 6 && [...rest].length < 10) {
    return [{ field, message: 'is built from the organisation name, your name or email; choose another' }];
  }
  return [];
}
