import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { organisations, orgWebhooks } from '../db/schema';
import { ProblemError } from '../http/problem';

/** The organisation's row, or 404. */
export async function organisationOf(db: Database, orgId: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, orgId)).limit(1);
  if (!row) throw new ProblemError(404, 'No such organisation.');
  return row;
}

export function updateOrganisationStatement(
  db: Database,
  orgId: string,
  set: { name: string; settings: Record<string, unknown> },
) {
  return db.update(organisations).set(set).where(eq(organisations.id, orgId));
}

/** The webhook the daily check posts to, with its secret, if one is set. */
export async function webhookOf(db: Database, orgId: string) {
  const [row] = await db.select().from(orgWebhooks).where(eq(orgWebhooks.orgId, orgId));
  return row;
}

/** Sets the organisation's one webhook, replacing any before it. */
export function setWebhookStatement(db: Database, row: typeof orgWebhooks.$inferInsert) {
  return db.insert(orgWebhooks).values(row).onConflictDoUpdate({ target: orgWebhooks.orgId, set: row });
}

export function removeWebhookStatement(db: Database, orgId: string) {
  return db.delete(orgWebhooks).where(eq(orgWebhooks.orgId, orgId));
}
