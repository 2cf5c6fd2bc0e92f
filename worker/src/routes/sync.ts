import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { asBatchItem } from '../db/versions';
import { handlers, withFirstRead } from '../http/route';
import { pullOf, pullReads } from '../sync/sync-pull';
import { planPush } from '../sync/sync-push';

export const syncRoutes = handlers(contract.sync, {
  pull: withFirstRead(
    contract.sync.pull,
    (db, orgId, { query }) => pullReads(db, orgId, query.since, query.limit),
    (c, rows) => {
      const { since, limit } = c.req.valid('query');
      return c.json(pullOf(rows, since, limit));
    },
  ),
  push: async (c) => {
    const db = database(c.env.DB);
    const plan = await planPush(db, c.get('member').orgId, c.req.valid('json').mutations);
    if (plan.statements.length > 0) {
      // One audit event for the whole push: a push of 500 offline edits stays one batch of a few
      // statements, and the event still lists every row with its before and after.
      await writeAudited(db, memberActor(c), plan.statements.map(asBatchItem), [
        {
          action: 'sync.push',
          targetType: 'organisation',
          targetId: c.get('member').orgId,
          after: plan.changes.map((change) => ({
            entity: change.entity,
            id: change.rowId,
            action: change.action,
            before: change.before,
            after: change.after,
            mutationIds: change.mutationIds,
          })),
        },
      ]);
    }
    return c.json({ results: await plan.settle() });
  },
});
