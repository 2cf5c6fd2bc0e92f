import {
  checkedCounts,
  evaluate,
  openFindings,
  type SeverityCounts,
  summarise,
} from '../../shared/rules/index';
import type { SignInObservation } from '../../shared/schemas/directory';
import type { Finding, FindingDismissal, FindingsSummary } from '../../shared/schemas/findings';
import { DEFAULT_SETTINGS, type OrganisationSettings } from '../../shared/settings';
import type { Tables } from './sync/local-copy';

/**
 * Findings computed here, from the local copy, with the shared rules: the same rules the server
 * runs, so the popup and the badge work offline and agree with the server.
 */

/**
 * The open findings of the directory as this browser sees it, with the sign-ins staff browsers
 * observed (dismissed ones left out), worst first, and their summary: counts, and the health score scaled by what was checked.
 */
export function computeFindings(
  tables: Tables,
  settings: OrganisationSettings = DEFAULT_SETTINGS,
  dismissals: readonly FindingDismissal[] = [],
  now: number = Date.now(),
  signInObservations: readonly SignInObservation[] = [],
): { findings: Finding[]; summary: FindingsSummary } {
  const data = {
    signInObservations: [...signInObservations],
    people: Object.values(tables.person),
    systems: Object.values(tables.system),
    jobRoles: Object.values(tables.jobRole),
    accounts: Object.values(tables.account),
  };
  const findings = openFindings(evaluate(data, settings, now), dismissals, now);
  return { findings, summary: summarise(findings, checkedCounts(data)) };
}

/** What the toolbar badge shows: the findings that need action now. */
export function urgentCount(counts: SeverityCounts): number {
  return counts.critical + counts.high;
}
