import { lookalike, plainLogin } from '../classifier/lookalike.ts';
import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
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
    // A login written to look like another ("jаne" in Cyrillic beside "jane") is read as its plain
    // form: unowned, it counts as one more login of the person who owns the login it imitates.
    const ownerByPlainLogin = new Map<string, string>();
    const plainKey = (systemId: string, username: string) => `${systemId}\u0000${username.toLowerCase()}`;
    for (const account of ctx.accounts) {
      if (account.status === 'active' && account.ownerPersonId)
        ownerByPlainLogin.set(
          plainKey(account.systemId, plainLogin(account.username)),
          account.ownerPersonId,
        );
    }
    const byPersonAndSystem = new Map<string, { ownerId: string; accounts: Account[] }>();
    const imitations = new Set<Account>();
    for (const account of ctx.accounts) {
      if (account.status !== 'active') continue;
      let ownerId = account.ownerPersonId;
      if (!ownerId) {
        const plain = lookalike(account.username)?.plain;
        ownerId = plain ? (ownerByPlainLogin.get(plainKey(account.systemId, plain)) ?? null) : null;
        if (!ownerId) continue;
        imitations.add(account);
      }
      const key = `${ownerId}\u0000${account.systemId}`;
      const group = byPersonAndSystem.get(key);
      if (group) group.accounts.push(account);
      else byPersonAndSystem.set(key, { ownerId, accounts: [account] });
    }
    const findings: FindingDraft[] = [];
    for (const { ownerId, accounts } of byPersonAndSystem.values()) {
      if (accounts.length < 2) continue;
      const first = accounts[0] as Account;
      const person = ctx.people.get(ownerId);
      if (!person) continue;
      const system = systemName(ctx, first.systemId);
      const logins = accounts
        .map((a) => a.username)
        .sort()
        .map((u) => `"${u}"`);
      const imitating = accounts
        .filter((a) => imitations.has(a))
        .map(
          (a) =>
            `"${a.username}" is linked to no one but written to look like ${person.name}'s "${plainLogin(a.username)}"`,
        );
      findings.push({
        title: `${person.name} has ${accounts.length} active logins in ${system}`,
        subject: personSubject(person),
        key: first.systemId,
        evidence: [
          `${person.name} ${imitating.length > 0 ? 'has' : 'owns'} ${accounts.length} active logins in ${system}: ${logins.join(', ')}`,
          ...imitating,
        ].join('; '),
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
