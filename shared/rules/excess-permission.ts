import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { accountSubject, defineRule, systemName } from './define-rule.ts';
import { isPrivileged, permissionLabel } from './permissions.ts';

const excessPermissionTip: Tip = {
  why:
    'Each person should have the permissions their job needs and no more. Extra rights, especially to ' +
    'manage users or to refund, void or pay out money, turn one mistake or one stolen password into a ' +
    'much bigger problem, and they usually linger from a past job or a one-off favour.',
  fix:
    "Remove the extra permissions in the system. If the person really needs them now, change their job role's " +
    'template in Rollcall so the need is written down and reviewed.',
};

export const excessPermissionRule = defineRule({
  id: 'excess-permission',
  title: 'More permissions than the job role grants',
  severity: 'medium',
  tip: excessPermissionTip,
  pageKind: { kind: 'excess', label: 'Excess access', tone: 'notice' },
  find(ctx, findings) {
    // What each role grants in each system, built once per pair rather than once per login.
    const grantsByRoleAndSystem = new Map<string, Map<string, Set<string>>>();
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active' || !account.ownerPersonId || account.permissions.length === 0) continue;
      const person = ctx.people.get(account.ownerPersonId);
      const role = person?.jobRoleId ? ctx.jobRoles.get(person.jobRoleId) : undefined;
      // Without a job role there is no template to compare with; unowned-account covers no owner.
      if (!person || !role) continue;
      let byRole = grantsByRoleAndSystem.get(role.id);
      if (!byRole) {
        byRole = new Map();
        grantsByRoleAndSystem.set(role.id, byRole);
      }
      let granted = byRole.get(account.systemId);
      if (!granted) {
        granted = new Set(role.permissions[account.systemId] ?? []);
        byRole.set(account.systemId, granted);
      }
      // A loop rather than every/filter with a callback: most logins hold only what their role
      // grants, and a callback closing over this login's grants is made for each of them.
      let extra: string[] | null = null;
      for (let j = 0; j < account.permissions.length; j++) {
        const permission = account.permissions[j] as string;
        if (granted.has(permission)) continue;
        if (extra) extra.push(permission);
        else extra = [permission];
      }
      if (!extra) continue;
      extra.sort();
      const system = ctx.systems.get(account.systemId);
      const privileged = extra.filter((p) => isPrivileged(p, system));
      const listed = extra.map((p) => permissionLabel(p, system)).join(', ');
      const grants =
        granted.size === 0 ? `grants nothing in ${systemName(ctx, account.systemId)}` : 'does not grant';
      findings.push({
        severity: privileged.length > 0 ? 'high' : 'medium',
        title: `"${account.username}" in ${systemName(ctx, account.systemId)} has permissions ${person.name}'s job role does not grant`,
        subject: accountSubject(ctx, account),
        evidence:
          `${person.name}'s job role "${role.name}" ${grants}: holds ${listed}` +
          (privileged.length > 0 ? `; privileged: ${privileged.join(', ')}` : ''),
        facts: `${role.id}|${extra.join(',')}`,
        systemId: account.systemId,
        personIds: [person.id],
      });
    }
  },
});
