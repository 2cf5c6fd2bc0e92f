import { type Problem, problemSchema } from '../schemas/problem';
import { fillPath, type Operation, type RequestOf, type Success, successOf } from './operation';

/**
 * Calling one operation of the contract over HTTP, with no browser and no session in it: the URL
 * built from the operation and its parameters, the body as JSON, the answer read with the
 * operation's schema. The extension's client (extension/lib/sync/api-client.ts) adds its tokens on
 * top; the command-line client (cli/) its API key.
 */

/** What a caller sends, before its types are checked: path parameters, query and body. */
export type Sent = { params?: unknown; query?: unknown; body?: unknown };

/** An operation's request: optional when it takes no parameters, query or body. */
export type RequestArgs<O extends Operation> =
  // biome-ignore lint/complexity/noBannedTypes: "nothing required" is exactly `{}`
  {} extends RequestOf<O> ? [request?: RequestOf<O>] : [request: RequestOf<O>];

/** The path and query of an operation's URL; query values that are absent are left out. */
export function operationTarget(op: Operation, request: Sent): string {
  const path = fillPath(op.path, (request.params ?? {}) as Record<string, string>);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) query.set(name, String(value));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** Sends one operation to the server at `base`, with the caller's credential headers. */
export function sendOperation(
  op: Operation,
  request: Sent,
  options: { base: string; headers?: Record<string, string>; fetchFn?: typeof fetch; timeoutMs: number },
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  return (options.fetchFn ?? fetch)(new URL(operationTarget(op, request), options.base), {
    method: op.method.toUpperCase(),
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
}

/** The problem+json of an error answer, or null when the server sent something else. */
export async function readProblem(response: Response): Promise<Problem | null> {
  const parsed = problemSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

/**
 * The operation's success answer, read with its schema: JSON parsed, text as text, 204 as null;
 * `undefined` when the JSON does not fit the schema (a server of another version).
 */
export async function readSuccess<O extends Operation>(
  op: O,
  response: Response,
): Promise<Success<O> | undefined> {
  const { spec } = successOf(op);
  if (spec.contentType) return (await response.text()) as Success<O>;
  if (!spec.schema || response.status === 204) return null as Success<O>;
  const parsed = spec.schema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? (parsed.data as Success<O>) : undefined;
}
