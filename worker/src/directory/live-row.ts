import { and, eq } from 'drizzle-orm';
import type { accounts, jobRoles, people, systems } from '../db/schema';
import type { Db } from '../db/versions';

type DirectoryTable = typeof people | typeof systems | typeof jobRoles | typeof accounts;

/**
 * One row of the organisation's directory by id, unless deleted. An id of another organisation
 * reads as missing, so it answers 404 like an id that never existed.
 */
export async function findLiveRow<T extends DirectoryTable>(
  db: Db,
  table: T,
  orgId: string,
  id: string,
): Promise<T['$inferSelect'] | undefined> {
  const directoryTable: DirectoryTable = table;
  const [row] = await db
    .select()
    .from(directoryTable)
    .where(
      and(eq(directoryTable.orgId, orgId), eq(directoryTable.id, id), eq(directoryTable.deleted, false)),
    );
  return row as T['$inferSelect'] | undefined;
}
