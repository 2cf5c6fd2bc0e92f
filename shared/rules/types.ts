import { z } from 'zod';
import {
  type Account,
  accountSchema,
  idSchema,
  type JobRole,
  jobRoleSchema,
  type Person,
  personSchema,
  type SignInObservation,
  type System,
  signInObservationSchema,
  systemSchema,
  timestampSchema,
} from '../schemas/directory.ts';
import type { Finding, RuleId, Severity, Tip } from '../schemas/findings.ts';
import type { OrganisationSettings } from '../settings.ts';

/** A completed access review of one system: `review-overdue` needs only when it was finished. */
export const completedReviewSchema = z.object({
  systemId: idSchema,
  completedAt: timestampSchema,
});
export type CompletedReview = z.infer<typeof completedReviewSchema>;

/** Everything the rules read: one organisation's directory as the API returns it. */
export const organisationDataSchema = z.object({
  people: z.array(personSchema),
  systems: z.array(systemSchema),
  jobRoles: z.array(jobRoleSchema),
  accounts: z.array(accountSchema),
  signInObservations: z.array(signInObservationSchema).default([]),
  completedReviews: z.array(completedReviewSchema).default([]),
});
export type OrganisationData = z.input<typeof organisationDataSchema>;

/** The data with lookups built once, so each rule is one pass over the accounts. */
export interface RuleContext {
  settings: OrganisationSettings;
  /** Milliseconds since the epoch. */
  now: number;
  /** Today in the organisation's time zone, YYYY-MM-DD. */
  today: string;
  people: Map<string, Person>;
  systems: Map<string, System>;
  jobRoles: Map<string, JobRole>;
  /** Live (not deleted) accounts. */
  accounts: Account[];
  observationsByAccount: Map<string, SignInObservation[]>;
  lastReviewBySystem: Map<string, number>;
}

export interface Rule {
  id: RuleId;
  /** A short name for lists and filters: "Leaver still active". */
  title: string;
  defaultSeverity: Severity;
  /** The general tip; a finding may carry a tip worded for its subject. */
  tip: Tip;
  evaluate(ctx: RuleContext): Finding[];
}
