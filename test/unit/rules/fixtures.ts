import { buildContext } from '../../../shared/rules/context.ts';
import type { RegisteredRule } from '../../../shared/rules/registry.ts';
import type { CompletedReview, OrganisationData } from '../../../shared/rules/types.ts';
import type {
  Account,
  JobRole,
  Person,
  SignInObservation,
  System,
} from '../../../shared/schemas/directory.ts';
import type { Finding } from '../../../shared/schemas/findings.ts';
import { type OrganisationSettingsInput, resolveSettings } from '../../../shared/settings.ts';

/** Builders for a small firm's directory; every field has a plain default a test can override. */

export const NOW = Date.parse('2026-11-23T09:00:00Z');
export const DAY = 86_400_000;
export const daysAgo = (n: number) => NOW - n * DAY;

export function person(over: Partial<Person> & { id: string }): Person {
  return {
    name: 'Rose Baker',
    email: null,
    jobRoleId: null,
    startDate: '2024-01-08',
    endDate: null,
    leaveReason: null,
    status: 'active',
    version: 1,
    deleted: false,
    ...over,
  };
}

export function system(over: Partial<System> & { id: string }): System {
  return {
    name: 'Payments',
    adminUrlPatterns: [],
    signInUrlPatterns: [],
    permissions: [],
    version: 1,
    deleted: false,
    ...over,
  };
}

export function jobRole(over: Partial<JobRole> & { id: string }): JobRole {
  return { name: 'Paralegal', permissions: {}, version: 1, deleted: false, ...over };
}

let nextAccount = 1;
export function account(over: Partial<Account> = {}): Account {
  const n = nextAccount++;
  return {
    id: `a${n}`,
    systemId: 'pay',
    username: `user${n}`,
    displayName: null,
    email: null,
    status: 'active',
    permissions: [],
    ownerPersonId: null,
    userPersonIds: [],
    lastSignInAt: daysAgo(1),
    systemCreatedAt: daysAgo(400),
    firstSeenAt: daysAgo(300),
    lastSeenAt: daysAgo(0),
    version: 1,
    deleted: false,
    ...over,
  };
}

export function org(parts: {
  people?: Person[];
  systems?: System[];
  jobRoles?: JobRole[];
  accounts?: Account[];
  signInObservations?: SignInObservation[];
  completedReviews?: CompletedReview[];
}): OrganisationData {
  return {
    people: parts.people ?? [],
    systems: parts.systems ?? [system({ id: 'pay' })],
    jobRoles: parts.jobRoles ?? [],
    accounts: parts.accounts ?? [],
    signInObservations: parts.signInObservations ?? [],
    // Reviewed yesterday unless a test says otherwise, so review-overdue stays quiet elsewhere.
    completedReviews: parts.completedReviews ?? [{ systemId: 'pay', completedAt: daysAgo(1) }],
  };
}

/** One rule's findings over the data, as evaluate() would compute them. */
export function run(
  rule: RegisteredRule,
  data: OrganisationData,
  settings: OrganisationSettingsInput = {},
  now: number = NOW,
): Finding[] {
  return rule.evaluate(buildContext(data, resolveSettings(settings), now));
}
