import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { type AuditEventInput, memberActor, writeAudited } from '../audit/writer';
import { asBatchItem, type Db, type Write } from '../db/versions';

/** Runs a directory write and its audit events in one D1 batch, as the signed-in member. */
export async function runAudited<T>(
  c: Context<AppEnv>,
  db: Db,
  write: Write<T>,
  events: readonly AuditEventInput[],
): Promise<T> {
  const results = await writeAudited(db, memberActor(c), write.statements.map(asBatchItem), events);
  return write.read(results as unknown as D1Result[]);
}
