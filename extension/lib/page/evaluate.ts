import { evaluatePageRows } from '../../../shared/page-verdicts';
import { PAGE_KINDS } from '../../../shared/rules/registry';
import type { PageKind } from '../../../shared/rules/types';
import type { Tip } from '../../../shared/schemas/findings';
import type { PageLogin, PageWarningKind } from '../../../shared/schemas/page-row';

/** One warning on one row, as the badges show it: the same title, evidence and tip as the rules. */
export interface RowWarning {
  kind: PageWarningKind;
  title: string;
  evidence: string;
  tip: Tip;
  /** Where the console shows this login: its owner's page, or its system's logins. */
  open?: ConsolePlace;
}

/** A place in the console a badge opens: a person, or a system's logins. */
export interface ConsolePlace {
  screen: 'staff' | 'accounts';
  id: string;
}

export interface RowVerdict {
  findings: readonly RowWarning[];
}

/**
 * The decision side of the in-page warnings, as the content script sees it: plain logins in, one
 * verdict per row out, in the same order. The page-only evaluator (signed out) and a directory-aware
 * one (signed in) both have this shape; neither touches the DOM.
 */
export type EvaluatePageRows = (rows: readonly PageLogin[]) => RowVerdict[];
/** The same, as the content script has it: the background decides, and answers later. */
export type JudgePageRows = (rows: readonly PageLogin[]) => RowVerdict[] | Promise<RowVerdict[]>;

/**
 * Verdicts as the background sends them back: only the rows with findings, by their position in the
 * request. Most rows of a big list are fine, and a message with thousands of empty verdicts costs
 * the page's thread time to take apart and memory to collect.
 */
export interface FlaggedLogins {
  flagged: [index: number, findings: RowWarning[]][];
}

/** The verdict of every row without findings: one object, shared. */
const NO_FINDINGS: RowVerdict = Object.freeze({ findings: Object.freeze([]) as readonly RowWarning[] });

export function flaggedOf(verdicts: readonly RowVerdict[]): FlaggedLogins {
  const flagged: FlaggedLogins['flagged'] = [];
  verdicts.forEach((verdict, index) => {
    if (verdict.findings.length > 0) flagged.push([index, [...verdict.findings]]);
  });
  return { flagged };
}

/** One verdict per row again, from the flagged rows of a batch of `count`. */
export function verdictsOf(count: number, { flagged }: FlaggedLogins): RowVerdict[] {
  const verdicts = new Array<RowVerdict>(count).fill(NO_FINDINGS);
  for (const [index, findings] of flagged) if (index >= 0 && index < count) verdicts[index] = { findings };
  return verdicts;
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
  );

/** The order kinds are shown and listed in `data-rollcall`: most urgent first (the rule registry's). */
export const KIND_ORDER: readonly PageWarningKind[] = PAGE_KINDS.map((k) => k.kind);

/** Short badge labels; the tip carries the explanation. */
export const KIND_LABELS = Object.fromEntries(PAGE_KINDS.map((k) => [k.kind, k.label])) as Record<
  PageWarningKind,
  string
>;

/** The colour a badge of each kind takes (row-marks.css). */
export const KIND_TONES = Object.fromEntries(PAGE_KINDS.map((k) => [k.kind, k.tone])) as Record<
  PageWarningKind,
  PageKind['tone']
>;

/** The value of a row's `data-rollcall`: its kinds, space-separated, or `ok`. */
export function verdictAttribute(verdict: RowVerdict): string {
  if (verdict.findings.length === 0) return 'ok';
  const kinds = new Set(verdict.findings.map((finding) => finding.kind));
  const ordered = KIND_ORDER.filter((kind) => kinds.has(kind));
  return ordered.length > 0 ? ordered.join(' ') : 'ok';
}
