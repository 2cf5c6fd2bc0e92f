import { contract } from '../../../shared/contract';
import { removalsNeedConfirmation } from '../../../shared/directory/reconcile-snapshot';
import { runAudited } from '../audit/writer';
import { database } from '../db/client';
import { directoryHandlers } from '../directory/directory-handlers';
import { isStaleSnapshotError, planSnapshotWrite } from '../directory/reconcile-snapshot-write';
import { systemsQueries } from '../directory/systems-queries';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';
import { planSnapshotTodoClosures } from '../reviews/todos';

/** A reconcile re-plans when the accounts changed under it; past this many tries it gives up (409). */
const SNAPSHOT_ATTEMPTS = 3;

export const systemsRoutes = handlers(contract.systems, {
  ...directoryHandlers(contract.systems, systemsQueries, 'system'),
  sendSnapshot: async (c) => {
    const db = database(c.env.DB);
    const { id } = c.req.valid('param');
    const snapshot = c.req.valid('json');
    for (let attempt = 1; ; attempt++) {
      const { plan, write } = await planSnapshotWrite(db, c.get('member').orgId, id, snapshot);
      if (!snapshot.confirmRemovals && removalsNeedConfirmation(plan.diff.removed, plan.live)) {
        const { removed } = plan.diff;
        const which =
          removed < plan.live
            ? `${removed} of the ${plan.live} logins`
            : plan.live === 1
              ? 'the only login'
              : `all ${plan.live} logins`;
        throw new ProblemError(
          409,
          // Plain words: the extension shows this to the admin as its question.
          `This list would mark ${which} of this system removed; nothing is changed until you confirm.`,
          [
            {
              field: 'body.confirmRemovals',
              message: `confirm that ${removed} ${removed === 1 ? 'login is' : 'logins are'} removed`,
            },
          ],
        );
      }
      // To-dos the list shows done (a revoked login gone, permissions as decided) close in the same batch.
      const closures = await planSnapshotTodoClosures(db, c.get('member').orgId, id, plan, Date.now());
      write.statements.push(...closures.statements);
      const { diff } = plan;
      const names = (change: string) =>
        diff.rows.filter((row) => row.change === change).map((row) => row.username);
      try {
        await runAudited(c, db, write, [
          {
            action: 'system.snapshot',
            targetType: 'system',
            targetId: id,
            after: {
              added: names('added'),
              changed: diff.rows
                .filter((row) => row.change === 'changed')
                .map((row) => ({ username: row.username, fields: row.fields })),
              removed: names('removed'),
              unchanged: diff.unchanged,
              complete: snapshot.complete,
            },
          },
          ...closures.events,
        ]);
        return c.json(diff);
      } catch (error) {
        if (!isStaleSnapshotError(error)) throw error;
        if (attempt >= SNAPSHOT_ATTEMPTS) {
          throw new ProblemError(409, 'The accounts of this system kept changing: send the list again.');
        }
      }
    }
  },
});
