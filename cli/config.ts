import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from './exit-codes';

/**
 * Where `rollcall` finds its server and key: `rollcall login` saves them in the user's config
 * directory ($XDG_CONFIG_HOME/rollcall/config.json, else ~/.config/rollcall/config.json), readable
 * by the user alone; ROLLCALL_URL and ROLLCALL_KEY override what is saved.
 */

const connectionSchema = z.object({ url: z.string(), key: z.string() });
export type Connection = z.infer<typeof connectionSchema>;

type Env = Record<string, string | undefined>;

export function configPath(env: Env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'rollcall', 'config.json');
}

async function savedConnection(env: Env): Promise<Partial<Connection>> {
  const path = configPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text.trim() || '{}');
  } catch {
    json = null;
  }
  const parsed = connectionSchema.partial().safeParse(json);
  if (!parsed.success) throw new CliError(EXIT.auth, `${path} is not a rollcall config: run rollcall login.`);
  return parsed.data;
}

/** The server and key to use: the environment's, else the saved ones. */
export async function readConnection(env: Env): Promise<Connection> {
  const saved = await savedConnection(env);
  const url = env.ROLLCALL_URL || saved.url;
  const key = env.ROLLCALL_KEY || saved.key;
  if (!url || !key)
    throw new CliError(
      EXIT.auth,
      'No Rollcall server or key: run rollcall login, or set ROLLCALL_URL and ROLLCALL_KEY.',
    );
  return { url: serverUrl(url), key };
}

/** A server address as typed, made a URL: `rollcall.example.com` is taken as https. */
export function serverUrl(typed: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed.trim()) ? typed.trim() : `https://${typed.trim()}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(
      EXIT.usage,
      `"${typed}" is not a server address: give one like https://rollcall.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new CliError(EXIT.usage, `"${typed}" is not a server address: it must start with https://.`);
  return url.origin;
}

/** Saves the server and key for the user alone (mode 0600, in a folder only they can open). */
export async function saveConnection(env: Env, connection: Connection): Promise<string> {
  const path = configPath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 });
  // A file that was already there keeps its mode on write: make it the user's alone too.
  await chmod(path, 0o600);
  return path;
}
