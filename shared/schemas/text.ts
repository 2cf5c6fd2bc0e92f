import { z } from 'zod';

/**
 * Which characters text sent to Rollcall may hold.
 *
 * Every string the API accepts — bodies, path parameters, query values, object keys, CSV cells —
 * must be well-formed Unicode: a lone UTF-16 surrogate (`"\ud800"`) is not a character at all, and
 * would be stored as U+FFFD, so the stored bytes would differ from what the audit trail hashed.
 * NUL and the other C0 and C1 control characters are refused too, except tab, line feed and
 * carriage return: free text (a reason, a comment, a CSV file) may hold line breaks and tabs.
 *
 * Text that names something on one line (names, usernames, emails, ids) is stricter, see
 * `singleLine` and `identifierText`: no line breaks or tabs, and in identifiers no bidirectional
 * controls, which could make one login look like another (CVE-2021-42574, "Trojan Source").
 * Other text keeps bidi marks as sent: a Hebrew or Arabic name may need them, and they are stored
 * byte for byte.
 */

/** A lone surrogate: with the `u` flag a paired surrogate is one code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u;
/** C0 controls but tab, LF and CR; DEL; C1 controls (all of Unicode's Cc). */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029\u0085]/u;
/** Bidirectional formatting controls (Unicode UAX #9): embeddings, overrides, isolates, marks. */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export const TEXT_MESSAGES = {
  surrogate: 'contains a broken character (half of an emoji or a damaged letter)',
  control: 'contains a control character',
  lineBreak: 'must be on one line, without tabs',
  bidi: 'contains an invisible character that changes the direction of text',
} as const;

/** Why a string may not be accepted anywhere, or null when it may. */
export function textProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return TEXT_MESSAGES.surrogate;
  if (CONTROL.test(text)) return TEXT_MESSAGES.control;
  return null;
}

export type TextIssue = { path: (string | number)[]; message: string };

/**
 * Every string in a parsed JSON value (or query, or path parameters) that `textProblem` refuses,
 * object keys included, with where it is. The one check the worker runs on all input before any
 * schema reads it, so no operation can forget it.
 */
export function textIssues(value: unknown, path: (string | number)[] = []): TextIssue[] {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? [{ path, message }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => textIssues(item, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const keyProblem = textProblem(key);
      const here = [...path, keyProblem ? key.replace(/\p{Cs}|\p{Cc}/gu, '?') : key];
      return keyProblem ? [{ path: here, message: `its name ${keyProblem}` }] : textIssues(item, here);
    });
  }
  return [];
}

/** Text on one line: a name, a title. */
export function singleLine<S extends z.ZodString>(schema: S) {
  return schema.refine((text) => !LINE_BREAK_OR_TAB.test(text), { message: TEXT_MESSAGES.lineBreak });
}

/** Text that identifies something (a username, an email): one line, and no bidi controls. */
export function identifierText<S extends z.ZodString>(schema: S) {
  return singleLine(schema).refine((text) => !BIDI_CONTROL.test(text), { message: TEXT_MESSAGES.bidi });
}

/**
 * An id a client may choose (offline creation): letters, digits, `-`, `_` and `.`, not starting with
 * a dot, so it is safe in a URL path as it is (`.` and `..` would be read as path steps).
 */
export const clientIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'letters, digits and - _ . only, not starting with a dot');
