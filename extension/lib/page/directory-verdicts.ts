import { isDisabledStatus } from '../../../shared/directory/read-shown-values';
import { PAGE_KINDS } from '../../../shared/rules/registry';
import type { Account } from '../../../shared/schemas/directory';
import type { Finding, RuleId } from '../../../shared/schemas/findings';
import type { PageWarningKind } from '../../../shared/schemas/page-row';
import type { ConsolePlace, EvaluatePageRows, RowVerdict, RowWarning } from './evaluate';
import { rowWarning } from './row-warnings';

/**
 * What the directory knows about one system, as the extension's local copy holds it when signed in:
 * its accounts and the open findings the rules raised about them.
 */
export interface SystemDirectory {
  systemId: string;
  accounts: readonly Pick<
    Account,
    'id' | 'systemId' | 'username' | 'email' | 'status' | 'deleted' | 'ownerPersonId'
  >[];
  findings: readonly Pick<Finding, 'ruleId' | 'title' | 'evidence' | 'tip' | 'subject'>[];
}

/** The rules whose findings show on a user row, and the kind each shows as (the rule registry's). */
const RULE_KINDS: ReadonlyMap<RuleId, PageWarningKind> = new Map(PAGE_KINDS.map((k) => [k.ruleId, k.kind]));

/**
 * Whether the directory holds any login of the page's system. It holds none until the system's list is
 * first synced (from the page, an import or the API): until then it says nothing of who owns a login.
 */
export function holdsSystemLogins(directory: SystemDirectory): boolean {
  return directory.accounts.some((account) => !account.deleted && account.systemId === directory.systemId);
}

/**
 * Signed in: a row whose login the directory knows gets exactly the findings the rules raised about
 * that account (leaver, dormant, never used, excess permissions, unowned, known shared, ...), with their titles and
 * tips, so a finding a member dismissed stays dismissed on the page too. A login the directory does not
 * know gets what the page alone tells, and, while active, `unowned`: it belongs to nobody Rollcall
 * knows of until the list is synced and the login linked to a person. A system whose list was never
 * synced has every login unknown: its rows get what the page alone tells, and the banner asks for a
 * sync (a "No owner" on every row would say nothing the admin can act on row by row).
 */
export function evaluateWithDirectory(
  directory: SystemDirectory,
  pageAlone: EvaluatePageRows,
): EvaluatePageRows {
  if (!holdsSystemLogins(directory)) return pageAlone;
  const byLogin = new Map<string, string>();
  const places = new Map<string, ConsolePlace>();
  const systemPlace: ConsolePlace = { screen: 'accounts', id: directory.systemId };
  for (const account of directory.accounts) {
    if (account.deleted || account.systemId !== directory.systemId) continue;
    byLogin.set(account.username.toLowerCase(), account.id);
    if (account.email) byLogin.set(account.email.toLowerCase(), account.id);
    if (account.ownerPersonId) places.set(account.id, { screen: 'staff', id: account.ownerPersonId });
  }
  const byAccount = new Map<string, RowWarning[]>();
  for (const finding of directory.findings) {
    const kind = RULE_KINDS.get(finding.ruleId);
    if (!kind || finding.subject.type !== 'account') continue;
    const warnings = byAccount.get(finding.subject.id) ?? [];
    const open = places.get(finding.subject.id) ?? systemPlace;
    warnings.push(
      rowWarning(kind, { title: finding.title, evidence: finding.evidence, tip: finding.tip, open }),
    );
    byAccount.set(finding.subject.id, warnings);
  }

  return (rows) => {
    const fromPage = pageAlone(rows);
    return rows.map((row, index): RowVerdict => {
      const pageWarnings = fromPage[index]?.findings ?? [];
      const accountId =
        byLogin.get(row.username.toLowerCase()) ??
        (row.email ? byLogin.get(row.email.toLowerCase()) : undefined);
      if (accountId === undefined) {
        if (isDisabledStatus(row.status)) return { findings: pageWarnings };
        return {
          findings: [
            ...pageWarnings,
            rowWarning('unowned', {
              title: `"${row.username}" is not linked to anyone Rollcall knows`,
              evidence: 'this login is on the page but not in the Rollcall directory',
              tip: {
                why: 'A login nobody answers for is not reviewed, and nobody notices when it is misused.',
                fix: 'Sync this list to Rollcall, then link the login to the person who uses it, or remove it.',
              },
              open: systemPlace,
            }),
          ],
        };
      }
      return { findings: byAccount.get(accountId) ?? [] };
    });
  };
}
