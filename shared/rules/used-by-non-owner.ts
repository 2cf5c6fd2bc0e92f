import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { accountSubject, defineRule, systemName } from './define-rule.ts';
import type { RuleContext } from './types.ts';

const usedByNonOwnerTip: Tip = {
  why:
    'Someone is signing in with a login that belongs to a colleague: what they do is recorded under the ' +
    'colleague’s name, they may get permissions their own job does not need, and the owner’s password ' +
    'is now known to two people.',
  fix:
    'Give the person a login of their own with the permissions their job needs, and ask the owner to ' +
    'change their password. If the two really share the work, record the other person as a user of the login.',
};

/** It reads shared-login's window: the same sign-ins, seen from the owner's side. */
type Reads = 'sharedLoginWindowDays';

export const usedByNonOwnerRule = defineRule({
  id: 'used-by-non-owner',
  title: 'Login used by someone other than its owner',
  severity: 'high',
  tip: usedByNonOwnerTip,
  find(ctx: RuleContext<Reads>, findings) {
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      const owner = account.ownerPersonId ? ctx.people.get(account.ownerPersonId) : undefined;
      if (account.status !== 'active' || !owner) continue;
      // People recorded as users of the login are known to use it: only the others are news.
      const others = ctx
        .observed(account.id)
        ?.within(ctx.settings.sharedLoginWindowDays, ctx.now)
        .without(owner.id, account.userPersonIds);
      if (!others) continue;
      const otherIds = others.sortedIds;
      const personIds = new Array<string>(otherIds.length + 1);
      personIds[0] = owner.id;
      for (let j = 0; j < otherIds.length; j++) personIds[j + 1] = otherIds[j] as string;
      findings.push({
        title: `${others.names} ${others.list.length === 1 ? 'signs' : 'sign'} in as "${account.username}" in ${systemName(ctx, account.systemId)}, ${owner.name}’s login`,
        subject: accountSubject(ctx, account),
        evidence: `${owner.name}’s login; signed in with by ${others.namedWithDates}`,
        facts: `${owner.id}:${otherIds.join(',')}`,
        systemId: account.systemId,
        personIds,
      });
    }
  },
});
