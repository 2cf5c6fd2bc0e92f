import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { plainLogin } from '../../../shared/classifier/lookalike';
import {
  type ObservationSettings,
  readObservationSettings,
  type reportObservationsSchema,
} from '../../../shared/schemas/observations';
import type { FieldError } from '../../../shared/schemas/problem';
import type { AuditEventInput } from '../audit/writer';
import { sha256Hex } from '../auth/crypto';
import {
  accounts,
  devices,
  enrolments,
  loginThrottle,
  organisations,
  people,
  signInObservations,
  systems,
} from '../db/schema';
import { batchGuard, type Db, toStatement } from '../db/versions';
import { accountsQueries } from '../directory/accounts-queries';
import { notInThisFirm, ProblemError } from '../http/problem';

/** An enrolment code stays usable this long. */
export const ENROLMENT_DAYS = 7;
/** Reports one browser may send an hour: a batch each, far above any person's real sign-ins. */
export const REPORTS_PER_DEVICE_PER_HOUR = 60;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A browser's clock may run a little fast; a sign-in further ahead than this is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function observationSettingsOf(
  db: Db,
  orgId: string,
): Promise<ObservationSettings & { name: string; settings: Record<string, unknown> }> {
  const [row] = await db
    .select({ name: organisations.name, settings: organisations.settings })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .limit(1);
  if (!row) throw new ProblemError(404, 'No such organisation.');
  return { ...readObservationSettings(row.settings), name: row.name, settings: row.settings };
}

/* --- enrolment codes ------------------------------------------------------------------------ */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 20 base32 letters (100 bits) in groups of five: short enough to read out, far too many to guess. */
export function newEnrolmentCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  const letters = [...bytes].map((byte) => BASE32[byte % 32]).join('');
  return letters.match(/.{5}/g)?.join('-') ?? letters;
}

/** The code as hashed: upper case, without the dashes and spaces people type or leave out. */
export const enrolmentCodeHash = (code: string) => sha256Hex(code.toUpperCase().replace(/[\s-]/g, ''));

export function createEnrolmentStatement(db: Db, enrolment: typeof enrolments.$inferInsert) {
  return db.insert(enrolments).values(enrolment);
}

export async function livePerson(db: Db, orgId: string, personId: string) {
  const [row] = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.orgId, orgId), eq(people.deleted, false)))
    .limit(1);
  return row;
}

/** The enrolment a code opens, if it is unused and not expired. */
export async function openEnrolment(db: Db, code: string, now: number) {
  const [row] = await db
    .select({ enrolment: enrolments, personName: people.name })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(
      and(
        eq(enrolments.codeHash, await enrolmentCodeHash(code)),
        isNull(enrolments.usedAt),
        sql`${enrolments.expiresAt} > ${now}`,
        eq(people.deleted, false),
      ),
    )
    .limit(1);
  return row;
}

/**
 * Statements that spend the enrolment and make its device. The guard fails the batch if another
 * join spent the code first, so one code makes one device.
 */
export function joinStatements(
  db: Db,
  enrolment: typeof enrolments.$inferSelect,
  device: { id: string; tokenHash: string; label: string | null },
  now: number,
) {
  return [
    toStatement(
      db,
      db
        .update(enrolments)
        .set({ usedAt: now })
        .where(and(eq(enrolments.id, enrolment.id), isNull(enrolments.usedAt))),
    ),
    batchGuard(db, sql`changes() = 1`),
    toStatement(
      db,
      db.insert(devices).values({
        ...device,
        orgId: enrolment.orgId,
        personId: enrolment.personId,
        enrolmentId: enrolment.id,
        createdAt: now,
      }),
    ),
  ];
}

/** The organisation's systems that have sign-in pages to observe. */
export async function observedSystems(db: Db, orgId: string) {
  const rows = await db
    .select({ id: systems.id, name: systems.name, signInUrlPatterns: systems.signInUrlPatterns })
    .from(systems)
    .where(and(eq(systems.orgId, orgId), eq(systems.deleted, false)))
    .orderBy(systems.name);
  return rows.filter((row) => row.signInUrlPatterns.length > 0);
}

/* --- devices ---------------------------------------------------------------------------------- */

export async function devicesOf(db: Db, orgId: string, personId?: string) {
  return db
    .select({
      id: devices.id,
      personId: devices.personId,
      personName: people.name,
      label: devices.label,
      createdAt: devices.createdAt,
      lastUsedAt: devices.lastUsedAt,
      rotatedAt: devices.rotatedAt,
      revokedAt: devices.revokedAt,
    })
    .from(devices)
    .innerJoin(people, eq(people.id, devices.personId))
    .where(and(eq(devices.orgId, orgId), personId ? eq(devices.personId, personId) : undefined))
    .orderBy(desc(devices.createdAt), devices.id);
}

export async function liveDevice(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ id: devices.id, personId: devices.personId, label: devices.label })
    .from(devices)
    .where(and(eq(devices.id, id), eq(devices.orgId, orgId), isNull(devices.revokedAt)))
    .limit(1);
  return row;
}

export function revokeDeviceStatement(db: Db, id: string, now: number) {
  return db.update(devices).set({ revokedAt: now }).where(eq(devices.id, id));
}

/** A new credential for the device: the old hash is replaced, so the old credential stops at once. */
export function rotateDeviceStatement(db: Db, id: string, tokenHash: string, now: number) {
  return db
    .update(devices)
    .set({ tokenHash, rotatedAt: now })
    .where(and(eq(devices.id, id), isNull(devices.revokedAt)));
}

/* --- reporting -------------------------------------------------------------------------------- */

const throttleKey = (deviceId: string) => `device:${deviceId}`;

/** Seconds until the device may report again, or null when it may now. */
export async function reportRetryAfter(db: Db, deviceId: string, now: number): Promise<number | null> {
  const [row] = await db
    .select()
    .from(loginThrottle)
    .where(eq(loginThrottle.key, throttleKey(deviceId)))
    .limit(1);
  if (!row || row.windowStart <= now - HOUR_MS || row.failures < REPORTS_PER_DEVICE_PER_HOUR) return null;
  return Math.ceil((row.windowStart + HOUR_MS - now) / 1000);
}

/** Counts one report from the device, in an hour-long window (as sign-ups are counted per address). */
export function reportCountStatement(db: Db, deviceId: string, now: number) {
  const stale = sql`${loginThrottle.windowStart} <= ${now - HOUR_MS}`;
  return db
    .insert(loginThrottle)
    .values({ key: throttleKey(deviceId), failures: 1, windowStart: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${stale} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStart: sql`CASE WHEN ${stale} THEN ${now} ELSE ${loginThrottle.windowStart} END`,
      },
    });
}

/** How a login is matched to an account: case-insensitive, on its plain form when it is a look-alike. */
export const loginKey = (login: string) => plainLogin(login.normalize('NFC')).toLowerCase();

type Report = z.infer<typeof reportObservationsSchema>;

/**
 * Plans a device's report: matches each sign-in to its account (making an unowned account for a
 * login the directory does not know), and answers the statements that record it and one audit
 * event for each person and login seen together for the first time.
 */
export async function planReport(
  db: Db,
  device: { id: string; orgId: string; personId: string },
  report: Report,
  retentionDays: number,
  now: number,
) {
  const errors: FieldError[] = [];
  report.observations.forEach((o, index) => {
    if (o.observedAt > now + CLOCK_SKEW_MS)
      errors.push({ field: `body.observations.${index}.observedAt`, message: 'a time in the future' });
  });
  const systemIds = [...new Set(report.observations.map((o) => o.systemId))];
  const known = await db
    .select({ id: systems.id })
    .from(systems)
    .where(and(eq(systems.orgId, device.orgId), eq(systems.deleted, false), inArray(systems.id, systemIds)));
  const knownIds = new Set(known.map((row) => row.id));
  report.observations.forEach((o, index) => {
    if (!knownIds.has(o.systemId))
      errors.push({ field: `body.observations.${index}.systemId`, message: notInThisFirm('system') });
  });
  if (errors.length > 0) throw new ProblemError(422, 'Some sign-ins could not be recorded.', errors);

  // Older than the retention period: already past keeping.
  const oldest = now - retentionDays * DAY_MS;
  const latest = new Map<string, { systemId: string; login: string; observedAt: number }>();
  for (const o of report.observations) {
    if (o.observedAt < oldest) continue;
    const key = `${o.systemId}\n${loginKey(o.login)}`;
    const seen = latest.get(key);
    if (!seen || seen.observedAt < o.observedAt)
      latest.set(key, { ...o, observedAt: Math.min(o.observedAt, now) });
  }

  const existing = await db
    .select({
      id: accounts.id,
      systemId: accounts.systemId,
      username: accounts.username,
      deleted: accounts.deleted,
    })
    .from(accounts)
    .where(and(eq(accounts.orgId, device.orgId), inArray(accounts.systemId, systemIds)));
  type Existing = (typeof existing)[number];
  const byKey = new Map<string, Existing[]>();
  for (const account of existing) {
    const key = `${account.systemId}\n${loginKey(account.username)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), account]);
  }
  // A live account wins over a deleted one; one spelt as typed (any case) over a look-alike of it.
  const rank = (a: Existing, login: string) =>
    (a.deleted ? 2 : 0) + (a.username.toLowerCase() === login.toLowerCase() ? 0 : 1);
  const best = (key: string, login: string) =>
    [...(byKey.get(key) ?? [])].sort((a, b) => rank(a, login) - rank(b, login))[0];

  const statements: D1PreparedStatement[] = [];
  const events: AuditEventInput[] = [];
  const matched: { accountId: string; observedAt: number; systemId: string; login: string }[] = [];
  for (const [key, o] of latest) {
    const found = best(key, o.login);
    if (found) {
      matched.push({
        accountId: found.id,
        observedAt: o.observedAt,
        systemId: o.systemId,
        login: found.username,
      });
      continue;
    }
    const id = crypto.randomUUID();
    const write = await accountsQueries.create(
      db,
      device.orgId,
      { id, systemId: o.systemId, username: o.login, status: 'active', permissions: [], userPersonIds: [] },
      now,
    );
    statements.push(...write.statements);
    events.push({
      action: 'account.create',
      targetType: 'account',
      targetId: id,
      after: { systemId: o.systemId, username: o.login, ownerPersonId: null, source: 'sign-in observation' },
    });
    matched.push({ accountId: id, observedAt: o.observedAt, systemId: o.systemId, login: o.login });
  }

  const accountIds = matched.map((m) => m.accountId);
  const pairs =
    accountIds.length === 0
      ? []
      : await db
          .select({ accountId: signInObservations.accountId })
          .from(signInObservations)
          .where(
            and(
              eq(signInObservations.personId, device.personId),
              inArray(signInObservations.accountId, accountIds),
            ),
          );
  const seenBefore = new Set(pairs.map((p) => p.accountId));
  for (const m of matched) {
    statements.push(
      toStatement(
        db,
        db
          .insert(signInObservations)
          .values({
            orgId: device.orgId,
            accountId: m.accountId,
            personId: device.personId,
            lastObservedAt: m.observedAt,
          })
          .onConflictDoUpdate({
            target: [signInObservations.accountId, signInObservations.personId],
            set: { lastObservedAt: sql`max(${signInObservations.lastObservedAt}, ${m.observedAt})` },
          }),
      ),
    );
    if (!seenBefore.has(m.accountId)) {
      events.push({
        action: 'observation.new_login_user',
        targetType: 'account',
        targetId: m.accountId,
        after: { personId: device.personId, systemId: m.systemId, login: m.login, deviceId: device.id },
      });
    }
  }
  statements.push(toStatement(db, reportCountStatement(db, device.id, now)));
  return {
    statements,
    events,
    recorded: matched.length,
    newPairs: matched.filter((m) => !seenBefore.has(m.accountId)).length,
  };
}

/** What the rules read of a sign-in observation. */
export const observationColumns = {
  accountId: signInObservations.accountId,
  personId: signInObservations.personId,
  lastObservedAt: signInObservations.lastObservedAt,
};

/** Every observation of the organisation: each person's latest sign-in per login. */
export function organisationObservations(db: Db, orgId: string) {
  return db.select(observationColumns).from(signInObservations).where(eq(signInObservations.orgId, orgId));
}

/** The person's own observed sign-ins, newest first. */
export async function ownObservations(db: Db, orgId: string, personId: string) {
  return db
    .select({
      systemId: systems.id,
      systemName: systems.name,
      login: accounts.username,
      lastObservedAt: signInObservations.lastObservedAt,
    })
    .from(signInObservations)
    .innerJoin(accounts, eq(accounts.id, signInObservations.accountId))
    .innerJoin(systems, eq(systems.id, accounts.systemId))
    .where(and(eq(signInObservations.orgId, orgId), eq(signInObservations.personId, personId)))
    .orderBy(desc(signInObservations.lastObservedAt))
    .limit(500);
}

/** Removes the organisation's observations older than its retention period (the daily check). */
export function pruneObservationsStatement(db: Db, orgId: string, retentionDays: number, now: number) {
  return db
    .delete(signInObservations)
    .where(
      and(
        eq(signInObservations.orgId, orgId),
        lt(signInObservations.lastObservedAt, now - retentionDays * DAY_MS),
      ),
    )
    .returning({ accountId: signInObservations.accountId });
}
