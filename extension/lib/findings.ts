import { buildContext } from '../../shared/rules/context';
import { defaultAccountRule } from '../../shared/rules/default-account';
import { genericUsernameRule } from '../../shared/rules/generic-username';
import { sharedLoginRule } from '../../shared/rules/shared-login';
import type { Rule } from '../../shared/rules/types';
import { type Finding, SEVERITIES, SEVERITY_RANK, type Severity } from '../../shared/schemas/findings';
import { DEFAULT_SETTINGS, type OrganisationSettings } from '../../shared/settings';
import type { Tables } from './sync/local-copy';
import type { LocalDismissal } from './sync/sync-store';

/**
 * Findings computed here, from the local copy, with the shared rules: the same rules the server
 * runs, so the popup and the badge work offline and agree with the server.
 */

/** The rules shared/ offers so far, in the order their findings should read. */
export const RULES: readonly Rule[] = [defaultAccountRule, genericUsernameRule, sharedLoginRule];

export function computeFindings(
  tables: Tables,
  settings: OrganisationSettings = DEFAULT_SETTINGS,
  now: number = Date.now(),
  rules: readonly Rule[] = RULES,
): Finding[] {
  const ctx = buildContext(
    {
      people: Object.values(tables.person),
      systems: Object.values(tables.system),
      jobRoles: Object.values(tables.jobRole),
      accounts: Object.values(tables.account),
    },
    settings,
    now,
  );
  return rules.flatMap((rule) => rule.evaluate(ctx)).sort(bySeverity);
}

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.title.localeCompare(b.title);
}

/** A dismissal hides its finding until it expires or the evidence behind the finding changes. */
export function isDismissed(finding: Finding, dismissals: readonly LocalDismissal[], now: number): boolean {
  return dismissals.some(
    (d) => d.findingId === finding.id && d.fingerprint === finding.fingerprint && d.expiresAt > now,
  );
}

export function openFindings(
  findings: readonly Finding[],
  dismissals: readonly LocalDismissal[],
  now: number,
): Finding[] {
  return dismissals.length === 0 ? [...findings] : findings.filter((f) => !isDismissed(f, dismissals, now));
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Points each open finding takes off a perfect 100: one leaver still signed in outweighs many small things. */
const SEVERITY_WEIGHT: SeverityCounts = { critical: 25, high: 10, medium: 4, low: 1 };

/** 0..100: 100 with nothing open; falls fast with critical findings, slowly with low ones. */
export function healthScore(counts: SeverityCounts): number {
  const penalty = SEVERITIES.reduce((sum, severity) => sum + counts[severity] * SEVERITY_WEIGHT[severity], 0);
  return Math.max(0, Math.round(100 - penalty));
}

/** What the toolbar badge shows: the findings that need action now. */
export function urgentCount(counts: SeverityCounts): number {
  return counts.critical + counts.high;
}
