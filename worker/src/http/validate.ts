import type { z } from 'zod';
import { plainReason } from '../../../shared/schemas/plain-words';
import { textIssues } from '../../../shared/schemas/text';
import { fieldErrors, ProblemError } from './problem';

/** Where a value came from; names the field in errors: `body.email`, `query.limit`, `params.id`. */
export type InputTarget = 'body' | 'query' | 'params';

/**
 * Parses `value` with a shared zod schema or throws a ProblemError listing every failing field.
 * Schemas are strict objects, so unknown fields fail too. Bodies answer 422 (well-formed JSON that
 * does not fit), query and path parameters 400. Before any schema, every string in the value must be
 * text Rollcall stores byte for byte (shared/schemas/text.ts): nothing is stored altered.
 */
export function parseInput<S extends z.ZodType>(target: InputTarget, schema: S, value: unknown): z.output<S> {
  const status = target === 'body' ? 422 : 400;
  const invalid = `The request ${target === 'params' ? 'path' : target} is not valid.`;
  const text = textIssues(value);
  if (text.length > 0) {
    throw new ProblemError(
      status,
      invalid,
      text.map((issue) => ({ field: [target, ...issue.path].join('.'), message: issue.message })),
    );
  }
  const result = schema.safeParse(value, { error: plainReason });
  if (result.success) return result.data;
  throw new ProblemError(status, invalid, fieldErrors(target, result.error.issues));
}

/**
 * Refuses (400) a path or query that is not percent-encoded UTF-8 (`%ED%A0%80` is a lone surrogate,
 * `%ZZ` no encoding at all): read as literal text instead, it would be a different value from the
 * one the client meant.
 */
export function checkUrlEncoding(url: string): void {
  const { pathname, search } = new URL(url);
  const broken = (part: string) => {
    try {
      decodeURIComponent(part.replaceAll('+', ' '));
      return false;
    } catch {
      return true;
    }
  };
  const message = 'not valid percent-encoded UTF-8';
  if (broken(pathname)) {
    throw new ProblemError(400, 'The request path is not valid.', [{ field: 'params', message }]);
  }
  const errors = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && broken(pair))
    .map((pair) => {
      const name = pair.split('=')[0] ?? '';
      return { field: broken(name) ? 'query' : `query.${decodeURIComponent(name)}`, message };
    });
  if (errors.length > 0) throw new ProblemError(400, 'The request query is not valid.', errors);
}

/** Default largest JSON body a route accepts; a route may set its own `maxBodyBytes`. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a request body as UTF-8 text, refusing (413) past `limit` bytes without buffering more than
 * that, whatever Content-Length claims.
 */
async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    throw new ProblemError(413, `The body is larger than ${limit} bytes.`);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new ProblemError(413, `The body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError(400, 'The body is not valid UTF-8.');
  }
}

/** Reads and parses a JSON body; 415 for another media type, 400 for malformed JSON. */
export async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  const text = await readBodyText(request, limit);
  if (text.trim() === '') return undefined;
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ProblemError(415, 'Send the body as application/json.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProblemError(400, 'The body is not valid JSON.', [
      { field: 'body', message: 'not valid JSON' },
    ]);
  }
}
