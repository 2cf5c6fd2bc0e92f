/**
 * What `rollcall` exits with, so a script can tell the cases apart. Listed once: `--help` and the
 * README print this table.
 */
export const EXIT = {
  ok: 0,
  /** `--fail-on-findings`, `--fail-on-changes`, or an export that does not verify. */
  found: 1,
  usage: 2,
  auth: 3,
  refused: 4,
  server: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  done
  1  something was found: findings with --fail-on-findings, changes with --fail-on-changes,
     or an audit export that does not verify
  2  usage: an unknown command or option, a missing argument, a file that cannot be read
  3  not signed in: no server or key, or the server refused the key (run rollcall login)
  4  refused: the server said no to the input or to the key's role (the message names the field)
  5  the server could not be reached, or failed`;

/** An error the command line reports as one plain line, and exits with its code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);
