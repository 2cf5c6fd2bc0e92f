/**
 * How bad a finding is, as plain data: the popup's and the console's first screens count and sort
 * findings by it without loading zod (./rule-finding.ts makes the schema from it).
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
/** Severities from the worst down. */
export type Severity = (typeof SEVERITIES)[number];
/** critical 4 > high 3 > medium 2 > low 1, for sorting. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };
