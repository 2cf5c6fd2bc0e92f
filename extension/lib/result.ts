import type { FieldError } from '../../shared/schemas/problem';

/**
 * Why an operation was not done, in plain words the popup shows as they are: a kind to branch on
 * (`offline`, `invalid`, `signed-out`, `conflict`…), the message, and the fields it concerns.
 */
export interface Problem {
  kind: string;
  message: string;
  fields: FieldError[];
}

/**
 * The one answer of every background operation: the value, or the problem. Plain data, so it
 * crosses the extension's messaging unchanged.
 */
export type Result<T = void> = { ok: true; value: T } | ({ ok: false } & Problem);

/** Done, with this value. */
export function done(): Result<void>;
export function done<T>(value: T): Result<T>;
export function done<T>(value?: T): Result<T | undefined> {
  return { ok: true, value };
}

/** Not done, and why. */
export function refused(kind: string, message: string, fields: FieldError[] = []): Result<never> {
  return { ok: false, kind, message, fields };
}
