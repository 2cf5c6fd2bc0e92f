import type { Finding } from '../schemas/findings.ts';
import { SEVERITIES, type Severity } from '../schemas/severity.ts';
import { type OrganisationSettings, resolveSettings } from '../settings.ts';
import { buildContext } from './context.ts';
import { RULES } from './registry.ts';
import type { OrganisationData } from './types.ts';

/**
 * Every finding for one organisation's data at `now`, worst first. Pure: the same data, settings and
 * moment give the same findings with the same ids.
 */
export function evaluate(
  data: OrganisationData,
  settings: Partial<OrganisationSettings> | OrganisationSettings = {},
  now: number = Date.now(),
): Finding[] {
  const ctx = buildContext(data, resolveSettings(settings), now);
  // Worst first; within a severity in the rules' table order and the data's order, the same on
  // every run: each severity's findings gathered in turn, rather than all of them sorted.
  const bySeverity = SEVERITIES.map((): Finding[] => []);
  for (const rule of RULES) {
    const found: Finding[] = rule.evaluate(ctx);
    // By index, as the rules walk the accounts (RuleContext.accounts says why).
    for (let i = 0; i < found.length; i++) {
      const finding = found[i] as Finding;
      (bySeverity[SEVERITY_INDEX[finding.severity]] as Finding[]).push(finding);
    }
  }
  return bySeverity.flat();
}

/** Each severity's place in SEVERITIES, worst first. */
const SEVERITY_INDEX = Object.fromEntries(SEVERITIES.map((severity, i) => [severity, i])) as Record<
  Severity,
  number
>;
