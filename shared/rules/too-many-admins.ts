import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { defineRule, inUsernameOrder, systemSubject } from './define-rule.ts';
import { isUserManaging } from './permissions.ts';

const tooManyAdminsTip: Tip = {
  why:
    'Whoever can manage users can give anyone, themselves included, any permission, and can make logins ' +
    'nobody knows about. The more people hold that power, the likelier a mistake or a stolen password ' +
    'becomes a disaster.',
  fix:
    'Keep user management to the few people who must have it (one and a stand-in is usual in a small firm) ' +
    'and remove it from the others. Raise the limit in Rollcall\u2019s settings only if the firm decides so.',
};

export const tooManyAdminsRule = defineRule({
  id: 'too-many-admins',
  title: 'Too many people can manage users',
  severity: 'medium',
  tip: tooManyAdminsTip,
  setting: {
    key: 'maxAdmins',
    label: 'Most user-managing logins per system',
    default: 2,
    min: 1,
    max: 1000,
    integer: true,
    step: 1,
  },
  find(ctx, findings) {
    const adminsBySystem = new Map<string, Account[]>();
    // Each (system, permission) pair is judged once: a firm has few permissions and many logins.
    const managing = new Map<string, Map<string, boolean>>();
    const isAdmin = (account: Account) => {
      let bySystem = managing.get(account.systemId);
      if (!bySystem) {
        bySystem = new Map();
        managing.set(account.systemId, bySystem);
      }
      for (let i = 0; i < account.permissions.length; i++) {
        const permission = account.permissions[i] as string;
        let yes = bySystem.get(permission);
        if (yes === undefined) {
          yes = isUserManaging(permission, ctx.systems.get(account.systemId));
          bySystem.set(permission, yes);
        }
        if (yes) return true;
      }
      return false;
    };
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active' || !isAdmin(account)) continue;
      const list = adminsBySystem.get(account.systemId);
      if (list) list.push(account);
      else adminsBySystem.set(account.systemId, [account]);
    }
    const limit = ctx.settings.maxAdmins;
    for (const [systemId, admins] of adminsBySystem) {
      const system = ctx.systems.get(systemId);
      if (!system || admins.length <= limit) continue;
      const byUsername = inUsernameOrder(admins);
      const usernames = byUsername.map((a) => a.username);
      const personIds = [...new Set(byUsername.flatMap((a) => (a.ownerPersonId ? [a.ownerPersonId] : [])))];
      findings.push({
        title: `${admins.length} logins can manage users in ${system.name}; the limit is ${limit}`,
        subject: systemSubject(system),
        evidence: `${admins.length} active logins can manage users in ${system.name} (${usernames.map((u) => `"${u}"`).join(', ')}); the firm allows ${limit}`,
        facts: `${limit}|${admins
          .map((a) => a.id)
          .sort()
          .join(',')}`,
        systemId,
        personIds,
      });
    }
  },
});
