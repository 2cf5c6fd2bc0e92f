import type { PageFindingKind, PageRow, PageRowVerdict } from '../../../shared/schemas/page-row';

/**
 * The decision side of the in-page warnings, as the content script sees it: plain rows in, one
 * verdict per row out, in the same order. The page-only evaluator (signed out) and the directory-aware
 * one (signed in) both have this shape; neither touches the DOM.
 */
export type EvaluatePageRows = (rows: readonly PageRow[]) => PageRowVerdict[];

/** The order kinds are shown and listed in `data-rollcall`: most urgent first. */
export const KIND_ORDER: readonly PageFindingKind[] = [
  'leaver',
  'shared',
  'generic',
  'default',
  'excess',
  'unowned',
  'dormant',
];

/** Short badge labels; the tip carries the explanation. */
export const KIND_LABELS: Record<PageFindingKind, string> = {
  leaver: 'Leaver',
  shared: 'Shared',
  generic: 'Generic',
  default: 'Default account',
  excess: 'Excess access',
  unowned: 'No owner',
  dormant: 'Dormant',
};

/** The value of a row's `data-rollcall`: its kinds, space-separated, or `ok`. */
export function verdictAttribute(verdict: PageRowVerdict): string {
  const kinds = new Set(verdict.findings.map((finding) => finding.kind));
  const ordered = KIND_ORDER.filter((kind) => kinds.has(kind));
  return ordered.length > 0 ? ordered.join(' ') : 'ok';
}
