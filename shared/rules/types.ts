import { z } from 'zod';
import type { Classification } from '../classifier/classify.ts';
import type { SharedDisplayName } from '../classifier/shared-display-name.ts';
import {
  type Account,
  accountSchema,
  idSchema,
  type JobRole,
  jobRoleSchema,
  type Person,
  personSchema,
  type System,
  signInObservationSchema,
  systemSchema,
  timestampSchema,
} from '../schemas/directory.ts';
import type { FindingSubject, RuleFinding, Severity, Tip } from '../schemas/rule-finding.ts';
import type { ObservedLogin } from './observed.ts';

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

/**
 * What a rule reads of the organisation's settings: the thresholds named by `Key` and the firm's
 * time zone. The registry's `RuleSettings` is this over every rule's threshold.
 */
export type SettingsOf<Key extends string> = { [K in Key]: number } & { timeZone: string };

/**
 * The data with lookups built once, so each rule is one pass over the accounts. `Key` names the
 * thresholds a rule may read: its own (the default in `defineRule`), or more where its `find`
 * says so (`find(ctx: RuleContext<'genericUsernameMinConfidence'>)`). evaluate() passes a context
 * with every rule's, so a key no rule declares does not type-check there.
 */
export interface RuleContext<Key extends string = never> {
  settings: SettingsOf<Key>;
  /** Milliseconds since the epoch. */
  now: number;
  /** Today in the organisation's time zone, YYYY-MM-DD. */
  today: string;
  /** A moment's date (UTC) as YYYY-MM-DD, each day worked out once per evaluation. */
  date(at: number): string;
  people: Map<string, Person>;
  systems: Map<string, System>;
  jobRoles: Map<string, JobRole>;
  /**
   * Live (not deleted) accounts. Rules walk it by index, not with for…of: each rule's loop runs once
   * per evaluation, mostly before the optimising compiler has taken it over, and until then for…of
   * makes an iterator and an object per step (some 6 MB per evaluation over 10,000 logins).
   */
  accounts: Account[];
  /** What staff browsers saw of a login (observed.ts), or undefined when none saw it used. */
  observed(accountId: string): ObservedLogin | undefined;
  lastReviewBySystem: Map<string, number>;
  /** The classifier's reading of an account's login, computed once per run for all rules. */
  classification(account: Account): Classification;
  /** The people an account's display name names ("Amy & Ben"), or null for one person or none. */
  displayNamePeople(account: Account): SharedDisplayName | null;
}

/**
 * A threshold of a rule, as the organisation's settings hold it and the options page offers it:
 * a number with a default and bounds.
 */
export interface RuleSetting<Key extends string = string> {
  /** The field of the organisation's settings. */
  key: Key;
  /** What the options page calls it. */
  label: string;
  default: number;
  min: number;
  max: number;
  /** Whole numbers only (days, counts), or any number in the bounds (a confidence). */
  integer: boolean;
  /** The options page's step for its number input. */
  step: number;
}

/**
 * How a rule's findings show on a row of a user list: a badge of this kind (the value of the row's
 * `data-rollcall` and the badge's `data-kind`), with a short label; the tip carries the rest.
 * Badges are listed in the registry's order; `tone` colours them (row-marks.css).
 */
export interface PageKind<Kind extends string = string> {
  kind: Kind;
  label: string;
  tone: 'alarm' | 'warning' | 'notice';
}

/** What a rule found, before the rule's id, severity and tip are stamped on it. */
export interface FindingDraft {
  /** A severity other than the rule's, where the evidence makes it worse (or milder). */
  severity?: Severity;
  title: string;
  subject: FindingSubject;
  evidence: string;
  /** The facts the evidence rests on, stable from day to day (ids, dates), for the fingerprint. */
  facts: string;
  /** A tip worded for this subject, instead of the rule's. */
  tip?: Tip;
  systemId: string | null;
  personIds: string[];
  /** Told apart from other findings of the rule on the same subject (e.g. the system, per person). */
  key?: string;
}

/** Where a rule's `find` puts what it finds: each draft is made into its finding as it is pushed. */
export interface Findings {
  push(draft: FindingDraft): void;
}

/**
 * Everything a rule declares in its file: the registry derives ids, settings and page kinds from it.
 * `Reads` is the thresholds its `find` reads: its own setting unless `find` names others.
 */
export interface RuleDeclaration<
  Id extends string,
  Key extends string,
  Kind extends string,
  Reads extends string = Key,
> {
  id: Id;
  /** A short name for lists and filters: "Leaver still active". */
  title: string;
  /** The severity of its findings, unless a finding says otherwise. */
  severity: Severity;
  /** The general tip; a finding may carry a tip worded for its subject. */
  tip: Tip;
  /** Its threshold in the organisation's settings, if it has one. */
  setting?: RuleSetting<Key>;
  /** Its badge on user lists, if its findings are about logins and show there. */
  pageKind?: PageKind<Kind>;
  /**
   * The findings over one organisation's data, each pushed to `findings` as a draft when it is
   * found. Pure: no DOM, no network, no clock but `ctx.now`.
   */
  find(ctx: RuleContext<Reads>, findings: Findings): void;
}

/** A rule as the registry holds it: its declaration, with what it finds made into findings. */
export interface Rule<
  Id extends string = string,
  Key extends string = string,
  Kind extends string = string,
  Reads extends string = Key,
> extends Omit<RuleDeclaration<Id, Key, Kind, Reads>, 'find' | 'setting' | 'pageKind'> {
  setting: [Key] extends [never] ? undefined : RuleSetting<Key>;
  pageKind: [Kind] extends [never] ? undefined : PageKind<Kind>;
  evaluate(ctx: RuleContext<Reads>): RuleFinding<Id>[];
}
