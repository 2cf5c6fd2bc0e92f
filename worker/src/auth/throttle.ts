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

/**
 * A count of events under `key` in a fixed window of `windowMs` (sign-ups per address, invitations
 * per member): seconds until one more is allowed, or null when it is allowed now.
 */
async function windowRetryAfter(
  db: Database,
  key: string,
  limit: number,
  windowMs: number,
  now: number,
): Promise<number | null> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
  if (!row || row.windowStart <= now - windowMs || row.failures < limit) return null;
  return Math.ceil((row.windowStart + windowMs - now) / 1000);
}

/** Counts one event under `key`, starting a new window when the last one has run out. */
function windowCountStatement(db: Database, key: string, windowMs: number, now: number) {
  const stale = sql`${loginThrottle.windowStart} <= ${now - windowMs}`;
  return db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStart: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${stale} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        windowStart: sql`CASE WHEN ${stale} THEN ${now} ELSE ${loginThrottle.windowStart} END`,
      },
    });
}

/** Organisations one address may sign up per hour: sign-up costs a password hash and a new tenant. */
const SIGNUPS_PER_ADDRESS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;
const signupKey = (ip: string) => `signup:${ip}`;

/** Seconds until the address may sign up again, or null when it may now. */
export async function signupRetryAfter(db: Database, ip: string | null, now: number): Promise<number | null> {
  if (!ip) return null;
  return windowRetryAfter(db, signupKey(ip), SIGNUPS_PER_ADDRESS_PER_HOUR, HOUR_MS, now);
}

/**
 * Counts one sign-up from the address, in an hour-long window: refused ones too (an email already
 * in use), so sign-up cannot be used to test many emails.
 */
export function signupStatements(db: Database, ip: string | null, now: number) {
  if (!ip) return [];
  return [windowCountStatement(db, signupKey(ip), HOUR_MS, now)];
}

/**
 * Invitations: each makes a setup token and an audit event, so a member may make 20 an hour and an
 * organisation 50 a day (a small firm's whole staff on its first day).
 */
const INVITE_LIMITS = [
  { key: (member: InviteMaker) => `invite-member:${member.id}`, limit: 20, windowMs: HOUR_MS },
  { key: (member: InviteMaker) => `invite-org:${member.orgId}`, limit: 50, windowMs: 24 * HOUR_MS },
] as const;
type InviteMaker = { id: string; orgId: string };

/** Seconds until the member may invite again, or null when they may now. */
export async function inviteRetryAfter(
  db: Database,
  member: InviteMaker,
  now: number,
): Promise<number | null> {
  const waits = await Promise.all(
    INVITE_LIMITS.map((rule) => windowRetryAfter(db, rule.key(member), rule.limit, rule.windowMs, now)),
  );
  const longest = Math.max(...waits.map((wait) => wait ?? 0));
  return longest > 0 ? longest : null;
}

/** Counts one invitation against the member and the organisation. */
export function inviteStatements(db: Database, member: InviteMaker, now: number) {
  return INVITE_LIMITS.map((rule) => windowCountStatement(db, rule.key(member), rule.windowMs, now));
}
