import type { Finding } from '../schemas/findings.ts';
import { SEVERITY_RANK } from '../schemas/findings.ts';
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
  const findings = RULES.flatMap((rule): Finding[] => rule.evaluate(ctx));
  // Worst first; the sort is stable, so within a severity the order is the rules' table order and
  // the data's order, the same on every run.
  return findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}
