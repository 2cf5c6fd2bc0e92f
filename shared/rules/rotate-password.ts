import { defaultAccountName } from '../classifier/default-accounts.ts';
import type { Account, Person } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { accountPeople, accountSubject, defineRule, systemName } from './define-rule.ts';
import { hasLeft, leftPhrase } from './leaver-still-active.ts';
import { inOrder } from './observed.ts';
import type { RuleContext } from './types.ts';

const rotatePasswordTip: Tip = {
  why:
    'Someone who has left knows the password of this shared or role login, so they can still get in. ' +
    'Current guidance (NIST SP 800-63B, OWASP ASVS) is not to change passwords on a timetable, but to ' +
    'change them at once when there is a reason: this is one.',
  fix:
    'Change the password now and give the new one only to the people who still need it. Better still, ' +
    'give each of them a login of their own and disable this one, so the next departure needs no change.',
};

/** It reads generic-username's threshold: a role login is one the classifier calls generic. */
type Reads = 'genericUsernameMinConfidence';

/** Why the login is one whose password several people know: shared or named after a role. */
function sharedOrGeneric(ctx: RuleContext<Reads>, account: Account, users: string[]): string | null {
  if (users.length >= 2 || ctx.displayNamePeople(account)) return 'a shared login';
  if (defaultAccountName(account.username)) return 'a built-in login';
  const c = ctx.classification(account);
  if (c.verdict === 'generic' && c.confidence >= ctx.settings.genericUsernameMinConfidence) {
    return 'named after a role, so passed from person to person';
  }
  return null;
}

const NOBODY: readonly Person[] = [];

function addLeaver(ctx: RuleContext, person: Person | undefined, leavers: Person[] | null): Person[] | null {
  if (!person || !hasLeft(person, ctx.today) || leavers?.includes(person)) return leavers;
  if (!leavers) return [person];
  leavers.push(person);
  return leavers;
}

export const rotatePasswordRule = defineRule({
  id: 'rotate-password',
  title: 'Change the password of a shared login',
  severity: 'high',
  tip: rotatePasswordTip,
  find(ctx: RuleContext<Reads>, findings) {
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active') continue;
      const observed = ctx.observed(account.id);
      // Leavers among the owner, the other known users and the people seen signing in; most logins
      // have none, so nothing is allocated until one is found.
      let leavers: Person[] | null = null;
      const owner = account.ownerPersonId;
      if (owner) leavers = addLeaver(ctx, ctx.people.get(owner), leavers);
      const users = account.userPersonIds;
      for (let j = 0; j < users.length; j++)
        leavers = addLeaver(ctx, ctx.people.get(users[j] as string), leavers);
      const seen = observed?.users.people ?? NOBODY;
      for (let j = 0; j < seen.length; j++) leavers = addLeaver(ctx, seen[j], leavers);
      if (!leavers) continue;
      const userIds = observed
        ? observed.personIdsWith(accountPeople(account))
        : inOrder(accountPeople(account));
      const why = sharedOrGeneric(ctx, account, userIds);
      if (!why) continue;
      const found = leavers.length > 1 ? leavers.sort((a, b) => (a.id < b.id ? -1 : 1)) : leavers;
      findings.push({
        title: `Change the password of "${account.username}" in ${systemName(ctx, account.systemId)}: ${found.map((p) => p.name).join(', ')} left`,
        subject: accountSubject(ctx, account),
        evidence: `"${account.username}" is ${why}; used by ${found.map((p) => `${p.name} (${leftPhrase(p, ctx)})`).join(', ')}`,
        facts: found.map((p) => `${p.id}:${p.endDate ?? p.status}`).join(','),
        systemId: account.systemId,
        personIds: userIds,
      });
    }
  },
});
