import { evaluatePageRows, type PageRow } from '../../../shared/page-verdicts';
import { PAGE_KINDS } from '../../../shared/rules/registry';
import type { PageWarningKind } from '../../../shared/schemas/page-row';
import { type EvaluatePageRows, type KindLook, NO_FINDINGS, type RowWarning } from './evaluate';

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
  return Object.assign({ kind: look.kind, label: look.label, tone: look.tone, rank: look.rank }, what);
}

/**
 * Signed out: what the page alone tells (generic, shared by display name, default accounts), decided
 * by the shared page-only evaluator with the same evidence and tips as the server's rules. A row
 * shown more than once in one request (a person listed under two groups) is judged once.
 */
export const evaluateFromPageAlone: EvaluatePageRows = (rows) => {
  const firstAt = new Map<string, number>();
  const distinct: PageRow[] = [];
  const positions = rows.map((row) => {
    const { username, displayName, email, status } = row;
    // Null and empty read the same to the evaluator.
    const key = `${username}\u0000${displayName ?? ''}\u0000${email ?? ''}\u0000${status ?? ''}`;
    let at = firstAt.get(key);
    if (at === undefined) {
      at = distinct.length;
      firstAt.set(key, at);
      // A login has no other fields: the evaluator reads it as it came.
      distinct.push(row);
    }
    return at;
  });
  // Most rows have no findings: they share one verdict.
  const verdicts = evaluatePageRows(distinct).map(({ findings }) =>
    findings.length === 0
      ? NO_FINDINGS
      : {
          findings: findings.map(({ kind, title, evidence, tip }) =>
            rowWarning(kind, { title, evidence, tip }),
          ),
        },
  );
  return positions.map((at) => verdicts[at] ?? NO_FINDINGS);
};
