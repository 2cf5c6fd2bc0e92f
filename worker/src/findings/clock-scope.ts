import { and, eq, type SQL, sql } from 'drizzle-orm';
import { DAY_MS, dateIn, dateMs, formatIn } from '../../../shared/rules/dates';
import type { RuleId } from '../../../shared/rules/registry';
import type { OrganisationSettings } from '../../../shared/settings';
import { accounts, people, signInObservations } from '../db/schema';

/**
 * What the clock and the rule settings moving on can change in stored findings, without any data
 * changing: the time-based rules (dormant, never used, leaver dates, the shared-login window,
 * review overdue) and the rules reading a changed threshold, each for the logins whose findings
 * can differ between the two evaluations. The equivalence test
 * (test/worker/findings/materialised-findings.test.ts) holds each condition to its rule.
 */

/** When, and with which settings, a set of findings is evaluated. */
export type Evaluation = { asOf: number; settings: OrganisationSettings };

/** Rules recomputed for some logins (a condition on `accounts`), and review-overdue for every system. */
export type ClockScope = {
  /** Rules about one login, recomputed for the active logins matching `accounts`. */
  rules: RuleId[];
  accounts: SQL;
  /** review-overdue, recomputed for every system: it reads of a system's logins only whether one is active. */
  everySystem: boolean;
};

/** How far the time zone's clock is ahead of UTC at `at`, in ms. */
function offsetAt(timeZone: string, at: number): number {
  const format = formatIn('parts', timeZone);
  const part = new Map(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const of = (type: Intl.DateTimeFormatPartTypes) => part.get(type) ?? 0;
  const wall = Date.UTC(of('year'), of('month') - 1, of('day'), of('hour'), of('minute'), of('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The moment findings are evaluated at: the start of the organisation's day in its time zone. The
 * time-based rules count whole days and "today" is the firm's date, so findings evaluated at the
 * start of the day hold all day, and the day coming round is the only time they move on.
 */
export function findingsAsOf(now: number, timeZone = 'UTC'): number {
  if (timeZone === 'UTC') return Math.floor(now / DAY_MS) * DAY_MS;
  const today = dateIn(timeZone, now);
  const midnight = dateMs(today);
  let start = midnight - offsetAt(timeZone, midnight);
  start = midnight - offsetAt(timeZone, start);
  // Where a daylight-saving change skips midnight, the day starts at the first moment it has.
  for (let step = 0; step < 8 && dateIn(timeZone, start) < today; step++) start += 15 * 60_000;
  return Math.min(start, now);
}

/**
 * The start of the organisation's next day in its time zone: a moment well inside the next day
 * (days are 23 to 25 hours long), taken back to that day's start.
 */
export function nextDayStarts(now: number, timeZone = 'UTC'): number {
  return findingsAsOf(findingsAsOf(now, timeZone) + 1.5 * DAY_MS, timeZone);
}

const sameSetting = (from: Evaluation, to: Evaluation, key: keyof OrganisationSettings) =>
  from.settings[key] === to.settings[key];

/**
 * The findings that can differ between an evaluation `from` and one `to` of the same data: null
 * when none, 'everything' when a threshold changed whose rule reads every login (most user
 * managers, the generic-login confidence).
 */
export function clockScope(
  orgId: string,
  from: Evaluation,
  to: Evaluation,
): ClockScope | 'everything' | null {
  if (!sameSetting(from, to, 'maxAdmins') || !sameSetting(from, to, 'genericUsernameMinConfidence'))
    return 'everything';
  const moved = from.asOf !== to.asOf;
  const rules: RuleId[] = [];
  const conditions: SQL[] = [];
  const observed = (where: SQL) =>
    sql`${accounts.id} IN (SELECT ${signInObservations.accountId} FROM ${signInObservations}
      WHERE ${signInObservations.orgId} = ${orgId} AND ${where})`;
  const latest = (days: (e: Evaluation) => number) =>
    Math.max(from.asOf - days(from) * DAY_MS, to.asOf - days(to) * DAY_MS);

  // Dormant: a finding at either moment, or its count of days, moved: the logins last used before
  // the later cutoff (the date of a staff browser's latest sign-in standing in for none).
  if (moved || !sameSetting(from, to, 'dormantDays')) {
    const cutoff = latest((e) => e.settings.dormantDays);
    rules.push('dormant-account');
    conditions.push(
      sql`(${accounts.lastSignInAt} <= ${cutoff} OR (${accounts.lastSignInAt} IS NULL AND ${observed(sql`${signInObservations.lastObservedAt} <= ${cutoff}`)}))`,
    );
  }
  // Never used: logins never signed in to, made before the later cutoff.
  if (moved || !sameSetting(from, to, 'neverUsedDays')) {
    const cutoff = latest((e) => e.settings.neverUsedDays);
    rules.push('never-used');
    conditions.push(
      sql`(${accounts.lastSignInAt} IS NULL AND coalesce(${accounts.systemCreatedAt}, ${accounts.firstSeenAt}) < ${cutoff})`,
    );
  }
  // Leaver dates: the logins naming someone whose last day is on or before the later "today"
  // (their owner, a user, or someone seen signing in); "N days ago" moves with the day as well.
  if (moved || !sameSetting(from, to, 'timeZone')) {
    const today = [
      dateIn(from.settings.timeZone, from.asOf),
      dateIn(to.settings.timeZone, to.asOf),
    ].sort()[1];
    const leavers = sql`SELECT ${people.id} FROM ${people} WHERE ${people.orgId} = ${orgId}
      AND ${people.endDate} IS NOT NULL AND ${people.endDate} <= ${today}`;
    rules.push('leaver-still-active', 'rotate-password');
    conditions.push(
      sql`(${accounts.ownerPersonId} IN (${leavers})
        OR (${accounts.userPersonIds} <> '[]' AND EXISTS (SELECT 1 FROM json_each(${accounts.userPersonIds}) WHERE value IN (${leavers})))
        OR ${observed(sql`${signInObservations.personId} IN (${leavers})`)})`,
    );
  }
  // The shared-login window: sign-ins that entered or left it. A new window length is also in the
  // evidence of every shared-login finding it holds, so then all the sign-ins in either window.
  if (moved || !sameSetting(from, to, 'sharedLoginWindowDays')) {
    const since = (e: Evaluation) => e.asOf - e.settings.sharedLoginWindowDays * DAY_MS;
    const [early, late] = [since(from), since(to)].sort((a, b) => a - b) as [number, number];
    rules.push('shared-login', 'used-by-non-owner');
    conditions.push(
      observed(
        sameSetting(from, to, 'sharedLoginWindowDays')
          ? sql`${signInObservations.lastObservedAt} >= ${early} AND ${signInObservations.lastObservedAt} < ${late}`
          : sql`${signInObservations.lastObservedAt} >= ${early}`,
      ),
    );
  }
  const everySystem = moved || !sameSetting(from, to, 'reviewOverdueDays');
  if (rules.length === 0 && !everySystem) return null;
  return {
    rules,
    accounts:
      conditions.length > 0
        ? (and(eq(accounts.status, 'active'), sql`(${sql.join(conditions, sql` OR `)})`) as SQL)
        : sql`0`,
    everySystem,
  };
}
