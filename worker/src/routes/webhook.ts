import { eq } from 'drizzle-orm';
import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { orgWebhooks } from '../db/schema';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '')}`;
}

export const webhookRoutes = handlers(contract.webhook, {
  get: async (c) => {
    const [row] = await database(c.env.DB)
      .select()
      .from(orgWebhooks)
      .where(eq(orgWebhooks.orgId, c.get('member').orgId));
    if (!row) return c.json({ webhook: null });
    const { secret: _, orgId: __, ...webhook } = row;
    return c.json({ webhook });
  },
  set: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const { url } = c.req.valid('json');
    const row = {
      orgId,
      url,
      secret: randomSecret(),
      createdAt: Date.now(),
      lastStatus: null,
      lastAttemptAt: null,
    };
    await writeAudited(
      db,
      memberActor(c),
      [db.insert(orgWebhooks).values(row).onConflictDoUpdate({ target: orgWebhooks.orgId, set: row })],
      [{ action: 'organisation.webhook_set', targetType: 'organisation', targetId: orgId, after: { url } }],
    );
    const { orgId: _, ...answer } = row;
    return c.json(answer);
  },
  remove: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const [row] = await db.select().from(orgWebhooks).where(eq(orgWebhooks.orgId, orgId));
    if (!row) throw new ProblemError(404, 'No webhook is set.');
    await writeAudited(
      db,
      memberActor(c),
      [db.delete(orgWebhooks).where(eq(orgWebhooks.orgId, orgId))],
      [
        {
          action: 'organisation.webhook_remove',
          targetType: 'organisation',
          targetId: orgId,
          before: { url: row.url },
        },
      ],
    );
    return c.body(null, 204);
  },
});
