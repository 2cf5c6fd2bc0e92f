export {
  filterFindings,
  healthScore,
  openFindings,
  SEVERITY_WEIGHT,
  severityCounts,
  summarise,
} from './health.ts';
export { evaluate, RULES, RULES_BY_ID } from './registry.ts';
export type { CompletedReview, OrganisationData, Rule, RuleContext } from './types.ts';
export { completedReviewSchema, organisationDataSchema } from './types.ts';
