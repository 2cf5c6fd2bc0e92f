import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkedCounts,
  filterFindings,
  openFindings,
  RULES_REVISION,
  summarise,
} from '../../../shared/rules';
import type { Finding, FindingsQuery } from '../../../shared/schemas/findings';
import type { AuditActor } from '../../../worker/src/audit/writer';
import { database } from '../../../worker/src/db/client';
import {
  accounts,
  findingDismissals,
  findingSets,
  findings,
  jobRoles,
  organisations,
  people,
  reviewCampaigns,
  signInObservations,
  systems,
} from '../../../worker/src/db/schema';
import { findingsAsOf } from '../../../worker/src/findings/clock-scope';
import {
  findingsPage,
  findingsSummary,
  inStoredOrder,
  refreshFindings,
} from '../../../worker/src/findings/materialised-findings';
import { findingsOf, loadOrganisation } from '../../../worker/src/findings/organisation-data';

/**
 * The stored findings against a full evaluation of the organisation, after every step of random
 * histories of changes written straight to the database (so every write path is covered, not only
 * the routes), with the clock moving on across days.
 */

const db = database(env.DB);
const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 1, 9, 30);
const actor: AuditActor = {
  orgId: '',
  actorId: null,
  actorName: 'test',
  ip: null,
  userAgent: null,
  requestId: 'test',
};

const USERNAMES = ['admin', 'frontdesk', 'rbaker', 'r.baker', 'sjones', 'reception', 'temp1', 'kim'];
const PERMISSIONS = ['payments.add', 'refunds.process', 'users.manage'];
const TIME_ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata'];

type Step =
  | { kind: 'person'; leaverDaysAgo: number | null }
  | { kind: 'leave'; person: number; endDaysFromNow: number }
  | {
      kind: 'account';
      system: number;
      username: number;
      owner: number | null;
      lastSignInDaysAgo: number | null;
      createdDaysAgo: number;
      permissions: boolean[];
    }
  | { kind: 'signIn'; account: number; hoursAgo: number }
  | { kind: 'observe'; account: number; person: number; daysAgo: number }
  | { kind: 'removeAccount'; account: number }
  | { kind: 'removePerson'; person: number }
  | { kind: 'catalogue'; system: number; privileged: boolean }
  | {
      kind: 'settings';
      dormantDays: number;
      neverUsedDays: number;
      sharedLoginWindowDays: number;
      reviewOverdueDays: number;
      maxAdmins: number;
      timeZone: string;
    }
  | { kind: 'dismiss'; finding: number; expiresInHours: number }
  | { kind: 'time'; hours: number }
  | { kind: 'days'; days: number }
  | { kind: 'role'; person: number; grants: boolean[] }
  | { kind: 'link'; account: number; owner: number | null; users: number[] }
  | { kind: 'rename'; person: number }
  | { kind: 'review'; system: number; closedDaysAgo: number };

const index = fc.nat({ max: 40 });
// Weighted towards what moves findings with the clock: days passing, sign-ins seen, reviews, logins
// never used, so a day's recompute is exercised in most histories.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('person'),
      leaverDaysAgo: fc.option(fc.integer({ min: -3, max: 10 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('leave'),
      person: index,
      endDaysFromNow: fc.integer({ min: -5, max: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('account'),
      system: fc.nat({ max: 1 }),
      username: fc.nat({ max: USERNAMES.length - 1 }),
      owner: fc.option(index),
      lastSignInDaysAgo: fc.option(fc.integer({ min: 0, max: 200 }), { freq: 2 }),
      createdDaysAgo: fc.integer({ min: 0, max: 120 }),
      permissions: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('signIn'), account: index, hoursAgo: fc.nat({ max: 4000 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('observe'),
      account: index,
      person: index,
      daysAgo: fc.nat({ max: 150 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeAccount'), account: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('removePerson'), person: index }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('catalogue'),
      system: fc.nat({ max: 1 }),
      privileged: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('settings'),
      dormantDays: fc.integer({ min: 30, max: 120 }),
      neverUsedDays: fc.integer({ min: 7, max: 60 }),
      sharedLoginWindowDays: fc.constantFrom(30, 90, 120),
      reviewOverdueDays: fc.constantFrom(60, 90, 180),
      maxAdmins: fc.oneof({ weight: 4, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constant(1) }),
      timeZone: fc.constantFrom(...TIME_ZONES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('dismiss'),
      finding: index,
      expiresInHours: fc.integer({ min: 1, max: 72 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('time'), hours: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('days'), days: fc.integer({ min: 1, max: 40 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('role'),
      person: index,
      grants: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('link'),
      account: index,
      owner: fc.option(index),
      users: fc.array(index, { maxLength: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename'), person: index }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('review'),
      system: fc.nat({ max: 1 }),
      closedDaysAgo: fc.nat({ max: 200 }),
    }),
  },
);

const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);
const pick = <T>(items: readonly T[], i: number): T | undefined =>
  items.length === 0 ? undefined : items[i % items.length];

/** A history's organisation: the ids it made and its clock. */
type World = {
  orgId: string;
  now: number;
  systems: string[];
  people: string[];
  accounts: string[];
  usernames: Set<string>;
};

async function newWorld(): Promise<World> {
  const orgId = crypto.randomUUID();
  await db.insert(organisations).values({ id: orgId, name: 'Harbour & Co' });
  const world: World = { orgId, now: START, systems: [], people: [], accounts: [], usernames: new Set() };
  for (const name of ['PayDesk', 'CaseBox']) {
    const id = crypto.randomUUID();
    await db.insert(systems).values({
      id,
      orgId,
      name,
      permissions: PERMISSIONS.map((permission) => ({ name: permission })),
      version: 0,
      updatedAt: START,
    });
    world.systems.push(id);
  }
  return world;
}

async function apply(world: World, change: Step) {
  const { orgId, now } = world;
  const row = { orgId, version: 0, updatedAt: now };
  switch (change.kind) {
    case 'person': {
      const id = crypto.randomUUID();
      const leaver = change.leaverDaysAgo !== null;
      await db.insert(people).values({
        id,
        name: `Person ${world.people.length}`,
        status: leaver ? 'leaver' : 'active',
        endDate: leaver ? isoDate(now - (change.leaverDaysAgo as number) * DAY) : null,
        ...row,
      });
      world.people.push(id);
      return;
    }
    case 'leave': {
      const id = pick(world.people, change.person);
      if (!id) return;
      await db
        .update(people)
        .set({ status: 'leaver', endDate: isoDate(now + change.endDaysFromNow * DAY), updatedAt: now })
        .where(eq(people.id, id));
      return;
    }
    case 'account': {
      const systemId = world.systems[change.system] as string;
      // Some usernames repeat across systems (duplicates, lookalikes); never within one system.
      const base = USERNAMES[change.username] as string;
      const username = world.usernames.has(`${systemId}/${base}`) ? `${base}${world.accounts.length}` : base;
      world.usernames.add(`${systemId}/${username}`);
      const id = crypto.randomUUID();
      await db.insert(accounts).values({
        id,
        systemId,
        username,
        ownerPersonId: change.owner === null ? null : (pick(world.people, change.owner) ?? null),
        lastSignInAt: change.lastSignInDaysAgo === null ? null : now - change.lastSignInDaysAgo * DAY,
        systemCreatedAt: now - change.createdDaysAgo * DAY,
        firstSeenAt: now - change.createdDaysAgo * DAY,
        permissions: PERMISSIONS.filter((_, i) => change.permissions[i]),
        ...row,
      });
      world.accounts.push(id);
      return;
    }
    case 'signIn': {
      const id = pick(world.accounts, change.account);
      if (!id) return;
      await db
        .update(accounts)
        .set({ lastSignInAt: now - change.hoursAgo * 3_600_000 })
        .where(eq(accounts.id, id));
      return;
    }
    case 'observe': {
      const accountId = pick(world.accounts, change.account);
      const personId = pick(world.people, change.person);
      if (!accountId || !personId) return;
      const lastObservedAt = now - change.daysAgo * DAY;
      await db
        .insert(signInObservations)
        .values({ orgId, accountId, personId, lastObservedAt })
        .onConflictDoUpdate({
          target: [signInObservations.accountId, signInObservations.personId],
          set: { lastObservedAt },
        });
      return;
    }
    case 'removeAccount': {
      const id = pick(world.accounts, change.account);
      if (id) await db.update(accounts).set({ deleted: true }).where(eq(accounts.id, id));
      return;
    }
    case 'removePerson': {
      const id = pick(world.people, change.person);
      if (id) await db.update(people).set({ deleted: true }).where(eq(people.id, id));
      return;
    }
    case 'catalogue': {
      await db
        .update(systems)
        .set({
          permissions: PERMISSIONS.map((name) => ({
            name,
            privileged: change.privileged && name !== 'payments.add',
          })),
        })
        .where(eq(systems.id, world.systems[change.system] as string));
      return;
    }
    case 'settings': {
      await db
        .update(organisations)
        .set({ settings: { ...change, kind: undefined } })
        .where(eq(organisations.id, orgId));
      return;
    }
    case 'dismiss': {
      const { all } = await fullEvaluation(world);
      const finding = pick(all, change.finding);
      if (!finding) return;
      const dismissal = {
        findingId: finding.id,
        fingerprint: finding.fingerprint,
        reason: 'Accepted for now',
        expiresAt: now + change.expiresInHours * 3_600_000,
        dismissedAt: now,
        dismissedBy: 'member',
      };
      await db
        .insert(findingDismissals)
        .values({ orgId, ...dismissal })
        .onConflictDoUpdate({
          target: [findingDismissals.orgId, findingDismissals.findingId],
          set: dismissal,
        });
      return;
    }
    case 'time':
      world.now += change.hours * 3_600_000;
      return;
    case 'days':
      world.now += change.days * DAY;
      return;
    case 'role': {
      const personId = pick(world.people, change.person);
      if (!personId) return;
      // A new role, or the person's role changed, in the same change.
      const [person] = await db.select().from(people).where(eq(people.id, personId));
      const granted = PERMISSIONS.filter((_, i) => change.grants[i]);
      const permissions = Object.fromEntries(world.systems.map((id) => [id, granted]));
      if (person?.jobRoleId) {
        await db
          .update(jobRoles)
          .set({ permissions, updatedAt: now })
          .where(eq(jobRoles.id, person.jobRoleId));
        return;
      }
      const id = crypto.randomUUID();
      await db.insert(jobRoles).values({ id, name: `Role ${id.slice(0, 4)}`, permissions, ...row });
      await db.update(people).set({ jobRoleId: id }).where(eq(people.id, personId));
      return;
    }
    case 'link': {
      const id = pick(world.accounts, change.account);
      if (!id) return;
      const owner = change.owner === null ? null : (pick(world.people, change.owner) ?? null);
      const users = [...new Set(change.users.flatMap((i) => pick(world.people, i) ?? []))];
      await db
        .update(accounts)
        .set({ ownerPersonId: owner, userPersonIds: users.filter((user) => user !== owner) })
        .where(eq(accounts.id, id));
      return;
    }
    case 'rename': {
      const id = pick(world.people, change.person);
      if (id)
        await db
          .update(people)
          .set({ name: `Renamed ${now}` })
          .where(eq(people.id, id));
      return;
    }
    case 'review': {
      const systemId = world.systems[change.system] as string;
      await db.insert(reviewCampaigns).values({
        id: crypto.randomUUID(),
        orgId,
        name: 'Quarterly review',
        systemIds: [systemId],
        reviewerIds: [],
        dueAt: now,
        defaultDecision: 'keep',
        status: 'closed',
        createdBy: 'member',
        createdAt: now - change.closedDaysAgo * DAY,
        closedAt: now - change.closedDaysAgo * DAY,
      });
      return;
    }
  }
}

/**
 * What a read computing everything afresh answers: the findings as of the start of the firm's day,
 * less those a dismissal in force now hides.
 */
async function fullEvaluation(world: World) {
  const loaded = await loadOrganisation(db, world.orgId);
  if (!loaded) throw new Error('no organisation');
  const { all } = findingsOf(loaded, findingsAsOf(world.now, loaded.settings.timeZone));
  return { all, open: openFindings(all, loaded.dismissals, world.now), checked: checkedCounts(loaded.data) };
}

async function stored(world: World, query: FindingsQuery & { limit?: number; offset?: number } = {}) {
  expect(await refreshFindings(db, actor, world.orgId, world.now)).toBe(true);
  return findingsPage(db, world.orgId, query, world.now);
}

async function expectSameAsFullEvaluation(world: World, query: FindingsQuery) {
  const full = await fullEvaluation(world);
  const everything = await stored(world);
  const open = inStoredOrder(full.open);
  expect(everything.findings).toEqual(open);
  expect(everything.dismissed).toBe(full.all.length - full.open.length);

  const filtered = await stored(world, { ...query, limit: 3, offset: 1 });
  const expected = filterFindings(open, query);
  expect(filtered.findings).toEqual(expected.slice(1, 4));
  expect(filtered.total).toBe(expected.length);
  expect(filtered.dismissed).toBe(filterFindings(full.all, query).length - expected.length);

  expect(await findingsSummary(db, world.orgId, world.now)).toEqual(summarise(full.open, full.checked));
}

const queryOf = (world: World, pickQuery: { kind: number; at: number }, open: readonly Finding[]) => {
  const finding = pick(open, pickQuery.at);
  if (!finding) return {};
  switch (pickQuery.kind) {
    case 0:
      return { severity: finding.severity };
    case 1:
      return { rule: finding.ruleId };
    case 2:
      return finding.systemId ? { system: finding.systemId } : {};
    case 3:
      return finding.personIds[0] ? { person: finding.personIds[0] } : {};
    default:
      return { system: world.systems[0] };
  }
};

/**
 * A firm of four people (the first left two days ago) and eight logins over the two systems, two
 * each, each login's last sign-in so many days ago; its findings stored.
 */
async function fourPeopleEightLogins(lastSignInDaysAgo: (login: number) => number) {
  const world = await newWorld();
  for (let i = 0; i < 4; i++) await apply(world, { kind: 'person', leaverDaysAgo: i === 0 ? 2 : null });
  for (let i = 0; i < 8; i++) {
    await apply(world, {
      kind: 'account',
      system: i % 2,
      username: i,
      owner: i % 4,
      lastSignInDaysAgo: lastSignInDaysAgo(i),
      createdDaysAgo: 150,
      permissions: [true, true, true],
    });
  }
  await stored(world);
  return world;
}

describe('stored findings', () => {
  it('equal a full evaluation after every change of random histories, across days', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(step, fc.record({ kind: fc.nat({ max: 4 }), at: index })), {
          minLength: 5,
          maxLength: 30,
        }),
        async (history) => {
          const world = await newWorld();
          for (const [change, pickQuery] of history) {
            await apply(world, change);
            const { open } = await fullEvaluation(world);
            await expectSameAsFullEvaluation(world, queryOf(world, pickQuery, open));
          }
        },
      ),
      { numRuns: 24 },
    );
  }, 240_000);

  it('are recomputed only when what the rules read changed or the day came round', async () => {
    const world = await newWorld();
    await apply(world, { kind: 'person', leaverDaysAgo: 2 });
    await stored(world);
    const setOf = async () =>
      (await db.select().from(findingSets).where(eq(findingSets.orgId, world.orgId)))[0];
    const first = await setOf();
    await stored(world);
    expect(await setOf()).toEqual(first);

    await apply(world, { kind: 'signIn', account: 0, hoursAgo: 1 });
    await apply(world, {
      kind: 'account',
      system: 0,
      username: 0,
      owner: 0,
      lastSignInDaysAgo: 1,
      createdDaysAgo: 10,
      permissions: [true, false, false],
    });
    const afterChange = await stored(world);
    expect((await setOf())?.generation).toBeGreaterThan(first?.generation ?? 0);
    expect(afterChange.findings.map((f) => f.ruleId)).toContain('leaver-still-active');

    world.now += 3_600_000;
    await stored(world);
    expect(await setOf()).toMatchObject({ asOf: findingsAsOf(world.now - 3_600_000) });
    world.now += DAY;
    await stored(world);
    expect(await setOf()).toMatchObject({ asOf: findingsAsOf(world.now) });
  });

  it('stored under another revision of the rules (an earlier build), are recomputed whole, once', async () => {
    const world = await fourPeopleEightLogins(() => 100);
    const full = (await stored(world)).findings;
    expect(full.length).toBeGreaterThan(0);
    const setOf = async () =>
      (await db.select().from(findingSets).where(eq(findingSets.orgId, world.orgId)))[0];
    expect((await setOf())?.rules).toBe(RULES_REVISION);

    // What an earlier build's rules found is not what this build's find: here, nothing at all.
    const storedBy = async (rules: number | null) => {
      await db.delete(findings).where(eq(findings.orgId, world.orgId));
      await db.update(findingSets).set({ rules }).where(eq(findingSets.orgId, world.orgId));
    };
    // Under this revision the stored set is taken as it is: nothing changed since.
    await storedBy(RULES_REVISION);
    expect((await stored(world)).findings).toEqual([]);
    for (const earlier of [RULES_REVISION - 1, null]) {
      await storedBy(earlier);
      expect((await stored(world)).findings).toEqual(full);
      expect((await setOf())?.rules).toBe(RULES_REVISION);
    }
  });

  it('after a change, rewrite only the findings it can affect', async () => {
    const world = await fourPeopleEightLogins(() => 100);
    const rows = async () =>
      (
        await db
          .select({ id: findings.id, rowid: sql<number>`rowid`, accountId: findings.accountId })
          .from(findings)
          .where(eq(findings.orgId, world.orgId))
      ).map((row) => ({ ...row, key: `${row.id}@${row.rowid}` }));
    const rewritten = async (change: () => Promise<void>) => {
      const before = new Set((await rows()).map((row) => row.key));
      await change();
      await stored(world);
      return (await rows()).filter((row) => !before.has(row.key));
    };

    // One login signed in: its own findings (no longer dormant), not its system's group findings,
    // which read nothing of a sign-in.
    const signedIn = world.accounts[1] as string;
    const afterSignIn = await rewritten(() => apply(world, { kind: 'signIn', account: 1, hoursAgo: 1 }));
    expect(afterSignIn.filter((row) => !row.accountId)).toEqual([]);
    expect(afterSignIn.filter((row) => row.accountId).map((row) => row.accountId)).toEqual(
      afterSignIn.filter((row) => row.accountId).map(() => signedIn),
    );
    expect((await rows()).some((row) => row.accountId === signedIn && row.id.startsWith('dormant'))).toBe(
      false,
    );

    // A person renamed: the findings of the logins naming them, not the others'.
    const renamed = world.people[2] as string;
    const theirs = new Set(
      (await db.select().from(accounts).where(eq(accounts.ownerPersonId, renamed))).map((a) => a.id),
    );
    const afterRename = await rewritten(() => apply(world, { kind: 'rename', person: 2 }));
    expect(afterRename.length).toBeGreaterThan(0);
    for (const row of afterRename) if (row.accountId) expect(theirs.has(row.accountId)).toBe(true);
    // Their two logins in one system: the duplicate-logins finding names them afresh.
    const named = (await stored(world)).findings.filter((f) => f.ruleId === 'duplicate-accounts');
    expect(named.some((f) => f.personIds.includes(renamed) && f.title.startsWith('Renamed'))).toBe(true);
  });

  it('on a new day, rewrite only the time-based findings that moved, and a threshold only its rule', async () => {
    // Two logins long unused (dormant), six used yesterday (not dormant, and not for 44 days).
    const world = await fourPeopleEightLogins((i) => (i < 2 ? 100 : 1));
    const rows = async () =>
      db
        .select({ id: findings.id, rowid: sql<number>`rowid`, ruleId: findings.ruleId, body: findings.body })
        .from(findings)
        .where(eq(findings.orgId, world.orgId));
    // A row deleted and written again may take the same rowid: its body tells it apart.
    const key = (row: { rowid: number; body: Finding }) => `${row.rowid}@${JSON.stringify(row.body)}`;
    const rewritten = async (step: () => void | Promise<void>) => {
      const before = new Map((await rows()).map((row) => [row.id, key(row)]));
      await step();
      await stored(world);
      return (await rows()).filter((row) => before.get(row.id) !== key(row));
    };
    const timeBased = new Set([
      'dormant-account',
      'leaver-still-active',
      'rotate-password',
      'review-overdue',
    ]);

    // The day comes round: the dormant logins' count of days, the leaver's and the overdue review's
    // move on; the findings of the other rules (duplicates, user managers, permissions…) stay.
    const nextDay = await rewritten(() => apply(world, { kind: 'days', days: 1 }));
    expect(nextDay.length).toBeGreaterThan(0);
    expect(nextDay.filter((row) => !timeBased.has(row.ruleId)).map((row) => row.id)).toEqual([]);
    expect(nextDay.map((row) => row.body.evidence)).toContainEqual(expect.stringContaining('100 days ago'));
    // Later the same day: nothing is recomputed.
    expect(await rewritten(() => apply(world, { kind: 'time', hours: 3 }))).toEqual([]);

    // 44 more days: the six logins used the day before the start cross the 45 days and are dormant.
    const later = await rewritten(() => apply(world, { kind: 'days', days: 44 }));
    expect(
      later.filter((row) => row.ruleId === 'dormant-account').map((row) => row.body.evidence),
    ).toHaveLength(8);
    expect(later.filter((row) => !timeBased.has(row.ruleId)).map((row) => row.id)).toEqual([]);

    // A threshold: only its rule's findings.
    const longer = await rewritten(async () => {
      await db
        .update(organisations)
        .set({ settings: { dormantDays: 60 } })
        .where(eq(organisations.id, world.orgId));
    });
    // Six logins are no longer dormant (their findings go), the other two say the new limit.
    expect(longer.map((row) => row.ruleId)).toEqual(['dormant-account', 'dormant-account']);
    expect(longer.map((row) => row.body.evidence)).toEqual([
      expect.stringContaining('the limit is 60'),
      expect.stringContaining('the limit is 60'),
    ]);
    expect((await stored(world)).findings.filter((f) => f.ruleId === 'dormant-account')).toHaveLength(2);
  });

  it('drop a finding on the day the sign-in it rests on leaves the shared-login window', async () => {
    const world = await newWorld();
    for (let i = 0; i < 2; i++) await apply(world, { kind: 'person', leaverDaysAgo: null });
    await apply(world, {
      kind: 'account',
      system: 0,
      username: 2,
      owner: 0,
      lastSignInDaysAgo: 1,
      createdDaysAgo: 150,
      permissions: [true, false, false],
    });
    // Someone other than the owner signed in with it 85 days ago: inside the 90 days' window.
    await apply(world, { kind: 'observe', account: 0, person: 1, daysAgo: 85 });
    const used = async () =>
      (await stored(world)).findings.filter((f) => f.ruleId === 'used-by-non-owner').map((f) => f.subject.id);
    expect(await used()).toEqual([world.accounts[0]]);
    await apply(world, { kind: 'days', days: 4 });
    expect(await used()).toEqual([world.accounts[0]]);
    await apply(world, { kind: 'days', days: 2 });
    expect(await used()).toEqual([]);
    expect((await fullEvaluation(world)).all.filter((f) => f.ruleId === 'used-by-non-owner')).toEqual([]);
  });

  it('say there is no such organisation', async () => {
    const orgId = crypto.randomUUID();
    expect(await refreshFindings(db, actor, orgId, START)).toBe(false);
    expect(await db.select().from(findingSets).where(eq(findingSets.orgId, orgId))).toEqual([]);
  });
});
