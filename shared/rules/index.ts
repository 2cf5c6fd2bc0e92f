export { evaluate } from './evaluate.ts';
export {
  checkedCounts,
  filterFindings,
  findingWeight,
  healthScore,
  nextScoreStep,
  notCheckedReason,
  openFindings,
  SEVERITY_WEIGHT,
  type SeverityCounts,
  severityCounts,
  summarise,
  summariseCounts,
} from './health.ts';
export { PAGE_KINDS, RULE_IDS, RULE_SETTINGS, RULES, RULES_REVISION } from './registry.ts';
export type { CompletedReview, OrganisationData, Rule, RuleContext } from './types.ts';
export { completedReviewSchema, organisationDataSchema } from './types.ts';
