import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv, AuthedDevice } from '../app-env';
import type { AuditActor } from '../audit/writer';
import { writeAudited } from '../audit/writer';
import { randomToken, sha256Hex } from '../auth/crypto';
import { database } from '../db/client';
import { devices, people } from '../db/schema';
import { ProblemError } from '../http/problem';
import { clientOf } from '../http/request-context';

/** Device credentials start with this, so one is never mistaken for (or tried as) a member token. */
const CREDENTIAL_PREFIX = 'rcd_';
/** How often a device's last use is written back. */
const TOUCH_EVERY_MS = 60_000;

export function newDeviceCredential(): string {
  return `${CREDENTIAL_PREFIX}${randomToken()}`;
}

export const credentialHash = (credential: string) => sha256Hex(credential);

function unauthorised(detail: string): ProblemError {
  return new ProblemError(401, detail, undefined, { 'www-authenticate': 'Bearer realm="rollcall-device"' });
}

/** The actor of a device's writes: the person the browser was enrolled for, via that browser. */
export function deviceActor(c: Context<AppEnv>): AuditActor {
  const device = c.get('device');
  return {
    orgId: device.orgId,
    actorId: device.personId,
    actorName: `${device.personName} (staff browser)`,
    ...clientOf(c),
  };
}

/**
 * Resolves a device credential to its live device. Only the hash is stored, so a leaked database
 * gives no working credential; a revoked device, or one whose person was deleted, is refused.
 */
export async function authenticateDevice(c: Context<AppEnv>): Promise<AuthedDevice> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer (rcd_[A-Za-z0-9_-]{43})$/.exec(header);
  if (!match?.[1]) throw unauthorised('Send this browser’s device credential: Authorization: Bearer rcd_….');
  const db = database(c.env.DB);
  const [row] = await db
    .select({
      id: devices.id,
      orgId: devices.orgId,
      personId: devices.personId,
      personName: people.name,
      lastUsedAt: devices.lastUsedAt,
    })
    .from(devices)
    .innerJoin(people, and(eq(people.id, devices.personId), eq(people.orgId, devices.orgId)))
    .where(
      and(
        eq(devices.tokenHash, await credentialHash(match[1])),
        isNull(devices.revokedAt),
        eq(people.deleted, false),
      ),
    )
    .limit(1);
  if (!row)
    throw unauthorised(
      'This browser is not enrolled, or its enrolment was revoked. Ask your admin for a new code.',
    );
  const { lastUsedAt, ...device } = row;
  const now = Date.now();
  if (lastUsedAt === null || now - lastUsedAt > TOUCH_EVERY_MS) {
    // Bookkeeping nobody decided: the one write path, with no audit event.
    await writeAudited(
      db,
      { orgId: device.orgId, actorId: null, actorName: '', ...clientOf(c) },
      [db.update(devices).set({ lastUsedAt: now }).where(eq(devices.id, device.id))],
      [],
    );
  }
  return device;
}
