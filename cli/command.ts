import { readFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliApi, createCliApi } from './api';
import { readConnection } from './config';
import { usageError } from './exit-codes';

/** What a command runs with: its streams, the environment, and the server when it needs one. */
export interface Context {
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream;
  out: (text: string) => void;
  /** Messages for the person at the terminal (stderr): never mixed into the data on stdout. */
  note: (line: string) => void;
  /** One line of progress, redrawn in place; only on a terminal. `null` clears it. */
  progress: (line: string | null) => void;
  /** The API as the saved (or ROLLCALL_URL / ROLLCALL_KEY) server and key. */
  api: () => Promise<CliApi>;
}

export function createContext(): Context {
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  return {
    env: process.env,
    stdin: process.stdin,
    out: (text) => process.stdout.write(text),
    note: (line) => {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
      process.stderr.write(`${line}\n`);
    },
    progress: (line) => {
      if (!tty) return;
      process.stderr.write(line === null ? (shown ? '\r\x1b[K' : '') : `\r\x1b[K${line}`);
      shown = line !== null;
    },
    api: async () => createCliApi(await readConnection(process.env)),
  };
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** One command: what `--help` shows of it, its options, and what it does. */
export interface Command<O extends Options = Options> {
  /** The words that name it: ['people', 'import']. */
  name: readonly string[];
  /** Its arguments as `--help` shows them after the name: 'FILE.csv [--dry-run]'. */
  usage: string;
  summary: string;
  /** More about it, for its `--help`. */
  details?: string;
  /** Its positional arguments, by name, in order; all required. */
  args?: readonly string[];
  options: O;
  /** Each option's line in `--help`. */
  optionHelp: Partial<Record<keyof O, string>>;
  run(input: { values: ParsedValues<O>; args: string[] }, context: Context): Promise<number>;
}

export type ParsedValues<O extends Options> = {
  [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string;
};

export const defineCommand = <const O extends Options>(command: Command<O>): Command<O> => command;

/** Reads the command line after the command's name, or fails as a usage error naming the problem. */
export function parseCommandLine<O extends Options>(command: Command<O>, argv: string[]) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '.')} See rollcall ${command.name.join(' ')} --help.`,
    );
  }
  const expected = command.args ?? [];
  const args = parsed.positionals;
  if (args.length < expected.length)
    throw usageError(
      `rollcall ${command.name.join(' ')} needs ${expected.slice(args.length).join(' and ')}.`,
    );
  if (args.length > expected.length)
    throw usageError(`rollcall ${command.name.join(' ')} does not take "${args[expected.length]}".`);
  return { values: parsed.values as ParsedValues<O>, args };
}

/** One of a choice option's values (undefined when not given), or a usage error listing them. */
export function choice<const T extends string>(
  option: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`--${option} must be one of ${allowed.join(', ')}, not "${value}".`);
}

/** A file's text, or a usage error saying why it cannot be read. */
export async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : code;
    throw usageError(`Cannot read ${path}: ${why}.`);
  }
}
