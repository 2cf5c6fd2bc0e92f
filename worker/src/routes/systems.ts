import { contract } from '../../../shared/contract';
import { database } from '../db/client';
import { runAudited } from '../directory/audited-write';
import { isStaleSnapshotError, planSnapshotWrite } from '../directory/reconcile-snapshot-write';
import {
  createSystem,
  deleteSystem,
  getSystem,
  listSystems,
  updateSystem,
} from '../directory/systems-queries';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';
import { planSnapshotTodoClosures } from '../reviews/todos';

/** A reconcile re-plans when the accounts changed under it; past this many tries it gives up (409). */
const SNAPSHOT_ATTEMPTS = 3;

export const systemsRoutes = handlers(contract.systems, {
  list: async (c) =>
    c.json(await listSystems(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  create: async (c) => {
    const db = database(c.env.DB);
    const input = { ...c.req.valid('json'), id: c.req.valid('json').id ?? crypto.randomUUID() };
    const write = await createSystem(db, c.get('member').orgId, input);
    const system = await runAudited(c, db, write, [
      { action: 'system.create', targetType: 'system', targetId: input.id, after: input },
    ]);
    return c.json(system, 201);
  },
  get: async (c) =>
    c.json(await getSystem(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  update: async (c) => {
    const db = database(c.env.DB);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const { before, write } = await updateSystem(db, c.get('member').orgId, id, input);
    const system = await runAudited(c, db, write, [
      {
        action: 'system.update',
        targetType: 'system',
        targetId: id,
        before,
        after: { ...before, ...input },
      },
    ]);
    return c.json(system);
  },
  remove: async (c) => {
    const db = database(c.env.DB);
    const { id } = c.req.valid('param');
    const { before, write } = await deleteSystem(db, c.get('member').orgId, id);
    await runAudited(c, db, write, [{ action: 'system.delete', targetType: 'system', targetId: id, before }]);
    return c.body(null, 204);
  },
  sendSnapshot: async (c) => {
    const db = database(c.env.DB);
    const { id } = c.req.valid('param');
    const snapshot = c.req.valid('json');
    for (let attempt = 1; ; attempt++) {
      const { plan, write } = await planSnapshotWrite(db, c.get('member').orgId, id, snapshot);
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
