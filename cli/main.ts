import { type Command, type Context, createContext, parseCommandLine } from './command';
import { auditExport, auditVerifyExport } from './commands/audit';
import { capture } from './commands/capture';
import { directoryCommands } from './commands/directory';
import { findings } from './commands/findings';
import { login } from './commands/login';
import { CliError, EXIT, EXIT_CODES_HELP } from './exit-codes';

/** Every command, in the order `rollcall --help` lists them. */
const COMMANDS = [
  login,
  findings,
  ...directoryCommands,
  capture,
  auditExport,
  auditVerifyExport,
] as Command[];

const ENVIRONMENT_HELP = `Environment:
  ROLLCALL_URL  the server, instead of the saved one
  ROLLCALL_KEY  the API key, instead of the saved one`;

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.join(' ').length));
  return [
    'rollcall: the Rollcall command line, for scripts and integrations',
    '',
    'Usage: rollcall COMMAND [ARGUMENTS] [OPTIONS]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.join(' ').padEnd(width)}  ${command.summary}`),
    '',
    'Run rollcall COMMAND --help for a command’s options.',
    '',
    ENVIRONMENT_HELP,
    '',
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const options = Object.entries(command.options).map(([name, spec]) => {
    const flag = `--${name}${spec.type === 'string' ? ` ${name.toUpperCase()}` : ''}`;
    return [flag, command.optionHelp[name] ?? ''] as const;
  });
  options.push(['--help', 'show this help']);
  const width = Math.max(...options.map(([flag]) => flag.length));
  return [
    `Usage: rollcall ${command.name.join(' ')} ${command.usage}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
    'Options:',
    ...options.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
    '',
    EXIT_CODES_HELP,
    '',
  ].join('\n');
}

/** The commands whose name starts with these words: one command, a group, or none. */
function lookUp(words: string[]): { command: Command | null; group: Command[]; used: number } {
  for (let used = Math.min(words.length, 2); used > 0; used -= 1) {
    const name = words.slice(0, used).join(' ');
    const command = COMMANDS.find((one) => one.name.join(' ') === name);
    if (command) return { command, group: [], used };
  }
  const [first] = words;
  return { command: null, group: COMMANDS.filter((one) => one.name[0] === first), used: 1 };
}

/** Runs one command line; answers the exit code. */
export async function runCli(argv: string[], context: Context = createContext()): Promise<number> {
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const words = argv.filter((arg) => !arg.startsWith('-'));
  if (argv.length === 0 || argv[0] === 'help' || (wantsHelp && words.length === 0)) {
    context.out(overview());
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const { command, group, used } = lookUp(argv.slice(0, 2).filter((arg) => !arg.startsWith('-')));
  try {
    if (!command) {
      if (group.length > 0) {
        const names = group.map((one) => `rollcall ${one.name.join(' ')}`).join(', ');
        if (wantsHelp) {
          context.out(`${group.map(commandHelp).join('\n')}`);
          return EXIT.ok;
        }
        throw new CliError(EXIT.usage, `${argv[0]} needs one of: ${names}.`);
      }
      throw new CliError(EXIT.usage, `There is no command "${argv[0]}". See rollcall --help.`);
    }
    if (wantsHelp) {
      context.out(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run(parseCommandLine(command, argv.slice(used)), context);
  } catch (error) {
    context.progress(null);
    if (error instanceof CliError) {
      context.note(`rollcall: ${error.message}`);
      return error.exitCode;
    }
    context.note(`rollcall: something went wrong here: ${(error as Error)?.message ?? error}`);
    return EXIT.server;
  }
}
