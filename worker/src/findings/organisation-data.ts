import { and, eq, notInArray } from 'drizzle-orm';
import type { OrganisationData } from '../../../shared/rules';
import { evaluate, openFindings } from '../../../shared/rules';
import type { Finding, FindingDismissal } from '../../../shared/schemas/findings';
import type { OrganisationSettings } from '../../../shared/settings';
import {
  accounts,
  findingDismissals,
  jobRoles,
  organisations,
  people,
  reviewCampaigns,
  signInObservations,
  systems,
} from '../db/schema';
import type { Db } from '../db/versions';
import { toAccount, toJobRole, toPerson, toSystem } from '../directory/rows';
import { observationColumns } from '../observations/observations-queries';
import { ruleSettingsOf } from './rule-settings';

export type LoadedOrganisation = {
  /** The organisation's findings generation when the data was read (in the same batch). */
  generation: number;
  data: OrganisationData;
  settings: OrganisationSettings;
  dismissals: FindingDismissal[];
};

/**
 * What every evaluation reads whole, of the whole organisation or of a part of it: the live
 * systems, the live job roles and the closed review campaigns.
 */
export function wholeTables(db: Db, orgId: string) {
  return [
    db
      .select()
      .from(systems)
      .where(and(eq(systems.orgId, orgId), eq(systems.deleted, false))),
    db
      .select()
      .from(jobRoles)
      .where(and(eq(jobRoles.orgId, orgId), eq(jobRoles.deleted, false))),
    db
      .select({ systemIds: reviewCampaigns.systemIds, closedAt: reviewCampaigns.closedAt })
      .from(reviewCampaigns)
      .where(and(eq(reviewCampaigns.orgId, orgId), eq(reviewCampaigns.status, 'closed'))),
  ] as const;
}

/**
 * Everything the rules read for one organisation, in ONE D1 batch of a fixed number of queries
 * whatever its size: settings, people, systems, job roles, accounts, sign-in observations,
 * completed reviews (closed campaigns, per system in scope) and dismissals.
 */
export async function loadOrganisation(db: Db, orgId: string): Promise<LoadedOrganisation | undefined> {
  const [orgRows, personRows, accountRows, observations, dismissals, systemRows, roleRows, closed] =
    await db.batch([
      db
        .select({ settings: organisations.settings, generation: organisations.findingsGeneration })
        .from(organisations)
        .where(eq(organisations.id, orgId)),
      db
        .select()
        .from(people)
        .where(and(eq(people.orgId, orgId), eq(people.deleted, false))),
      db
        .select()
        .from(accounts)
        .where(and(eq(accounts.orgId, orgId), eq(accounts.deleted, false))),
      observationsForRules(db, orgId),
      db.select().from(findingDismissals).where(eq(findingDismissals.orgId, orgId)),
      ...wholeTables(db, orgId),
    ]);
  const org = orgRows[0];
  if (!org) return undefined;
  return {
    generation: org.generation,
    settings: ruleSettingsOf(org.settings),
    data: {
      people: personRows.map(toPerson),
      systems: systemRows.map(toSystem),
      jobRoles: roleRows.map(toJobRole),
      accounts: accountRows.map(toAccount),
      signInObservations: observations,
      completedReviews: completedReviews(closed),
    },
    dismissals: dismissals.map(({ orgId: _, ...dismissal }) => dismissal),
  };
}

/**
 * The sign-ins the rules read: the three columns they use, and only of live logins (a deleted
 * login's are kept for its history but never evaluated). Every other row counts: unowned-account,
 * rotate-password and dormant-account read all of a login's sign-ins, not only those within
 * shared-login's window, and the daily check prunes those past the retention period before it
 * works findings out.
 */
export function observationsForRules(db: Db, orgId: string) {
  return db
    .select(observationColumns)
    .from(signInObservations)
    .where(
      and(
        eq(signInObservations.orgId, orgId),
        notInArray(
          signInObservations.accountId,
          db
            .select({ id: accounts.id })
            .from(accounts)
            .where(and(eq(accounts.orgId, orgId), eq(accounts.deleted, true))),
        ),
      ),
    );
}

/** The completed reviews of closed campaigns: one per system in each one's scope. */
export function completedReviews(closed: readonly { systemIds: string[]; closedAt: number | null }[]) {
  return closed.flatMap((campaign) =>
    campaign.closedAt === null
      ? []
      : campaign.systemIds.map((systemId) => ({ systemId, completedAt: campaign.closedAt as number })),
  );
}

/** The organisation's findings at `now`: all of them, and those still open (not dismissed). */
export function findingsOf(loaded: LoadedOrganisation, now: number): { all: Finding[]; open: Finding[] } {
  const all = evaluate(loaded.data, loaded.settings, now);
  return { all, open: openFindings(all, loaded.dismissals, now) };
}
