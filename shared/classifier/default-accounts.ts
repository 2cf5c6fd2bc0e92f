import data from './data/default-logins.json' with { type: 'json' };
import { plainLogin } from './lookalike.ts';
import { latinLetters, loginPart } from './tokenize.ts';

/**
 * Logins that systems ship with or that installers make first: `admin`, `root`, `test`, `demo`,
 * `guest` and their kin. Left enabled they are the first thing an attacker tries (CIS Controls 5.2,
 * OWASP ASVS 5.0 V6 "default credentials"), and nobody in particular answers for them.
 */
const DEFAULT_WORDS = new Set([
  'admin',
  'administrator',
  'admins',
  'adm',
  'root',
  'superuser',
  'super',
  'su',
  'sa',
  'sysadmin',
  'system',
  'sys',
  'test',
  'tester',
  'testing',
  'testuser',
  'demo',
  'guest',
  'guests',
  'user',
  'default',
  'sample',
  'example',
  'temp',
  'tmp',
  'public',
  'anonymous',
  'support',
  'setup',
  'install',
  'installer',
  'master',
  'owner',
  'manager',
  'webmaster',
  'operator',
  'service',
  'training',
  'trial',
  'new',
  'changeme',
]);

// The same logins in the other languages ("gast", "invitado", "schulung"), from data/words/*.txt.
for (const word of data.default) DEFAULT_WORDS.add(word);

// Longest first, so that "testbruker" is read whole rather than as "test" and a rest.
const WORDS = [...DEFAULT_WORDS].sort((a, b) => b.length - a.length).join('|');
// One or two default words, with any digits or separators around them: "Admin1", "test_user",
// "管理员1" (no other letters: "王管理员" is Wang, the administrator).
const DEFAULT_LOGIN = new RegExp(`^[^\\p{L}]*(${WORDS})(?:[^\\p{L}]+(${WORDS}))?[^\\p{L}]*$`, 'iu');

/**
 * The default-account word(s) a login consists of, e.g. "Admin1" -> "admin"; null otherwise. `login`
 * is the part of it that names its user as it reads, if the caller has it already.
 */
export function defaultAccountName(
  username: string,
  // "admin.user" and "test_admin" are defaults, "admin.jane" is not; "аdmin" (Cyrillic "а") too.
  login = loginPart(plainLogin(username)),
): string | null {
  // Accents folded, and Cyrillic and Greek in Latin letters, as in the word lists: "Gäste", "invité",
  // "gość", "Гость".
  const m = DEFAULT_LOGIN.exec(latinLetters(login));
  if (!m) return null;
  return (m[2] ? `${m[1]} ${m[2]}` : (m[1] as string)).toLowerCase();
}
