import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { loginThrottle } from '../db/schema';

/**
 * ASVS 5.0 §6.3.1: five consecutive failures lock out further attempts for 15 minutes. Following
 * OWASP's "slow down online guessing attacks with device cookies", the lock falls on where the
 * guesses come from, not on the member: failures from browsers the member never signed in from
 * count on the account (`account:<email>`) and on the address (`ip:<address>`), and lock those
 * out; a browser that signed in as the member before (a known-browser token) has a count of its
 * own (`browser:<token hash>`). So a stranger who knows an email cannot keep its owner out.
 */
const CONSECUTIVE_FAILURE_LIMIT = 5;
const LOCK_MS = 15 * 60_000;
/** On top, an address that fails this often within 15 minutes is held off (password spraying). */
const ADDRESS_FAILURE_LIMIT = 30;

/** Who is guessing: the email tried, from which address, from which known browser (its token's hash). */
export type SignInSource = { email: string; ip: string | null; knownBrowser: string | null };

/** The key of the consecutive-failure count a source's attempts fall under, and its address key. */
function keysOf(source: SignInSource): { consecutive: string; address: string | null } {
  if (source.knownBrowser) return { consecutive: `browser:${source.knownBrowser}`, address: null };
  return { consecutive: `account:${source.email}`, address: source.ip ? `ip:${source.ip}` : null };
}

export type ThrottleState = {
  /** Seconds to wait, when locked. */
  retryAfter: number | null;
  /** Consecutive failures so far, from this kind of source. */
  consecutiveFailures: number;
};

export async function throttleState(db: Database, source: SignInSource, now: number): Promise<ThrottleState> {
  const { consecutive, address } = keysOf(source);
  const keys = [consecutive, ...(address ? [address] : [])];
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  let lockedUntil = 0;
  let consecutiveFailures = 0;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) lockedUntil = Math.max(lockedUntil, row.lockedUntil);
    if (row.key === consecutive) {
      // A lock that has run out starts the count again.
      consecutiveFailures = row.lockedUntil && row.lockedUntil <= now ? 0 : row.failures;
    }
  }
  return {
    retryAfter: lockedUntil > now ? Math.ceil((lockedUntil - now) / 1000) : null,
    consecutiveFailures,
  };
}

/** Whether one more failure locks the source out. */
export const lockingFailure = (state: ThrottleState) =>
  state.consecutiveFailures + 1 >= CONSECUTIVE_FAILURE_LIMIT;
export const LOCK_MINUTES = LOCK_MS / 60_000;

/** Statements counting one failure against the source (atomic increments). */
export function failureStatements(db: Database, source: SignInSource, now: number) {
  const { consecutive, address } = keysOf(source);
  const counted = db
    .insert(loginThrottle)
    .values({ key: consecutive, failures: 1, windowStart: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.lockedUntil} IS NOT NULL AND ${loginThrottle.lockedUntil} <= ${now}
          THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        lockedUntil: sql`CASE
          WHEN ${loginThrottle.lockedUntil} IS NOT NULL AND ${loginThrottle.lockedUntil} <= ${now} THEN NULL
          WHEN ${loginThrottle.failures} + 1 >= ${CONSECUTIVE_FAILURE_LIMIT} THEN ${now + LOCK_MS}
          ELSE ${loginThrottle.lockedUntil} END`,
      },
    });
  if (!address) return [counted] as const;
  const fromAddress = db
    .insert(loginThrottle)
    .values({ key: address, failures: 1, windowStart: now, lockedUntil: null })
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
  return [counted, fromAddress] as const;
}

/**
 * A successful sign-in ends the source's run of consecutive failures (the address count stays).
 * A known browser's success leaves strangers' count on the account as it is: they stay locked out.
 */
export function successStatement(db: Database, source: SignInSource) {
  return db.delete(loginThrottle).where(eq(loginThrottle.key, keysOf(source).consecutive));
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
