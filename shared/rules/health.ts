import type {
  CheckedCounts,
  Finding,
  FindingDismissal,
  FindingsQuery,
  FindingsSummary,
  NotCheckedReason,
} from '../schemas/findings.ts';
import { SEVERITIES, type Severity } from '../schemas/severity.ts';
import type { OrganisationData } from './types.ts';

/**
 * The health score, 0..100, shown in the popup and by `GET /api/v1/findings/summary`, over open
 * (not dismissed) findings, relative to the size of the firm:
 *
 *   score = floor(100 × people ÷ (people + 4·critical + 2·high + 1·medium + ¼·low))
 *
 * So one medium finding per person reads 50, and the same findings weigh less in a bigger firm.
 * Fixing any finding raises the score (it never lowers it), the worse the finding the more; 100
 * means nothing is open, and it never reaches 0 while there is a person to check. Before the firm
 * has staff, a system and logins in it there is nothing to check, and no score.
 *
 * Figures for a firm of 30 people: one medium finding 96, one critical 88, 20 medium 60, 200
 * medium 13.
 */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 4, high: 2, medium: 1, low: 0.25 };

export type SeverityCounts = Record<Severity, number>;

/** The people, systems and logins the rules looked at: the live (not deleted) rows. */
export function checkedCounts(
  data: Pick<OrganisationData, 'people' | 'systems' | 'accounts'>,
): CheckedCounts {
  const live = (rows: readonly { deleted: boolean }[]) => rows.filter((row) => !row.deleted).length;
  return { people: live(data.people), systems: live(data.systems), logins: live(data.accounts) };
}

/** What is missing before the firm can be checked, or null once there is something to check. */
export function notCheckedReason(checked: CheckedCounts): NotCheckedReason | null {
  if (checked.people === 0) return 'no-people';
  if (checked.systems === 0) return 'no-systems';
  if (checked.logins === 0) return 'no-logins';
  return null;
}

/** The findings' weight: what the score sets against the number of people. */
export function findingWeight(counts: SeverityCounts): number {
  let weight = 0;
  for (const severity of SEVERITIES) weight += SEVERITY_WEIGHT[severity] * counts[severity];
  return weight;
}

/** The score of open findings counted by severity, or null when there is nothing to check yet. */
export function healthScore(counts: SeverityCounts, checked: CheckedCounts): number | null {
  if (notCheckedReason(checked) !== null) return null;
  // Weights are quarters, so the quotient is exact where it is whole: no finding gives exactly 100.
  return Math.floor((100 * checked.people) / (checked.people + findingWeight(counts)));
}

export function severityCounts(findings: readonly Pick<Finding, 'severity'>[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function summarise(
  findings: readonly Pick<Finding, 'severity'>[],
  checked: CheckedCounts,
): FindingsSummary {
  return summariseCounts(severityCounts(findings), checked);
}

/** `summarise` from open findings already counted by severity (as the worker stores them). */
export function summariseCounts(counts: SeverityCounts, checked: CheckedCounts): FindingsSummary {
  return {
    counts,
    total: SEVERITIES.reduce((sum, severity) => sum + counts[severity], 0),
    healthScore: healthScore(counts, checked),
    notChecked: notCheckedReason(checked),
    checked,
  };
}

/**
 * The quickest way up: the fewest open findings to fix, worst first (as the popup lists them), for
 * the score to read higher, and what it then reads. One is enough unless the firm has many findings
 * for its size. Null when there is no score or nothing is open.
 */
export function nextScoreStep(summary: FindingsSummary): { fixes: number; score: number } | null {
  const current = summary.healthScore;
  if (current === null || summary.total === 0) return null;
  const counts = { ...summary.counts };
  for (let fixes = 1; fixes <= summary.total; fixes++) {
    const worst = SEVERITIES.find((severity) => counts[severity] > 0);
    if (!worst) break;
    counts[worst]--;
    const score = healthScore(counts, summary.checked);
    if (score !== null && score > current) return { fixes, score };
  }
  return null;
}

/**
 * The findings still open: a dismissal hides its finding until it expires, or until the evidence
 * changes (the fingerprint differs from the one the member dismissed).
 */
export function openFindings(
  findings: readonly Finding[],
  dismissals: readonly FindingDismissal[],
  now: number,
): Finding[] {
  const active = new Map<string, FindingDismissal>();
  for (const d of dismissals) if (d.expiresAt > now) active.set(`${d.findingId}\u0000${d.fingerprint}`, d);
  return findings.filter((f) => !active.has(`${f.id}\u0000${f.fingerprint}`));
}

/** The `GET /api/v1/findings` filters. */
export function filterFindings(findings: readonly Finding[], query: FindingsQuery): Finding[] {
  return findings.filter(
    (f) =>
      (!query.severity || f.severity === query.severity) &&
      (!query.rule || f.ruleId === query.rule) &&
      (!query.system || f.systemId === query.system) &&
      (!query.person || f.personIds.includes(query.person)),
  );
}
