import { defaultAccountName } from '../classifier/default-accounts.ts';
import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { accountSubject, defineRule, systemName } from './define-rule.ts';

export const defaultAccountTip: Tip = {
  why:
    'Logins such as "admin", "test", "demo" or "guest" come with the system or were made while setting it ' +
    'up. They are the first names an attacker tries, often with a simple or published password, and ' +
    'nobody in particular answers for what is done with them.',
  fix:
    'Disable or delete the login. If the system really needs it (some keep a built-in administrator), ' +
    'give it a long, unique password that one named person keeps, and do everyday work with personal logins.',
};

/** `login`: the part of the login that names its user as it reads, if the caller has it already. */
export function defaultAccountEvidence(username: string, login?: string): string | null {
  const name = defaultAccountName(username, login);
  if (!name) return null;
  return `"${username}" is a built-in or set-up login name ("${name}") and it is enabled`;
}

export const defaultAccountRule = defineRule({
  id: 'default-account',
  title: 'Built-in or test login enabled',
  severity: 'high',
  tip: defaultAccountTip,
  pageKind: { kind: 'default', label: 'Default account', tone: 'warning' },
  find(ctx, findings) {
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active') continue;
      const evidence = defaultAccountEvidence(account.username);
      if (!evidence) continue;
      findings.push({
        title: `The built-in login "${account.username}" is enabled in ${systemName(ctx, account.systemId)}`,
        subject: accountSubject(ctx, account),
        evidence,
        facts: account.username,
        systemId: account.systemId,
        personIds: account.ownerPersonId ? [account.ownerPersonId] : [],
      });
    }
  },
});
