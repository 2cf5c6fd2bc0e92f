import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/findings.ts';
import { defineRule, personSubject, systemName } from './define-rule.ts';
import type { FindingDraft } from './types.ts';

const duplicateAccountsTip: Tip = {
  why:
    'One person with two logins in one system is often a leftover (an old login kept "just in case") or a ' +
    'second identity that gets around limits. Each extra login is one more password to leak and one more ' +
    'door to forget when they leave.',
  fix: 'Keep the login they use day to day, move anything they still need onto it, and disable the others.',
};

export const duplicateAccountsRule = defineRule({
  id: 'duplicate-accounts',
  title: 'Two or more logins for one person in one system',
  severity: 'low',
  tip: duplicateAccountsTip,
  find(ctx) {
    const byPersonAndSystem = new Map<string, Account[]>();
    for (const account of ctx.accounts) {
      if (account.status !== 'active' || !account.ownerPersonId) continue;
      const key = `${account.ownerPersonId}\u0000${account.systemId}`;
      const list = byPersonAndSystem.get(key);
      if (list) list.push(account);
      else byPersonAndSystem.set(key, [account]);
    }
    const findings: FindingDraft[] = [];
    for (const accounts of byPersonAndSystem.values()) {
      if (accounts.length < 2) continue;
      const first = accounts[0] as Account;
      const person = ctx.people.get(first.ownerPersonId as string);
      if (!person) continue;
      const system = systemName(ctx, first.systemId);
      const usernames = accounts.map((a) => a.username).sort();
      findings.push({
        title: `${person.name} has ${accounts.length} active logins in ${system}`,
        subject: personSubject(person),
        key: first.systemId,
        evidence: `${person.name} owns ${accounts.length} active logins in ${system}: ${usernames.map((u) => `"${u}"`).join(', ')}`,
        facts: accounts
          .map((a) => a.id)
          .sort()
          .join(','),
        systemId: first.systemId,
        personIds: [person.id],
      });
    }
    return findings;
  },
});
