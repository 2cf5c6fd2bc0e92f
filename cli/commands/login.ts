import { createInterface } from 'node:readline';
import { contract } from '../../shared/contract';
import { API_KEY_PREFIX } from '../../shared/schemas/api-keys';
import { createCliApi } from '../api';
import { defineCommand } from '../command';
import { saveConnection, serverUrl } from '../config';
import { usageError } from '../exit-codes';

/**
 * Asks questions on the terminal (the key's answer not shown), or reads the answers a line each
 * from piped input, with no prompts in between.
 */
function createAsker(input: NodeJS.ReadableStream) {
  const terminal = Boolean((input as { isTTY?: boolean }).isTTY);
  const reader = createInterface({ input, output: terminal ? process.stderr : undefined, terminal });
  const lines = terminal ? null : reader[Symbol.asyncIterator]();
  let hiding = false;
  if (terminal) {
    // readline echoes what is typed through this; while the key is typed, nothing is shown.
    const shown = reader as unknown as { _writeToOutput: (text: string) => void };
    const write = shown._writeToOutput.bind(reader);
    shown._writeToOutput = (text) => {
      if (!hiding || text.includes('\n')) write(hiding ? '\n' : text);
    };
  }
  return {
    async ask(question: string, options: { hidden?: boolean } = {}): Promise<string> {
      let answer: string | undefined;
      if (terminal) {
        answer = await new Promise<string>((resolve) => {
          reader.question(question, resolve);
          hiding = Boolean(options.hidden);
        });
        hiding = false;
      } else {
        const next = await lines?.next();
        answer = next === undefined || next.done ? undefined : String(next.value);
      }
      if (!answer?.trim()) throw usageError(`No answer to "${question.replace(/: $/, '')}".`);
      return answer.trim();
    },
    close: () => reader.close(),
  };
}

/** `rollcall login`: asks for the server and an API key, checks them, and saves them. */
export const login = defineCommand({
  name: ['login'],
  usage: '[--url URL]',
  summary: 'Save the Rollcall server and API key this computer uses',
  details: `Asks for the server's address and an API key (an owner or admin makes one in the console,
under API keys), checks them with the server, and saves them in $XDG_CONFIG_HOME/rollcall/config.json
(else ~/.config/rollcall/config.json), readable by you alone. ROLLCALL_URL and ROLLCALL_KEY, when set,
are used instead of asking, and override the saved ones for every command.`,
  options: { url: { type: 'string' } },
  optionHelp: { url: 'the server, instead of asking for it' },
  async run({ values }, context) {
    const asker = createAsker(context.stdin);
    let url: string;
    let key: string;
    try {
      url = serverUrl(values.url || context.env.ROLLCALL_URL || (await asker.ask('Rollcall server: ')));
      key = context.env.ROLLCALL_KEY || (await asker.ask('API key: ', { hidden: true }));
    } finally {
      asker.close();
    }
    if (!key.startsWith(API_KEY_PREFIX))
      throw usageError(`That is not a Rollcall API key: keys start with ${API_KEY_PREFIX}.`);
    const api = createCliApi({ url, key });
    // Any call the key's role may make checks both: the server answers, and it takes the key.
    await api.call(contract.findings.summary);
    const path = await saveConnection(context.env, { url, key });
    context.note(`The key works with ${url}. Saved in ${path}.`);
    return 0;
  },
});
