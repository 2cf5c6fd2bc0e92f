import { type Classification, classify } from './classifier/classify.ts';
import { lookalike } from './classifier/lookalike.ts';
import { sharedLoginPeople } from './classifier/shared-display-name.ts';
import { loginPart } from './classifier/tokenize.ts';
import { isDisabledStatus } from './directory/read-shown-values.ts';
import { defaultAccountEvidence, defaultAccountRule } from './rules/default-account.ts';
import { genericUsernameCheck, genericUsernameRule } from './rules/generic-username.ts';
import { lookalikeEvidence, lookalikeUsernameRule } from './rules/lookalike-username.ts';
import { sharedLoginRule } from './rules/shared-login.ts';
import type { RuleId, Severity, Tip } from './schemas/findings.ts';

/**
 * The page-only evaluator: what the content script can say about a user list read off an admin
 * page with nothing but the page itself (no Rollcall server, no directory, signed out).
 *
 * From a row alone four things can be told, and only these: the login is named after a role
 * (`generic`), the display name names two or more people (`shared`), the login is a built-in or
 * test one (`default`), the login is written to look like another (`lookalike`). Leavers, dormant,
 * unowned and excess-permission warnings need the directory and come from the server's findings when signed in. The evidence and tips are the very
 * ones the server-side rules use, so the page and the popup say the same thing.
 *
 * It imports no zod: only the classifier and the rules' evidence, tips and declarations, never
 * shared/settings.ts or the schemas' values.
 */

/** One row of a user table as the content script read it; only `username` is required. */
export interface PageRow {
  username: string;
  displayName?: string | null;
  email?: string | null;
  /** The role or permissions column as text, if the page shows one (not used page-only yet). */
  roleText?: string | null;
  /** The status column as text ("Active", "Disabled", ...), if any. */
  status?: string | null;
  /** The last sign-in column as text, if any (not used page-only: dates on pages are ambiguous). */
  lastSignIn?: string | null;
}

type PageAloneRule =
  | typeof genericUsernameRule
  | typeof sharedLoginRule
  | typeof defaultAccountRule
  | typeof lookalikeUsernameRule;
export type PageFindingKind = NonNullable<PageAloneRule['pageKind']>['kind'];

export interface PageFinding {
  kind: PageFindingKind;
  ruleId: RuleId;
  severity: Severity;
  /** One line for a badge's tooltip or the banner. */
  title: string;
  evidence: string;
  tip: Tip;
}

export interface PageRowVerdict {
  /** The kinds found, in the order generic, shared, default, lookalike; empty when the row looks fine. */
  kinds: PageFindingKind[];
  findings: PageFinding[];
  /** The classifier's reading of the login when it was called generic, for a "why" view. */
  classification: Classification | null;
}

export interface PageEvaluationOptions {
  /** How sure the classifier must be to call a login generic (organisation setting). */
  genericUsernameMinConfidence?: number;
}

export function evaluatePageRow(row: PageRow, options: PageEvaluationOptions = {}): PageRowVerdict {
  // Some pages show no username column, only an email: its local part is the login's name.
  const username = (row.username || row.email || '').trim();
  if (!username || isDisabledStatus(row.status)) {
    return { kinds: [], findings: [], classification: null };
  }
  const minConfidence = options.genericUsernameMinConfidence ?? genericUsernameRule.setting.default;
  const displayName = row.displayName?.trim() || null;
  const findings: PageFinding[] = [];
  const found = (rule: PageAloneRule, title: string, evidence: string) =>
    findings.push({
      kind: rule.pageKind.kind,
      ruleId: rule.id,
      severity: rule.severity,
      title,
      evidence,
      tip: rule.tip,
    });

  // How the login reads ("admin" for "аdmin") and the part of it that names its user, worked out
  // once for all the checks.
  const looks = lookalike(username);
  const login = loginPart(looks?.plain ?? username);

  const generic = genericUsernameCheck(
    username,
    displayName,
    minConfidence,
    classify(username, displayName, login),
  );
  if (generic)
    found(genericUsernameRule, `"${username}" is named after a role, not a person`, generic.evidence);

  const shared = sharedLoginPeople(username, displayName, login)?.reason;
  if (shared) found(sharedLoginRule, `"${username}" looks shared by more than one person`, shared);

  const builtIn = defaultAccountEvidence(username, login);
  if (builtIn) found(defaultAccountRule, `"${username}" is a built-in or test login`, builtIn);

  const lookalikeWhy = lookalikeEvidence(username, looks);
  if (lookalikeWhy) {
    found(
      lookalikeUsernameRule,
      `"${username}" is written to look like "${lookalikeWhy.plain}"`,
      lookalikeWhy.evidence,
    );
  }

  return {
    kinds: findings.map((f) => f.kind),
    findings,
    classification: generic?.classification ?? null,
  };
}

/** Every row of a page's user table, in order. */
export function evaluatePageRows(
  rows: readonly PageRow[],
  options: PageEvaluationOptions = {},
): PageRowVerdict[] {
  return rows.map((row) => evaluatePageRow(row, options));
}
