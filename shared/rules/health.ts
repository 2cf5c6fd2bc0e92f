import {
  type Finding,
  type FindingDismissal,
  type FindingsQuery,
  type FindingsSummary,
  SEVERITIES,
  type Severity,
} from '../schemas/findings.ts';

/**
 * The health score, 0..100, shown in the popup and by `GET /api/v1/findings/summary`.
 *
 *   score = round(100 * 0.85 ^ (4·critical + 2·high + 1·medium + 0.25·low))
 *
 * over open (not dismissed) findings. Each finding takes a share of what is left, so the score
 * never goes below 0, the first problems cost the most, and one critical finding (a leaver who still
 * has access) costs as much as four medium ones: 100 -> 52. No findings is 100; two high ones give
 * 52 too, a single low one 96.
 */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 4, high: 2, medium: 1, low: 0.25 };
const DECAY = 0.85;

export function healthScore(findings: readonly Pick<Finding, 'severity'>[]): number {
  let weight = 0;
  for (const f of findings) weight += SEVERITY_WEIGHT[f.severity];
  return Math.round(100 * DECAY ** weight);
}

export function severityCounts(findings: readonly Pick<Finding, 'severity'>[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function summarise(findings: readonly Pick<Finding, 'severity'>[]): FindingsSummary {
  return { counts: severityCounts(findings), total: findings.length, healthScore: healthScore(findings) };
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
