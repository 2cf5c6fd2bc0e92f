import type { PageKind } from '../../../shared/rules/types';
import type { Tip } from '../../../shared/schemas/findings';
import type { PageLogin, PageWarningKind } from '../../../shared/schemas/page-row';

/**
 * How a kind of warning shows: its badge's label and colour, and its place among the kinds, most
 * urgent first (the rule registry's order). The background stamps it on each warning
 * (`row-warnings.ts`): the page script does not bundle the registry, which brings the classifier's
 * word lists with it.
 */
export interface KindLook {
  kind: PageWarningKind;
  label: string;
  tone: PageKind['tone'];
  rank: number;
}

/** One warning on one row, as the badges show it: the same title, evidence and tip as the rules. */
export interface RowWarning extends KindLook {
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
 * the page's thread time to take apart and memory to collect. Each tip goes once, by its place in
 * `tips`: a kind of warning gives the same tip on every row, and it is most of a warning's text.
 */
export interface FlaggedLogins {
  flagged: [index: number, findings: SentWarning[]][];
  tips: Tip[];
  /**
   * Signed in, and the directory holds no login of the page's system: its list was never synced, so
   * the rows carry only what the page alone tells, and the banner asks for a sync.
   */
  unsynced?: true;
}

/** A warning as the background sends it: its tip by its place in the answer's `tips`. */
type SentWarning = Omit<RowWarning, 'tip'> & { tip: number };

/** The verdict of every row without findings: one object, shared. */
export const NO_FINDINGS: RowVerdict = Object.freeze({
  findings: Object.freeze([]) as readonly RowWarning[],
});

/**
 * The answer for a batch's verdicts: only what the badges show of each warning (not the rules'
 * workings, nor a finding's other fields), each tip once.
 */
export function flaggedOf(verdicts: readonly RowVerdict[]): FlaggedLogins {
  const flagged: FlaggedLogins['flagged'] = [];
  const tips: Tip[] = [];
  const tipAt = new Map<string, number>();
  // A rule's warnings share its tip object: its text (a few hundred characters) is keyed once.
  const tipObjectAt = new Map<Tip, number>();
  const sent = ({ kind, label, tone, rank, title, evidence, tip, open }: RowWarning): SentWarning => {
    let at = tipObjectAt.get(tip);
    if (at === undefined) {
      const key = `${tip.why}\u0000${tip.fix}`;
      at = tipAt.get(key);
      if (at === undefined) {
        at = tips.push({ why: tip.why, fix: tip.fix }) - 1;
        tipAt.set(key, at);
      }
      tipObjectAt.set(tip, at);
    }
    const warning: SentWarning = { kind, label, tone, rank, title, evidence, tip: at };
    if (open) warning.open = open;
    return warning;
  };
  verdicts.forEach((verdict, index) => {
    if (verdict.findings.length > 0) flagged.push([index, verdict.findings.map(sent)]);
  });
  return { flagged, tips };
}

/** One verdict per row again, from the flagged rows of a batch of `count`, each tip one object. */
export function verdictsOf(count: number, { flagged, tips }: FlaggedLogins): RowVerdict[] {
  const verdicts = new Array<RowVerdict>(count).fill(NO_FINDINGS);
  for (const [index, findings] of flagged) {
    if (index < 0 || index >= count) continue;
    verdicts[index] = {
      findings: findings.flatMap(({ tip, ...warning }) => {
        const shared = tips[tip];
        return shared ? [{ ...warning, tip: shared }] : [];
      }),
    };
  }
  return verdicts;
}

/** The value of a row's `data-rollcall`: its kinds, space-separated, or `ok`. */
export function verdictAttribute(verdict: RowVerdict): string {
  if (verdict.findings.length === 0) return 'ok';
  return [...new Set(inKindOrder(verdict.findings).map((finding) => finding.kind))].join(' ');
}

/** Warnings (or kinds) most urgent first. */
export function inKindOrder<T extends Pick<KindLook, 'rank'>>(looks: readonly T[]): T[] {
  return [...looks].sort((a, b) => a.rank - b.rank);
}

/** How many rows carry each kind of warning, most urgent kind first. */
export interface KindCount extends KindLook {
  count: number;
}
