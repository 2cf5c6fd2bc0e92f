import type { Classification } from '../classifier/classify.ts';
import { defaultAccountName } from '../classifier/default-accounts.ts';
import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { accountSubject, defineRule, systemName } from './define-rule.ts';

export const genericUsernameTip: Tip = {
  why:
    'A login named after a job, a desk or a device, such as "reception" or "frontdesk2", is passed on to ' +
    'whoever does that job. The history then says "reception" did it, not who, and everyone who ever sat ' +
    'at that desk, including people who have left, knows the password.',
  fix:
    'Give each person who uses it a login of their own, named after them (for example "amy.jones"), with ' +
    'the permissions their job needs; then disable this login. Keep role names for shared email ' +
    'addresses, not for logins.',
};

/** Does a login, as the classifier read it, read as a role rather than a person? The evidence, or null. */
export function genericUsernameCheck(
  username: string,
  displayName: string | null | undefined,
  minConfidence: number,
  classification: Classification,
): { evidence: string; classification: Classification } | null {
  if (classification.verdict !== 'generic' || classification.confidence < minConfidence) return null;
  // Built-in logins ("admin", "test") are default-account's findings; one warning per login is enough.
  if (defaultAccountName(username)) return null;
  const shown = displayName ? `"${username}" ("${displayName}")` : `"${username}"`;
  return {
    evidence: `${shown} reads as a role, not a person: ${classification.reasons.join('; ')}`,
    classification,
  };
}

export const genericUsernameRule = defineRule({
  id: 'generic-username',
  title: 'Login named after a role',
  severity: 'high',
  tip: genericUsernameTip,
  setting: {
    key: 'genericUsernameMinConfidence',
    label: 'Call a login generic from confidence (0.5–1)',
    default: 0.6,
    min: 0.5,
    max: 1,
    integer: false,
    step: 0.05,
  },
  pageKind: { kind: 'generic', label: 'Generic', tone: 'warning' },
  find(ctx, findings) {
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active') continue;
      const check = genericUsernameCheck(
        account.username,
        account.displayName,
        ctx.settings.genericUsernameMinConfidence,
        ctx.classification(account),
      );
      if (!check) continue;
      findings.push({
        title: `"${account.username}" in ${systemName(ctx, account.systemId)} is named after a role, not a person`,
        subject: accountSubject(ctx, account),
        evidence: check.evidence,
        facts: `${account.username}\u0000${account.displayName ?? ''}`,
        systemId: account.systemId,
        personIds: account.ownerPersonId ? [account.ownerPersonId] : [],
      });
    }
  },
});
