import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { FieldError, Problem } from '../../../shared/schemas/problem';

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal error',
};

/** Throw from a handler to answer with a problem: the one error handler turns it into problem+json. */
export class ProblemError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message: detail ?? TITLES[status] ?? 'Error' });
  }
}

/**
 * What a field naming a row this organisation does not have says: in words, without the id (the
 * field names where it is), so an admin shown it by the extension reads a reason, not a code.
 */
export const notInThisFirm = (what: string) => `no such ${what} in this firm: it may have been deleted`;

/** Turns zod issues into field errors named by where they are: `body.email`, `query.since`. */
export function fieldErrors(target: string, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const field = [target, ...path].join('.');
    if (issue.code === 'unrecognized_keys') {
      return { field, message: `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` };
    }
    return { field, message: issue.message };
  });
}

function problemResponse(c: Context, problem: Problem, headers: Record<string, string> = {}) {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
    ...headers,
  });
}

function problemOf(status: number, c: Context, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    instance: new URL(c.req.url).pathname,
    ...(errors ? { errors } : {}),
  };
}

/** The one error handler: every error leaves the worker as RFC 9457 problem+json. */
export function handleError(error: Error, c: Context) {
  if (error instanceof ProblemError) {
    return problemResponse(c, problemOf(error.status, c, error.detail, error.errors), error.headers);
  }
  if (error instanceof HTTPException) {
    return problemResponse(c, problemOf(error.status, c, error.message || undefined));
  }
  // Unknown failures are logged without request bodies (they may carry passwords) and answered
  // without internals.
  console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, error.name, error.message);
  return problemResponse(c, problemOf(500, c, 'Something went wrong on the server.'));
}

export function handleNotFound(c: Context) {
  return problemResponse(
    c,
    problemOf(404, c, `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`),
  );
}
