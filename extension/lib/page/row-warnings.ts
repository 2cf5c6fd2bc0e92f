import { evaluatePageRows } from '../../../shared/page-verdicts';
import { PAGE_KINDS } from '../../../shared/rules/registry';
import type { PageWarningKind } from '../../../shared/schemas/page-row';
import type { EvaluatePageRows, KindLook, RowWarning } from './evaluate';

/**
 * The background's side of the row warnings: each is stamped with how its kind shows (label, tone,
 * rank) from the rule registry here, so the page script needs neither the registry nor the
 * classifier's word lists it brings along.
 */
const KIND_LOOKS = new Map<PageWarningKind, KindLook>(
  PAGE_KINDS.map(({ kind, label, tone }, rank) => [kind, { kind, label, tone, rank }]),
);

/** A warning of `kind` as the badges show it. */
export function rowWarning(kind: PageWarningKind, what: Omit<RowWarning, keyof KindLook>): RowWarning {
  const look = KIND_LOOKS.get(kind) ?? { kind, label: kind, tone: 'notice', rank: KIND_LOOKS.size };
  return { ...look, ...what };
}

/**
 * Signed out: what the page alone tells (generic, shared by display name, default accounts), decided
 * by the shared page-only evaluator with the same evidence and tips as the server's rules.
 */
export const evaluateFromPageAlone: EvaluatePageRows = (rows) =>
  evaluatePageRows(
    rows.map((row) => ({
      username: row.username,
      displayName: row.displayName,
      email: row.email,
      status: row.status,
    })),
  ).map(({ findings }) => ({
    findings: findings.map(({ kind, title, evidence, tip }) => rowWarning(kind, { title, evidence, tip })),
  }));
