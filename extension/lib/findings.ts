import {
  checkedCounts,
  evaluate,
  openFindings as openOf,
  severityCounts,
  summarise as summariseOf,
} from '../../shared/rules/index';
import type { CheckedCounts, Finding, FindingDismissal, Severity } from '../../shared/schemas/findings';
import { DEFAULT_SETTINGS, type OrganisationSettings } from '../../shared/settings';
import type { Tables } from './sync/local-copy';

/**
 * Findings computed here, from the local copy, with the shared rules: the same rules the server
 * runs, so the popup and the badge work offline and agree with the server.
 */

/**
 * Findings that carry what was checked to find them (people, systems, logins), which the health
 * score is scaled by; kept off the enumerable list, so the findings are stored as plain findings.
 */
export type CheckedFindings = Finding[] & { readonly checked: CheckedCounts };

function withChecked(findings: Finding[], checked: CheckedCounts): CheckedFindings {
  return Object.defineProperty(findings, 'checked', { value: checked, enumerable: false }) as CheckedFindings;
}

export function computeFindings(
  tables: Tables,
  settings: OrganisationSettings = DEFAULT_SETTINGS,
  now: number = Date.now(),
): CheckedFindings {
  const data = {
    people: Object.values(tables.person),
    systems: Object.values(tables.system),
    jobRoles: Object.values(tables.jobRole),
    accounts: Object.values(tables.account),
  };
  return withChecked(evaluate(data, settings, now), checkedCounts(data));
}

/** The findings no dismissal hides, still carrying what was checked. */
export function openFindings(
  findings: CheckedFindings,
  dismissals: readonly FindingDismissal[],
  now: number,
): CheckedFindings {
  return withChecked(openOf(findings, dismissals, now), findings.checked);
}

/** Counts, health score and what was checked, as `GET /api/v1/findings/summary` gives them. */
export function summarise(findings: CheckedFindings) {
  return summariseOf(findings, findings.checked);
}

export type SeverityCounts = Record<Severity, number>;
export const countBySeverity: (findings: readonly Pick<Finding, 'severity'>[]) => SeverityCounts =
  severityCounts;

/** What the toolbar badge shows: the findings that need action now. */
export function urgentCount(counts: SeverityCounts): number {
  return counts.critical + counts.high;
}
