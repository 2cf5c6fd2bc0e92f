import type { Account } from '../schemas/directory.ts';
import type { Finding, Tip } from '../schemas/findings.ts';
import { makeFinding, systemSubject } from './context.ts';
import { isUserManaging } from './permissions.ts';
import type { Rule } from './types.ts';

export const tooManyAdminsTip: Tip = {
  why:
    'Whoever can manage users can give anyone, themselves included, any permission, and can make logins ' +
    'nobody knows about. The more people hold that power, the likelier a mistake or a stolen password ' +
    'becomes a disaster.',
  fix:
    'Keep user management to the few people who must have it (one and a stand-in is usual in a small firm) ' +
    'and remove it from the others. Raise the limit in Rollcall\u2019s settings only if the firm decides so.',
};

export const tooManyAdminsRule: Rule = {
  id: 'too-many-admins',
  title: 'Too many people can manage users',
  defaultSeverity: 'medium',
  tip: tooManyAdminsTip,
  evaluate(ctx) {
    const adminsBySystem = new Map<string, Account[]>();
    // Each (system, permission) pair is judged once: a firm has few permissions and many logins.
    const managing = new Map<string, Map<string, boolean>>();
    const isManaging = (systemId: string, permission: string) => {
      let bySystem = managing.get(systemId);
      if (!bySystem) {
        bySystem = new Map();
        managing.set(systemId, bySystem);
      }
      let yes = bySystem.get(permission);
      if (yes === undefined) {
        yes = isUserManaging(permission, ctx.systems.get(systemId));
        bySystem.set(permission, yes);
      }
      return yes;
    };
    for (const account of ctx.accounts) {
      if (account.status !== 'active') continue;
      if (!account.permissions.some((p) => isManaging(account.systemId, p))) continue;
      const list = adminsBySystem.get(account.systemId);
      if (list) list.push(account);
      else adminsBySystem.set(account.systemId, [account]);
    }
    const findings: Finding[] = [];
    const limit = ctx.settings.maxAdmins;
    for (const [systemId, admins] of adminsBySystem) {
      const system = ctx.systems.get(systemId);
      if (!system || admins.length <= limit) continue;
      const usernames = admins.map((a) => a.username).sort();
      const personIds = [...new Set(admins.flatMap((a) => (a.ownerPersonId ? [a.ownerPersonId] : [])))];
      findings.push(
        makeFinding({
          ruleId: 'too-many-admins',
          severity: 'medium',
          title: `${admins.length} logins can manage users in ${system.name}; the limit is ${limit}`,
          subject: systemSubject(system),
          evidence: `${admins.length} active logins can manage users in ${system.name} (${usernames.map((u) => `"${u}"`).join(', ')}); the firm allows ${limit}`,
          facts: `${limit}|${admins
            .map((a) => a.id)
            .sort()
            .join(',')}`,
          tip: tooManyAdminsTip,
          systemId,
          personIds,
        }),
      );
    }
    return findings;
  },
};
