import {
  HEADER_VOCABULARY,
  type HeaderField,
  NAME_ALONE,
  RECORD_WORDS,
  SWITCHED_OFF_HEADERS,
  SWITCHED_ON_HEADERS,
} from './page-words';

/**
 * What a user list's column holds, judged from its header text. Apps phrase the same column in many
 * ways ("Login ID", "Logon name", "Sign-in email", "Benutzername", "Nazwa użytkownika"); the
 * phrasings, by field and language, are in `page-words.ts`.
 */
export type ColumnField = HeaderField;

// Letters that Unicode does not decompose into a base letter and a mark.
const FOLDED: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ı: 'i',
  ð: 'd',
  þ: 'th',
};

/**
 * Lower-case text with its accents and marks dropped: "członkowie" → "czlonkowie", "ユーザー名" →
 * "ユーサー名" (the voicing mark goes too, in the header and in the word alike). Regular-expression
 * syntax is left as it is, so the vocabulary is folded with it as written.
 */
function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łøæœßđıðþ]/g, (letter) => FOLDED[letter] ?? letter);
}

/**
 * Lower case, no accents, punctuation folded to single spaces: "E-Mail Address ▲" → "e mail address",
 * "Członkowie" → "czlonkowie".
 */
export function normaliseHeader(text: string): string {
  return foldAccents(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const ROLE_WORDS = new Set(Object.values(RECORD_WORDS.role).flat().map(normaliseHeader));

/**
 * "admin", "owner", "invitado": a value that alone names a user's role (RECORD_WORDS), given
 * normalised as normaliseHeader does.
 */
export function isRoleWord(normalised: string): boolean {
  return ROLE_WORDS.has(normalised);
}

/** One pattern matching a whole normalised header against phrases written in any language. */
const wholeHeader = (phrases: readonly string[]) => new RegExp(`^(?:${foldAccents(phrases.join('|'))})$`);

// One pattern per field over the normalised header, from the vocabulary in every language, tried
// in the vocabulary's order.
const FIELD_PATTERNS: [ColumnField, RegExp][] = HEADER_VOCABULARY.map(([field, byLanguage]) => [
  field,
  wholeHeader(Object.values(byLanguage).flat()),
]);

/** Headers read before: pages repeat them, and a look at a page reads many short texts. */
const known = new Map<string, ColumnField | null>();

const USERNAME_PATTERN = FIELD_PATTERNS.find(([field]) => field === 'username')?.[1];

/** The field a column holds, from its header text; null when the header names something else. */
export function fieldForHeader(text: string): ColumnField | null {
  let field = known.get(text);
  if (field === undefined) {
    field = readHeader(text);
    if (known.size > 2000) known.clear();
    known.set(text, field);
  }
  return field;
}

/** A count in brackets after a header's words: "Member (12)", as Cal.com heads its members. */
const COUNT = /\s*[(（[]\d[\d\s,.]*[)）\]]$/u;

function readHeader(text: string): ColumnField | null {
  if (text.length > 80) return null;
  const header = normaliseHeader(text.replace(COUNT, ''));
  if (!header || header.length > 40) return null;
  for (const [field, pattern] of FIELD_PATTERNS) if (pattern.test(header)) return field;
  // The login named after the app: "Jenkins User ID", "Jenkins Benutzer Id". Of two words or more:
  // "First login" and "Failed login" are no login.
  const rest = header.slice(header.indexOf(' ') + 1);
  if (rest !== header && rest.includes(' ') && USERNAME_PATTERN?.test(rest)) return 'username';
  return splitHeader(text);
}

/** The fields that say who a user is, most telling first. */
const WHO_FIRST: readonly ColumnField[] = ['username', 'email', 'user', 'displayName'];

/** Whether a column says who the user is: the login, the email, "User", the name. */
export const saysWho = (field: ColumnField | null): boolean => field !== null && WHO_FIRST.includes(field);

/**
 * A header naming two fields or more, one over the other in each cell ("Name / Contact Email", as
 * Seafile heads its users; "Nom complet/destinataire", as Modoboa heads its identities' names): the
 * one of them that says most who the user is. Its cells are read as a login cell with the rest
 * beside it (the login among the pieces, and the name). Null where no part says who.
 */
function splitHeader(text: string): ColumnField | null {
  const fields = headerParts(text);
  return WHO_FIRST.find((field) => fields.includes(field)) ?? null;
}

/**
 * The fields a header names one over the other, each part's ("Name / Contact Email"); two that each
 * say who may be named with no mark between them ("Nome e-Mail", as vtiger heads its users' names
 * over their emails), not a field and another ("Email status"). Empty where the header is one field.
 */
export function headerParts(text: string): (ColumnField | null)[] {
  const parts = text.split(/\s*\/\s*/);
  if (parts.length >= 2) return parts.map((part) => readHeader(part));
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return [];
  for (let at = 1; at < words.length; at++) {
    const fields = [words.slice(0, at), words.slice(at)].map((part) => readHeader(part.join(' ')));
    if (fields.every(saysWho)) return fields;
  }
  return [];
}

const NAME_ALONE_PATTERN = wholeHeader(Object.values(NAME_ALONE));

const SWITCHED_ON_PATTERN = wholeHeader(Object.values(SWITCHED_ON_HEADERS).flat());
/** Whether a status column says whether the login is switched on ("Active", "Aktywny"): see SWITCHED_ON_HEADERS. */
export const isSwitchedOn = (text: string): boolean => SWITCHED_ON_PATTERN.test(normaliseHeader(text));

const SWITCHED_OFF_PATTERN = wholeHeader(Object.values(SWITCHED_OFF_HEADERS).flat());
/** Whether a status column says whether the login is switched off ("Deactivated"): see SWITCHED_OFF_HEADERS. */
export const isSwitchedOff = (text: string): boolean => SWITCHED_OFF_PATTERN.test(normaliseHeader(text));

/** Whether a header is a name alone ("Nom", "Name"): beside a first-name column, the last name. */
export const isNameAlone = (text: string): boolean => NAME_ALONE_PATTERN.test(normaliseHeader(text));
