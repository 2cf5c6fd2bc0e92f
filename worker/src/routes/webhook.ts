import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';
import { removeWebhookStatement, setWebhookStatement, webhookOf } from '../organisation/organisation-queries';

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '')}`;
}

export const webhookRoutes = handlers(contract.webhook, {
  get: async (c) => {
    const row = await webhookOf(database(c.env.DB), c.get('member').orgId);
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
      [setWebhookStatement(db, row)],
      [{ action: 'organisation.webhook_set', targetType: 'organisation', targetId: orgId, after: { url } }],
    );
    const { orgId: _, ...answer } = row;
    return c.json(answer);
  },
  remove: async (c) => {
    const db = database(c.env.DB);
    const { orgId } = c.get('member');
    const row = await webhookOf(db, orgId);
    if (!row) throw new ProblemError(404, 'No webhook is set.');
    await writeAudited(
      db,
      memberActor(c),
      [removeWebhookStatement(db, orgId)],
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
