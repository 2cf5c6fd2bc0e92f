import { lookalike, plainLogin } from '../classifier/lookalike.ts';
import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { defineRule, inUsernameOrder, personSubject, systemName } from './define-rule.ts';

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
  find(ctx, findings) {
    // A login written to look like another ("jаne" in Cyrillic beside "jane") is read as its plain
    // form: unowned, it counts as one more login of the person who owns the login it imitates. Such
    // logins are rare, so the owners of the plain logins are looked up only once one is found.
    let ownerByPlainLogin: Map<string, string> | null = null;
    const imitations = new Map<Account, string>();
    // Each system's logins by owner: the first login itself, or all of them once there are two. A
    // person's logins are mostly in different systems, so few lists are made.
    const bySystem = new Map<string, Map<string, Account | Account[]>>();
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active') continue;
      let ownerId: string | null | undefined = account.ownerPersonId;
      if (!ownerId) {
        const plain = lookalike(account.username)?.plain;
        if (!plain) continue;
        ownerByPlainLogin ??= plainLoginOwners(ctx.accounts);
        ownerId = ownerByPlainLogin.get(plainKey(account.systemId, plain));
        if (!ownerId) continue;
        imitations.set(account, ownerId);
      }
      let byOwner = bySystem.get(account.systemId);
      if (!byOwner) {
        byOwner = new Map();
        bySystem.set(account.systemId, byOwner);
      }
      const logins = byOwner.get(ownerId);
      if (logins === undefined) byOwner.set(ownerId, account);
      else if (Array.isArray(logins)) logins.push(account);
      else byOwner.set(ownerId, [logins, account]);
    }
    // In the order of each person's first login in the system, as the accounts are listed.
    for (let i = 0; i < ctx.accounts.length; i++) {
      const first = ctx.accounts[i] as Account;
      if (first.status !== 'active') continue;
      const ownerId = first.ownerPersonId || imitations.get(first);
      if (!ownerId) continue;
      const byOwner = bySystem.get(first.systemId);
      const accounts = byOwner?.get(ownerId);
      if (!Array.isArray(accounts) || accounts[0] !== first) continue;
      byOwner?.delete(ownerId);
      const person = ctx.people.get(ownerId);
      if (!person) continue;
      const system = systemName(ctx, first.systemId);
      const byUsername = inUsernameOrder(accounts);
      const logins = byUsername.map((a) => `"${a.username}"`);
      const imitating = byUsername
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
  },
});

function plainKey(systemId: string, username: string): string {
  return `${systemId}\u0000${username.toLowerCase()}`;
}

/** The owner of each active login in its plain form, by system. */
function plainLoginOwners(accounts: readonly Account[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const account of accounts) {
    if (account.status === 'active' && account.ownerPersonId)
      owners.set(plainKey(account.systemId, plainLogin(account.username)), account.ownerPersonId);
  }
  return owners;
}
