import {
  type RequestArgs,
  readProblem,
  readSuccess,
  type Sent,
  sendOperation,
} from '../shared/contract/http-call';
import type { Operation, Success } from '../shared/contract/operation';
import { API_KEY_HEADER } from '../shared/schemas/api-keys';
import type { Problem } from '../shared/schemas/problem';
import type { Connection } from './config';
import { CliError, EXIT } from './exit-codes';

/**
 * The command line's client of the Rollcall API: the same contract and schemas as the extension's
 * client (shared/contract/http-call.ts), signed with an API key instead of a member's session.
 */

/** Long enough for an import of thousands of rows or a large audit export. */
const TIMEOUT_MS = 120_000;

/** A problem+json answer as one line: what went wrong, then each field named with why. */
export function problemLine(status: number, problem: Problem | null): string {
  const head = problem?.detail ?? problem?.title ?? `The server answered ${status}.`;
  const fields = (problem?.errors ?? []).map((error) => {
    const where = [
      error.field,
      error.line === undefined ? '' : ` line ${error.line}`,
      error.column === undefined ? '' : ` (${error.column})`,
    ].join('');
    return `${where}: ${error.message}`;
  });
  const line = fields.length > 0 ? `${head.replace(/\.$/, '')}: ${fields.join('; ')}` : head;
  return line.replace(/\s*\n\s*/g, ' ');
}

/** The exit code an error answer stands for. */
function exitFor(status: number): CliError['exitCode'] {
  if (status === 401) return EXIT.auth;
  if (status >= 500) return EXIT.server;
  return EXIT.refused;
}

export function createCliApi(connection: Connection, fetchFn: typeof fetch = fetch) {
  async function call<O extends Operation>(op: O, ...[request]: RequestArgs<O>): Promise<Success<O>> {
    let response: Response;
    try {
      response = await sendOperation(op, (request ?? {}) as Sent, {
        base: connection.url,
        headers: connection.key ? { [API_KEY_HEADER]: connection.key } : {},
        fetchFn,
        timeoutMs: TIMEOUT_MS,
      });
    } catch {
      throw new CliError(EXIT.server, `Can’t reach the Rollcall server at ${connection.url}.`);
    }
    if (!response.ok) {
      const line = problemLine(response.status, await readProblem(response));
      const hint = response.status === 401 ? ' Check the key, or run `rollcall login`.' : '';
      throw new CliError(exitFor(response.status), `${line}${hint}`);
    }
    const answer = await readSuccess(op, response);
    if (answer === undefined)
      throw new CliError(EXIT.server, 'The server sent an answer this version of rollcall cannot read.');
    return answer;
  }

  /** Every item of a paged list (`items`, `nextCursor`), page by page. */
  async function all<T>(
    page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
    onPage?: (count: number) => void,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const answer = await page(cursor);
      items.push(...answer.items);
      onPage?.(items.length);
      cursor = answer.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  return { url: connection.url, call, all };
}

export type CliApi = ReturnType<typeof createCliApi>;
