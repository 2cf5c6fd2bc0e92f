import { type LookalikeChange, lookalike } from '../classifier/lookalike.ts';
import type { Account } from '../schemas/directory.ts';
import type { Tip } from '../schemas/rule-finding.ts';
import { accountSubject, defineRule, systemName } from './define-rule.ts';

const lookalikeUsernameTip: Tip = {
  why:
    'This login is written with characters that only look like plain letters: letters of another alphabet ' +
    '(a Cyrillic "а" in "аdmin"), full-width letters, or invisible characters. On screen it passes for ' +
    'another login, so reviews and searches for that name miss it; it is a way to hide a login beside the ' +
    'real ones, and nobody types such a name by accident.',
  fix:
    'Find out who made it and why. If nobody answers for it, disable it now and check what it was used for. ' +
    'If it is genuine, rename it in plain letters so it reads as what it is.',
};

/** The changed characters in words; a long run of the same kind (full-width letters) is summed up. */
function described(changes: readonly LookalikeChange[]): string {
  const shown = changes.slice(0, 3).map((c) => c.described);
  const more = changes.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * Why a login is a lookalike, in words, or null when it is written in plain letters. `found` is its
 * `lookalike`, if the caller has it already.
 */
export function lookalikeEvidence(
  username: string,
  found = lookalike(username),
): { evidence: string; plain: string } | null {
  if (!found) return null;
  return {
    evidence: `"${username}" reads as "${found.plain}" but is written with ${described(found.changes)}`,
    plain: found.plain,
  };
}

export const lookalikeUsernameRule = defineRule({
  id: 'lookalike-username',
  title: 'Login written to look like another',
  severity: 'high',
  tip: lookalikeUsernameTip,
  pageKind: { kind: 'lookalike', label: 'Lookalike', tone: 'alarm' },
  find(ctx, findings) {
    for (let i = 0; i < ctx.accounts.length; i++) {
      const account = ctx.accounts[i] as Account;
      if (account.status !== 'active') continue;
      const found = lookalikeEvidence(account.username);
      if (!found) continue;
      findings.push({
        title: `"${account.username}" in ${systemName(ctx, account.systemId)} is written to look like "${found.plain}"`,
        subject: accountSubject(ctx, account),
        evidence: found.evidence,
        facts: account.username,
        systemId: account.systemId,
        personIds: account.ownerPersonId ? [account.ownerPersonId] : [],
      });
    }
  },
});
