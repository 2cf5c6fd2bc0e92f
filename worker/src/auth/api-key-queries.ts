import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ApiKey, ApiKeyRole } from '../../../shared/schemas/api-keys';
import type { Database } from '../db/client';
import { apiKeys, members } from '../db/schema';

/** How many keys a list shows: far more than a small firm makes. */
const LIST_LIMIT = 500;

const listed = {
  id: apiKeys.id,
  name: apiKeys.name,
  role: apiKeys.role,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  createdById: apiKeys.createdBy,
  createdByName: members.name,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

function publicKey(
  row: { createdById: string; createdByName: string; role: string } & Omit<ApiKey, 'createdBy' | 'role'>,
): ApiKey {
  const { createdById, createdByName, ...key } = row;
  return { ...key, role: key.role as ApiKeyRole, createdBy: { id: createdById, name: createdByName } };
}

/** The organisation's keys, newest first, without their hashes. */
export async function listApiKeys(db: Database, orgId: string): Promise<ApiKey[]> {
  const rows = await db
    .select(listed)
    .from(apiKeys)
    .innerJoin(members, eq(members.id, apiKeys.createdBy))
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(LIST_LIMIT);
  return rows.map(publicKey);
}

export function insertApiKeyStatement(db: Database, row: typeof apiKeys.$inferInsert) {
  return db.insert(apiKeys).values(row);
}

/** A key of the organisation not revoked (an expired one may still be revoked), as the audit shows it. */
export async function unrevokedApiKey(db: Database, orgId: string, id: string) {
  const [row] = await db
    .select({ name: apiKeys.name, role: apiKeys.role, prefix: apiKeys.prefix, expiresAt: apiKeys.expiresAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, orgId), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

export function revokeApiKeyStatement(db: Database, orgId: string, id: string, now: number) {
  return db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, orgId), isNull(apiKeys.revokedAt)));
}

/** A key by its secret's hash, with its creator as they are now (role, removal). */
export async function apiKeyByHash(db: Database, secretHash: string) {
  const [row] = await db
    .select({
      key: apiKeys,
      creator: { id: members.id, name: members.name, role: members.role, removedAt: members.removedAt },
    })
    .from(apiKeys)
    .innerJoin(members, and(eq(members.id, apiKeys.createdBy), eq(members.orgId, apiKeys.orgId)))
    .where(eq(apiKeys.secretHash, secretHash))
    .limit(1);
  return row;
}

export function touchApiKeyStatement(db: Database, id: string, now: number) {
  return db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}
