import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { dateIn } from '../../../shared/rules/dates';
import type { WebhookPayload } from '../../../shared/schemas/reviews';
import { readRuleSettings } from '../../../shared/settings';
import { type AuditActor, rollcallActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { dailyChecks, notifications, organisations, orgWebhooks } from '../db/schema';
import { asBatchItem, type Db, jsonChunks, toStatement } from '../db/versions';
import { nextDayStarts } from '../findings/clock-scope';
import { openFindingsOf, refreshFindings } from '../findings/materialised-findings';
import { observationSettingsOf, pruneObservationsStatement } from '../observations/observations-queries';
import { webhookOf } from '../organisation/organisation-queries';
import { deliverToWebhook } from '../organisation/webhook-delivery';
import { closeCampaign, openCampaigns } from '../reviews/campaigns';
import { countQueries } from './query-count';

export { SIGNATURE_HEADER, signBody } from '../organisation/webhook-delivery';

/**
 * The daily check (a Workers Cron Trigger, see wrangler.toml): for every organisation once a day,
 * closes campaigns past their due date with their default decisions, records new critical and high
 * findings and reviews due soon or overdue as notifications, and posts the new ones to the owner's
 * webhook, signed with HMAC-SHA256.
 *
 * Each organisation is checked on its own day, in its time zone: soon after its midnight, when its
 * time-based findings move on.
 *
 * Idempotent: a notification's key (the finding id and evidence fingerprint, or the campaign) is
 * unique per organisation, so a second run records nothing twice; only notifications never posted
 * are posted (a failed post is retried the next run); and `daily_checks` marks an organisation done
 * until its next day starts, so a second run skips it.
 */

const DAY_MS = 86_400_000;
/** A review due within this long gets a "due soon" notification. */
const DUE_SOON_MS = 3 * DAY_MS;

export type OrganisationCheck = {
  orgId: string;
  recorded: number;
  posted: number;
  closedCampaigns: number;
  /** Sign-in observations past the organisation's retention period, removed. */
  prunedObservations: number;
  webhookStatus: number | null;
  ms: number;
  /** D1 queries the check made (each statement of a batch counted). */
  queries: number;
};

type NewNotification = {
  id: string;
  key: string;
  kind: 'finding' | 'review-due' | 'review-overdue';
  severity: string;
  title: string;
  detail: string;
  subjectId: string;
};

function dailyActor(orgId: string): AuditActor {
  return rollcallActor(orgId, 'Rollcall daily check');
}

export async function checkOrganisation(
  db: Db,
  orgId: string,
  now: number,
  fetcher: typeof fetch = fetch,
): Promise<OrganisationCheck> {
  const started = performance.now();
  // The firm's own day: its date, and the observations' retention period.
  const { retentionDays, settings } = await observationSettingsOf(db, orgId);
  const { timeZone } = readRuleSettings(settings);
  const day = dateIn(timeZone, now);
  const candidates: NewNotification[] = [];

  // 1. Campaigns: past due ones close with their defaults (as the daily check, audited); due soon ones are announced.
  let closedCampaigns = 0;
  for (const campaign of await openCampaigns(db, orgId)) {
    if (campaign.dueAt <= now) {
      const summary = await closeCampaign(
        db,
        dailyActor(orgId),
        campaign,
        { memberId: null, name: 'Rollcall daily check' },
        now,
        { atDueDate: true },
      );
      // Closed by a member meanwhile: theirs is the close.
      if (!summary) continue;
      closedCampaigns += 1;
      candidates.push({
        id: crypto.randomUUID(),
        key: `review-overdue:${campaign.id}`,
        kind: 'review-overdue',
        severity: 'high',
        title: `Access review "${campaign.name}" reached its due date`,
        detail: `${summary.defaulted} undecided item(s) got the default decision (${summary.defaultDecision}); ${summary.revoke + summary.change} revoke or change to-do(s) wait for the admin.`,
        subjectId: campaign.id,
      });
    } else if (campaign.dueAt - now <= DUE_SOON_MS) {
      candidates.push({
        id: crypto.randomUUID(),
        key: `review-due:${campaign.id}`,
        kind: 'review-due',
        severity: 'medium',
        title: `Access review "${campaign.name}" is due ${dateIn(timeZone, campaign.dueAt)}`,
        detail: 'Undecided items get the default decision at the due date.',
        subjectId: campaign.id,
      });
    }
  }

  // 2. Sign-in observations past the retention period go before findings are worked out from them.
  const [pruned] = await writeAudited(
    db,
    dailyActor(orgId),
    [pruneObservationsStatement(db, orgId, retentionDays, now)],
    [],
  );
  // Counted from the rows deleted: D1's change count includes what the findings triggers touch.
  const prunedObservations = (pruned as unknown as unknown[]).length;

  // 3. Findings: the stored ones made current (what changed, and the time-based rules' findings the
  // new day moved, so the firm's first read of the day finds them done), then the critical and
  // high ones not yet notified with this evidence.
  if (await refreshFindings(db, dailyActor(orgId), orgId, now)) {
    for (const finding of await openFindingsOf(db, orgId, ['critical', 'high'], now)) {
      candidates.push({
        id: crypto.randomUUID(),
        key: `finding:${finding.id}:${finding.fingerprint}`,
        kind: 'finding',
        severity: finding.severity,
        title: finding.title,
        detail: finding.evidence,
        subjectId: finding.id,
      });
    }
  }

  // 4. Record: INSERT OR IGNORE on the unique (org, key) keeps only what is new.
  let recorded = 0;
  if (candidates.length > 0) {
    const statements = jsonChunks(candidates).map((chunk) =>
      toStatement(
        db,
        sql`INSERT OR IGNORE INTO notifications (id, org_id, key, day, kind, severity, title, detail, subject_id, created_at)
          SELECT json_extract(j.value, '$.id'), ${orgId}, json_extract(j.value, '$.key'), ${day},
            json_extract(j.value, '$.kind'), json_extract(j.value, '$.severity'), json_extract(j.value, '$.title'),
            json_extract(j.value, '$.detail'), json_extract(j.value, '$.subjectId'), ${now}
          FROM json_each(${chunk.json}) AS j`,
      ),
    );
    // Derived from findings and campaigns already audited: written with no event of its own.
    const results = await writeAudited(db, dailyActor(orgId), statements.map(asBatchItem), []);
    recorded = (results as unknown as D1Result[]).reduce(
      (sum, result) => sum + (result.meta.changes ?? 0),
      0,
    );
  }

  // 5. Post what was never posted (new today, or a failed post of an earlier day).
  let posted = 0;
  let webhookStatus: number | null = null;
  const hook = await webhookOf(db, orgId);
  if (hook) {
    const unsent = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.orgId, orgId), isNull(notifications.webhookSentAt)))
      .orderBy(asc(notifications.createdAt), asc(notifications.id))
      .limit(500);
    if (unsent.length > 0) {
      const payload: WebhookPayload = {
        organisationId: orgId,
        day,
        sentAt: now,
        notifications: unsent.map(({ orgId: _, key: __, webhookSentAt: ___, readAt: ____, ...row }) => row),
      };
      const body = JSON.stringify(payload);
      webhookStatus = (await deliverToWebhook(hook, body, now, fetcher)).status;
      const ok = webhookStatus >= 200 && webhookStatus < 300;
      const ids = JSON.stringify(unsent.map((row) => row.id));
      // The delivery state of the webhook: bookkeeping, with no audit event.
      const delivery = [
        toStatement(
          db,
          db
            .update(orgWebhooks)
            .set({ lastStatus: webhookStatus, lastAttemptAt: now })
            .where(eq(orgWebhooks.orgId, orgId)),
        ),
        ...(ok
          ? [
              toStatement(
                db,
                sql`UPDATE notifications SET webhook_sent_at = ${now}
                WHERE org_id = ${orgId} AND id IN (SELECT value FROM json_each(${ids}))`,
              ),
            ]
          : []),
      ];
      await writeAudited(db, dailyActor(orgId), delivery.map(asBatchItem), []);
      if (ok) posted = unsent.length;
    }
  }

  const nextAt = nextDayStarts(now, timeZone);
  await writeAudited(
    db,
    dailyActor(orgId),
    [
      db
        .insert(dailyChecks)
        .values({ orgId, day, finishedAt: Date.now(), notified: recorded, nextAt })
        // Checked on this date already (before the firm's time zone changed): due again at its next day.
        .onConflictDoUpdate({ target: [dailyChecks.orgId, dailyChecks.day], set: { nextAt } }),
    ],
    [],
  );
  return {
    orgId,
    recorded,
    posted,
    closedCampaigns,
    prunedObservations,
    webhookStatus,
    ms: performance.now() - started,
    queries: 0,
  };
}

/**
 * D1 allows 1,000 queries per Worker invocation (https://developers.cloudflare.com/d1/platform/limits/).
 * A run starts the next organisation only while the queries left cover twice the most one check of
 * the run has made, and never fewer than `QUERIES_PER_CHECK_AT_LEAST`: a check of a firm of 200
 * logins makes about 25 (more with campaigns to close), so a run checks some 35 firms and leaves
 * room. The cron (wrangler.toml) fires every minute and each run takes the organisations not yet
 * checked on their day: 1,440 runs a day, about 50,000 firms (an idle run costs one query). See
 * docs/scaling.md for the measured figures.
 */
const QUERIES_PER_INVOCATION = 1_000;
const QUERIES_PER_CHECK_AT_LEAST = 40;
/** A run stops starting organisations after this long, well inside the minute before the next. */
const RUN_BUDGET_MS = 45_000;

/**
 * Runs the check for organisations whose day has started since their last check (each firm's day
 * in its time zone), a page of organisations at a time, while
 * the invocation's D1 queries allow another (see above), up to `maxOrganisations` and for at most
 * `budgetMs`. The ones left are picked up by the next run (they are not marked done).
 */
export async function runDailyCheck(
  binding: D1Database,
  now: number,
  options: { budgetMs?: number; maxOrganisations?: number; maxQueries?: number; fetcher?: typeof fetch } = {},
): Promise<OrganisationCheck[]> {
  const counted = countQueries(binding);
  const db = database(counted.d1);
  const budget = options.budgetMs ?? RUN_BUDGET_MS;
  const max = options.maxOrganisations ?? Number.POSITIVE_INFINITY;
  const allowance = options.maxQueries ?? QUERIES_PER_INVOCATION;
  const started = Date.now();
  const checks: OrganisationCheck[] = [];
  let mostPerCheck = QUERIES_PER_CHECK_AT_LEAST / 2;
  let after = '';
  for (;;) {
    // The next page costs a query too.
    if (counted.queries() + 1 + 2 * mostPerCheck > allowance) return checks;
    const page = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          gt(organisations.id, after),
          sql`NOT EXISTS (SELECT 1 FROM daily_checks d WHERE d.org_id = ${organisations.id} AND d.next_at > ${now})`,
        ),
      )
      .orderBy(asc(organisations.id))
      .limit(100);
    for (const { id } of page) {
      if (checks.length >= max || Date.now() - started > budget) return checks;
      if (counted.queries() + 2 * mostPerCheck > allowance) return checks;
      const before = counted.queries();
      try {
        const check = await checkOrganisation(db, id, now, options.fetcher);
        checks.push({ ...check, queries: counted.queries() - before });
      } catch (error) {
        // One organisation's failure must not stop the others; it is retried on the next run.
        console.error(
          'daily check failed for an organisation:',
          error instanceof Error ? error.message : error,
        );
      }
      mostPerCheck = Math.max(mostPerCheck, counted.queries() - before);
    }
    const last = page.at(-1);
    if (!last || page.length < 100) return checks;
    after = last.id;
  }
}
