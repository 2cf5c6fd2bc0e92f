import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { createdWebhookSchema, setWebhookSchema, webhookStateSchema } from '../../../shared/schemas/reviews';
import type { AppEnv } from '../app-env';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { orgWebhooks } from '../db/schema';
import { ProblemError } from '../http/problem';
import { routeGroup } from '../http/route';
import { problem } from './directory-access';

const api = routeGroup('/api/v1/organisation/webhook', 'Organisation');

/** Where the firm's notifications leave Rollcall is the owner's call alone. */
const OWNER = ['owner'] as const;

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '')}`;
}

export const webhookApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'The webhook the daily check posts to, if any (never its secret)',
      roles: OWNER,
      responses: { 200: { description: 'The webhook or null', schema: webhookStateSchema } },
    }),
    async (c) => {
      const [row] = await database(c.env.DB)
        .select()
        .from(orgWebhooks)
        .where(eq(orgWebhooks.orgId, c.get('member').orgId));
      if (!row) return c.json({ webhook: null });
      const { secret: _, orgId: __, ...webhook } = row;
      return c.json({ webhook });
    },
  )
  .put(
    '/',
    api.route({
      method: 'put',
      path: '/',
      summary: 'Set the https webhook URL; answers a new signing secret, shown this once',
      roles: OWNER,
      body: setWebhookSchema,
      responses: {
        200: { description: 'The webhook and its secret', schema: createdWebhookSchema },
        422: problem('Not an https URL'),
      },
    }),
    async (c) => {
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
  )
  .delete(
    '/',
    api.route({
      method: 'delete',
      path: '/',
      summary: 'Stop posting notifications to the webhook',
      roles: OWNER,
      responses: { 204: { description: 'Removed' }, 404: problem('No webhook set') },
    }),
    async (c) => {
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
  );
