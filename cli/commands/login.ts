import { createInterface } from 'node:readline';
import { contract } from '../../shared/contract';
import { API_KEY_PREFIX } from '../../shared/schemas/api-keys';
import { createCliApi } from '../api';
import { defineCommand } from '../command';
import { saveConnection, serverUrl } from '../config';
import { usageError } from '../exit-codes';

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
    const reader = createInterface({ input: context.stdin, terminal: false });
    const lines = reader[Symbol.asyncIterator]();
    const ask = async (question: string) => {
      process.stderr.write(question);
      const answer = await lines.next();
      if (answer.done || !String(answer.value).trim()) throw usageError(`No answer to "${question.trim()}"`);
      return String(answer.value).trim();
    };
    let url: string;
    let key: string;
    try {
      url = serverUrl(values.url || context.env.ROLLCALL_URL || (await ask('Rollcall server: ')));
      key = context.env.ROLLCALL_KEY || (await ask('API key: '));
    } finally {
      reader.close();
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
