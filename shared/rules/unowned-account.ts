import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { accountSubject, defineRule, systemName } from './define-rule.ts';

const unownedAccountTip: Tip = {
  why:
    'A login that belongs to nobody on the staff list is nobody\u2019s to look after: nobody notices when it is ' +
    'misused, and nobody remembers to remove it. Old, unowned logins are a favourite way in.',
  fix:
    'Find out who uses it and link it to that person in Rollcall. If nobody does, disable it. If it is a ' +
    'system or integration login, link it to the person who answers for it.',
};

export const unownedAccountRule = defineRule({
  id: 'unowned-account',
  title: 'Login with no owner',
  severity: 'medium',
  tip: unownedAccountTip,
  pageKind: { kind: 'unowned', label: 'No owner', tone: 'notice' },
  find(ctx, findings) {
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active') continue;
      // An owner id that no longer names a person (deleted from the directory) is no owner.
      if (account.ownerPersonId && ctx.people.has(account.ownerPersonId)) continue;
      const seen = account.lastSignInAt !== null ? `; last sign-in ${ctx.date(account.lastSignInAt)}` : '';
      // One person, and only one, seen signing in with it: the likely owner, offered as the fix.
      const observed = ctx.observed(account.id)?.users;
      const onlyUser = observed?.list.length === 1 ? observed.list[0] : undefined;
      const onlyUserName = onlyUser ? ctx.people.get(onlyUser.personId)?.name : undefined;
      findings.push({
        ...(onlyUser && onlyUserName
          ? {
              tip: {
                why: unownedAccountTip.why,
                fix: `Link it to ${onlyUserName}? Only ${onlyUserName} has been seen signing in with it (last on ${ctx.date(onlyUser.lastObservedAt)}). If it is not theirs, find out who it belongs to, or disable it.`,
              },
            }
          : {}),
        title: `"${account.username}" in ${systemName(ctx, account.systemId)} belongs to no one on the staff list`,
        subject: accountSubject(ctx, account),
        evidence: `"${account.username}"${account.displayName ? ` ("${account.displayName}")` : ''} is active and linked to no person${seen}${observed && observed.list.length > 0 ? `; signed in with by ${observed.namedWithDates}` : ''}`,
        facts: `${account.ownerPersonId ?? ''}`,
        systemId: account.systemId,
        personIds: [],
      });
    }
  },
});
