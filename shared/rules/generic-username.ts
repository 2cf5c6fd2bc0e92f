import { type Classification, classify } from '../classifier/classify.ts';
import { defaultAccountName } from '../classifier/default-accounts.ts';
import type { Finding, Tip } from '../schemas/findings.ts';
import { accountSubject, makeFinding, systemName } from './context.ts';
import type { Rule } from './types.ts';

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

/** Does a login read as a role rather than a person? The evidence in words, or null. */
export function genericUsernameCheck(
  username: string,
  displayName: string | null | undefined,
  minConfidence: number,
): { evidence: string; classification: Classification } | null {
  // Built-in logins ("admin", "test") are default-account's findings; one warning per login is enough.
  if (defaultAccountName(username)) return null;
  const classification = classify(username, displayName);
  if (classification.verdict !== 'generic' || classification.confidence < minConfidence) return null;
  const shown = displayName ? `"${username}" ("${displayName}")` : `"${username}"`;
  return {
    evidence: `${shown} reads as a role, not a person: ${classification.reasons.join('; ')}`,
    classification,
  };
}

export const genericUsernameRule: Rule = {
  id: 'generic-username',
  title: 'Login named after a role',
  defaultSeverity: 'high',
  tip: genericUsernameTip,
  evaluate(ctx) {
    const findings: Finding[] = [];
    for (const account of ctx.accounts) {
      if (account.status !== 'active') continue;
      const check = genericUsernameCheck(
        account.username,
        account.displayName,
        ctx.settings.genericUsernameMinConfidence,
      );
      if (!check) continue;
      findings.push(
        makeFinding({
          ruleId: 'generic-username',
          severity: 'high',
          title: `"${account.username}" in ${systemName(ctx, account.systemId)} is named after a role, not a person`,
          subject: accountSubject(ctx, account),
          evidence: check.evidence,
          facts: `${account.username}\u0000${account.displayName ?? ''}`,
          tip: genericUsernameTip,
          systemId: account.systemId,
          personIds: account.ownerPersonId ? [account.ownerPersonId] : [],
        }),
      );
    }
    return findings;
  },
};
