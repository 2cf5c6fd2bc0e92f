import { loginPart } from './tokenize.ts';

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

/** The default-account word a login consists of, e.g. "Admin1" -> "admin"; null otherwise. */
export function defaultAccountName(username: string): string | null {
  const words = loginPart(username)
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 2) return null;
  // Every word must be a default word: "admin.user" and "test_admin" are defaults, "admin.jane" is not.
  if (!words.every((w) => DEFAULT_WORDS.has(w))) return null;
  return words.join(' ');
}
