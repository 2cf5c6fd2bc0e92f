import { Hono } from 'hono';
import { systemSchema } from '../../../shared/schemas/directory';
import {
  createSystemSchema,
  listQuerySchema,
  pageSchema,
  snapshotDiffSchema,
  snapshotSchema,
  updateSystemSchema,
} from '../../../shared/schemas/directory-input';
import type { AppEnv } from '../app-env';
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
import { routeGroup } from '../http/route';
import { planSnapshotTodoClosures } from '../reviews/todos';
import { EDITORS, idParamsSchema, problem, READERS } from './directory-access';

const api = routeGroup('/api/v1/systems', 'Systems');

/** A reconcile re-plans when the accounts changed under it; past this many tries it gives up (409). */
const SNAPSHOT_ATTEMPTS = 3;

export const systemsApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'The back-office systems the firm uses, in name order',
      roles: READERS,
      query: listQuerySchema,
      responses: { 200: { description: 'One page of systems', schema: pageSchema(systemSchema) } },
    }),
    async (c) => c.json(await listSystems(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  )
  .post(
    '/',
    api.route({
      method: 'post',
      path: '/',
      summary: 'Add a system: its admin and sign-in URL patterns and its permission catalogue',
      roles: EDITORS,
      body: createSystemSchema,
      responses: {
        201: { description: 'The new system', schema: systemSchema },
        409: problem('The id is taken'),
        422: problem('Invalid fields'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const input = { ...c.req.valid('json'), id: c.req.valid('json').id ?? crypto.randomUUID() };
      const write = await createSystem(db, c.get('member').orgId, input);
      const system = await runAudited(c, db, write, [
        { action: 'system.create', targetType: 'system', targetId: input.id, after: input },
      ]);
      return c.json(system, 201);
    },
  )
  .get(
    '/:id',
    api.route({
      method: 'get',
      path: '/:id',
      summary: 'One system',
      roles: READERS,
      params: idParamsSchema,
      responses: { 200: { description: 'The system', schema: systemSchema }, 404: problem('No such system') },
    }),
    async (c) => c.json(await getSystem(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    api.route({
      method: 'patch',
      path: '/:id',
      summary: 'Change a system; a permission leaves the catalogue only when nothing uses it',
      roles: EDITORS,
      params: idParamsSchema,
      body: updateSystemSchema,
      responses: {
        200: { description: 'The system as changed', schema: systemSchema },
        404: problem('No such system'),
        409: problem('A permission to remove is still held by accounts or granted by job roles'),
        422: problem('Invalid fields'),
      },
    }),
    async (c) => {
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
  )
  .delete(
    '/:id',
    api.route({
      method: 'delete',
      path: '/:id',
      summary: 'Delete a system and its accounts',
      roles: EDITORS,
      params: idParamsSchema,
      responses: { 204: { description: 'Deleted' }, 404: problem('No such system') },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { id } = c.req.valid('param');
      const { before, write } = await deleteSystem(db, c.get('member').orgId, id);
      await runAudited(c, db, write, [
        { action: 'system.delete', targetType: 'system', targetId: id, before },
      ]);
      return c.body(null, 204);
    },
  )
  .post(
    '/:id/snapshots',
    api.route({
      method: 'post',
      path: '/:id/snapshots',
      summary: "Reconcile a captured user list (up to 5,000 rows) with the system's accounts",
      roles: EDITORS,
      params: idParamsSchema,
      body: snapshotSchema,
      maxBodyBytes: 8_000_000,
      responses: {
        200: { description: 'The diff: added, changed, removed, unchanged', schema: snapshotDiffSchema },
        404: problem('No such system'),
        409: problem('The accounts kept changing while the list was reconciled: send it again'),
        422: problem('Invalid rows, e.g. a username listed twice'),
      },
    }),
    async (c) => {
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
  );
