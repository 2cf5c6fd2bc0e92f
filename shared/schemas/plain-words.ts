import type { z } from 'zod';

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of values',
};

/**
 * zod's issues in plain words ("at most 200 characters", "not an email address"), for the worker's
 * problem answers and the extension's forms alike. zod calls this only where a schema gives no
 * message of its own, so the shared schemas' own words come through as written. Pass it as the
 * `error` option of `safeParse`.
 */
export function plainReason(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `at most ${max} character${max === 1 ? '' : 's'}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `at most ${max} item${max === 1 ? '' : 's'}`;
      return `at most ${max}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'required' : `at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `at least ${min} item${min === 1 ? '' : 's'}`;
      return `at least ${min}`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'not an email address';
      if (issue.format === 'date') return 'not a date';
      if (issue.format === 'url') return 'not a web address';
      return 'not in the form expected';
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'required';
      return `should be ${KINDS[issue.expected] ?? 'something else'}`;
    case 'invalid_value':
      return issue.values.length <= 5
        ? `one of ${issue.values.map(String).join(', ')}`
        : 'not one of the choices';
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    default:
      return 'not valid';
  }
}
