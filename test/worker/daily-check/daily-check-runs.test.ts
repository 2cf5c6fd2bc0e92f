import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rollcallActor } from '../../../worker/src/audit/writer';
import { runDailyCheck } from '../../../worker/src/daily-check/daily-check';
import { database } from '../../../worker/src/db/client';
import { accounts, findingSets, organisations, people, systems } from '../../../worker/src/db/schema';
import { findingsAsOf } from '../../../worker/src/findings/clock-scope';
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
async function firm(name: string, lastSignInDaysAgo: number[]) {
  const orgId = crypto.randomUUID();
  const row = { orgId, version: 0, updatedAt: MORNING };
  await db.insert(organisations).values({ id: orgId, name });
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
});
