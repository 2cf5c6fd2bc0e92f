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
} from './health.ts';
export { evaluate, RULES, RULES_BY_ID } from './registry.ts';
export type { CompletedReview, OrganisationData, Rule, RuleContext } from './types.ts';
export { completedReviewSchema, organisationDataSchema } from './types.ts';
