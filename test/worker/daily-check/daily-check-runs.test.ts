import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rollcallActor } from '../../../worker/src/audit/writer';
import { runDailyCheck } from '../../../worker/src/daily-check/daily-check';
import { database } from '../../../worker/src/db/client';
import {
  accounts,
  dailyChecks,
  findingSets,
  organisations,
  people,
  systems,
} from '../../../worker/src/db/schema';
import { findingsAsOf, nextDayStarts } from '../../../worker/src/findings/clock-scope';
import { findingsPage, refreshFindings } from '../../../worker/src/findings/materialised-findings';

/**
 * The daily check run as the cron runs it, many firms at a time: each run stays within D1's
 * queries per invocation, the runs of one day check every firm once, and each firm's findings are
 * made current for the new day before its first read.
 */

const db = database(env.DB);
const DAY = 86_400_000;
// 00:10 UTC, a few days from now: the runs below all fall on this one day.
const MORNING = Math.floor(Date.now() / DAY) * DAY + 3 * DAY + 600_000;
const noWebhook: typeof fetch = async () => new Response('ok');
const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);

/** A small firm: one system, a leaver with a login still active, and logins last used so many days before this day. */
async function firm(name: string, lastSignInDaysAgo: number[], timeZone = 'UTC') {
  const orgId = crypto.randomUUID();
  const row = { orgId, version: 0, updatedAt: MORNING };
  await db.insert(organisations).values({ id: orgId, name, settings: { timeZone } });
  const systemId = crypto.randomUUID();
  await db.insert(systems).values({ id: systemId, name: 'PayDesk', permissions: [], ...row });
  const leaver = crypto.randomUUID();
  await db.insert(people).values({
    id: leaver,
    name: 'Rose Baker',
    status: 'leaver',
    endDate: isoDate(MORNING - 2 * DAY),
    ...row,
  });
  await db.insert(accounts).values([
    { id: crypto.randomUUID(), systemId, username: 'rbaker', ownerPersonId: leaver, ...row },
    ...lastSignInDaysAgo.map((days, i) => ({
      id: crypto.randomUUID(),
      systemId,
      username: `clerk${i}`,
      lastSignInAt: MORNING - 600_000 - days * DAY,
      ...row,
    })),
  ]);
  return orgId;
}

describe('the daily check over many firms', () => {
  it('keeps each run within its D1 queries, and checks every firm once across the runs of a day', async () => {
    const firms = [];
    for (let i = 0; i < 6; i++) firms.push(await firm(`Firm ${i}`, [1, 100]));
    const allowance = 150;
    const seen: string[] = [];
    let runs = 0;
    for (; runs < 10; runs++) {
      const checks = await runDailyCheck(env.DB, MORNING + runs * 60_000, {
        maxQueries: allowance,
        fetcher: noWebhook,
      });
      if (checks.length === 0) break;
      // Each check's queries are counted, and the run's together stay within the allowance.
      for (const check of checks) expect(check.queries).toBeGreaterThan(5);
      expect(checks.reduce((sum, check) => sum + check.queries, 0)).toBeLessThanOrEqual(allowance);
      seen.push(...checks.map((check) => check.orgId));
    }
    expect(runs).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    for (const orgId of firms) expect(seen).toContain(orgId);
  });

  it('makes the new day’s findings current before the first read, and notifies each finding once', async () => {
    const orgId = await firm('Harbour & Vale', [45, 100]);
    await refreshFindings(db, rollcallActor(orgId, 'A member reading'), orgId, MORNING - DAY);
    const dormant = async () =>
      (await findingsPage(db, orgId, { rule: 'dormant-account' }, MORNING)).findings.map((f) => f.evidence);
    expect(await dormant()).toEqual([expect.stringContaining('99 days ago')]);

    const [check] = (await runDailyCheck(env.DB, MORNING, { fetcher: noWebhook })).filter(
      (c) => c.orgId === orgId,
    );
    expect(check?.recorded).toBeGreaterThan(0);
    const set = async () => (await db.select().from(findingSets).where(eq(findingSets.orgId, orgId)))[0];
    const checked = await set();
    expect(checked?.asOf).toBe(findingsAsOf(MORNING));
    // The day came round: the login unused for 45 days is dormant now, the other a day older.
    // (Sorted: two findings of one rule and severity are listed by id.)
    expect((await dormant()).sort()).toEqual([
      expect.stringContaining('100 days ago'),
      expect.stringContaining('45 days ago'),
    ]);
    // The firm's first read of the day has nothing left to recompute.
    expect(
      await refreshFindings(db, rollcallActor(orgId, 'A member reading'), orgId, MORNING + 3_600_000),
    ).toBe(true);
    expect(await set()).toEqual(checked);

    // The next day's check: the leaver's login is still active, but notified already.
    const [next] = (await runDailyCheck(env.DB, MORNING + DAY, { fetcher: noWebhook })).filter(
      (c) => c.orgId === orgId,
    );
    expect(next?.recorded).toBe(0);
  });

  it('checks each firm soon after its own midnight, once per its day', async () => {
    // 10 December next year, in UTC: Auckland (UTC+13) starts it at 11:00 UTC the day before, and
    // Los Angeles (UTC−8) at 08:00 UTC.
    const year = new Date().getUTCFullYear() + 1;
    const at = (day: number, hour: number, minute = 0) => Date.UTC(year, 11, day, hour, minute);
    const date = (day: number) => `${year}-12-${String(day).padStart(2, '0')}`;
    const auckland = await firm('Kauri Legal', [1], 'Pacific/Auckland');
    const losAngeles = await firm('Sunset Travel', [1], 'America/Los_Angeles');
    const london = await firm('Thames Brokers', [1]);
    const ours: string[] = [auckland, losAngeles, london];
    const checkedAt = async (now: number) =>
      (await runDailyCheck(env.DB, now, { fetcher: noWebhook }))
        .map((check) => check.orgId)
        .filter((orgId) => ours.includes(orgId));
    const daysOf = async (orgId: string) =>
      (await db.select().from(dailyChecks).where(eq(dailyChecks.orgId, orgId))).map((c) => c.day).sort();

    expect((await checkedAt(at(10, 0, 10))).sort()).toEqual([...ours].sort());
    // Nobody's day has started since.
    expect(await checkedAt(at(10, 6))).toEqual([]);
    // Los Angeles' 10 December starts; then Auckland's 11th.
    expect(await checkedAt(at(10, 8, 5))).toEqual([losAngeles]);
    expect(await checkedAt(at(10, 9))).toEqual([]);
    expect(await checkedAt(at(10, 11, 5))).toEqual([auckland]);
    expect(await checkedAt(at(10, 23))).toEqual([]);
    expect(await checkedAt(at(11, 0, 5))).toEqual([london]);

    // Each check is recorded on the firm's own date.
    expect(await daysOf(auckland)).toEqual([date(10), date(11)]);
    expect(await daysOf(losAngeles)).toEqual([date(9), date(10)]);
    expect(await daysOf(london)).toEqual([date(10), date(11)]);
  });

  it('is due again at the firm’s next midnight, on days of 23 and 25 hours too', () => {
    const iso = (at: number) => new Date(at).toISOString();
    // London's clocks go forward on 28 March 2027 and back on 31 October.
    expect(iso(nextDayStarts(Date.parse('2027-03-28T00:30:00Z'), 'Europe/London'))).toBe(
      '2027-03-28T23:00:00.000Z',
    );
    expect(iso(nextDayStarts(Date.parse('2027-10-31T22:00:00Z'), 'Europe/London'))).toBe(
      '2027-11-01T00:00:00.000Z',
    );
    expect(iso(nextDayStarts(Date.parse('2027-10-30T23:30:00Z'), 'Europe/London'))).toBe(
      '2027-11-01T00:00:00.000Z',
    );
    expect(iso(nextDayStarts(Date.parse('2027-12-10T10:59:00Z'), 'Pacific/Auckland'))).toBe(
      '2027-12-10T11:00:00.000Z',
    );
    expect(iso(nextDayStarts(Date.parse('2027-12-10T12:00:00Z')))).toBe('2027-12-11T00:00:00.000Z');
  });
});
