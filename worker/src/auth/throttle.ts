import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { loginThrottle } from '../db/schema';

/** ASVS 5.0 §6.3.1: five consecutive failures lock an account for 15 minutes. */
const ACCOUNT_FAILURE_LIMIT = 5;
const LOCK_MS = 15 * 60_000;
/** On top, an address that fails this often within 15 minutes is held off (password spraying). */
const ADDRESS_FAILURE_LIMIT = 30;

const accountKey = (email: string) => `account:${email}`;
const addressKey = (ip: string) => `ip:${ip}`;

export type ThrottleState = {
  /** Seconds to wait, when locked. */
  retryAfter: number | null;
  /** Consecutive failures on the account so far. */
  accountFailures: number;
};

export async function throttleState(
  db: Database,
  email: string,
  ip: string | null,
  now: number,
): Promise<ThrottleState> {
  const keys = [accountKey(email), ...(ip ? [addressKey(ip)] : [])];
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  let lockedUntil = 0;
  let accountFailures = 0;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) lockedUntil = Math.max(lockedUntil, row.lockedUntil);
    if (row.key === accountKey(email)) {
      // A lock that has run out starts the count again.
      accountFailures = row.lockedUntil && row.lockedUntil <= now ? 0 : row.failures;
    }
  }
  return {
    retryAfter: lockedUntil > now ? Math.ceil((lockedUntil - now) / 1000) : null,
    accountFailures,
  };
}

/** Statements counting one failure against the account and the address (atomic increments). */
export function failureStatements(db: Database, email: string, ip: string | null, now: number) {
  const account = db
    .insert(loginThrottle)
    .values({ key: accountKey(email), failures: 1, windowStart: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.lockedUntil} IS NOT NULL AND ${loginThrottle.lockedUntil} <= ${now}
          THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        lockedUntil: sql`CASE
          WHEN ${loginThrottle.lockedUntil} IS NOT NULL AND ${loginThrottle.lockedUntil} <= ${now} THEN NULL
          WHEN ${loginThrottle.failures} + 1 >= ${ACCOUNT_FAILURE_LIMIT} THEN ${now + LOCK_MS}
          ELSE ${loginThrottle.lockedUntil} END`,
      },
    });
  if (!ip) return [account] as const;
  const address = db
    .insert(loginThrottle)
    .values({ key: addressKey(ip), failures: 1, windowStart: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.windowStart} <= ${now - LOCK_MS} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStart: sql`CASE WHEN ${loginThrottle.windowStart} <= ${now - LOCK_MS} THEN ${now} ELSE ${loginThrottle.windowStart} END`,
        lockedUntil: sql`CASE
          WHEN ${loginThrottle.windowStart} > ${now - LOCK_MS} AND ${loginThrottle.failures} + 1 >= ${ADDRESS_FAILURE_LIMIT}
          THEN ${now + LOCK_MS} ELSE ${loginThrottle.lockedUntil} END`,
      },
    });
  return [account, address] as const;
}

/** A successful sign-in ends the run of consecutive failures (the address count stays). */
export function successStatement(db: Database, email: string) {
  return db.delete(loginThrottle).where(eq(loginThrottle.key, accountKey(email)));
}

/** Organisations one address may sign up per hour: sign-up costs a password hash and a new tenant. */
const SIGNUPS_PER_ADDRESS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;
const signupKey = (ip: string) => `signup:${ip}`;

/** Seconds until the address may sign up again, or null when it may now. */
export async function signupRetryAfter(db: Database, ip: string | null, now: number): Promise<number | null> {
  if (!ip) return null;
  const [row] = await db
    .select()
    .from(loginThrottle)
    .where(eq(loginThrottle.key, signupKey(ip)))
    .limit(1);
  if (!row || row.windowStart <= now - HOUR_MS || row.failures < SIGNUPS_PER_ADDRESS_PER_HOUR) return null;
  return Math.ceil((row.windowStart + HOUR_MS - now) / 1000);
}

/** Counts one sign-up from the address, in an hour-long window. */
export function signupStatements(db: Database, ip: string | null, now: number) {
  if (!ip) return [];
  const stale = sql`${loginThrottle.windowStart} <= ${now - HOUR_MS}`;
  return [
    db
      .insert(loginThrottle)
      .values({ key: signupKey(ip), failures: 1, windowStart: now, lockedUntil: null })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`CASE WHEN ${stale} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
          windowStart: sql`CASE WHEN ${stale} THEN ${now} ELSE ${loginThrottle.windowStart} END`,
        },
      }),
  ];
}
