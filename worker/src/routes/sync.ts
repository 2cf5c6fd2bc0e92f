import { Hono } from 'hono';
import {
  MAX_SYNC_MUTATIONS,
  syncPullQuerySchema,
  syncPullSchema,
  syncPushResultSchema,
  syncPushSchema,
} from '../../../shared/schemas/directory-input';
import type { AppEnv } from '../app-env';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { asBatchItem } from '../db/versions';
import { routeGroup } from '../http/route';
import { pullChanges } from '../sync/sync-pull';
import { planPush } from '../sync/sync-push';
import { EDITORS, READERS } from './directory-access';

const api = routeGroup('/api/v1/sync', 'Sync');

export const syncApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'Changes since a cursor (people, systems, job roles, accounts, deletions included), paged',
      roles: READERS,
      query: syncPullQuerySchema,
      responses: { 200: { description: 'A page of changes and the next cursor', schema: syncPullSchema } },
    }),
    async (c) => {
      const { since, limit } = c.req.valid('query');
      return c.json(await pullChanges(database(c.env.DB), c.get('member').orgId, since, limit));
    },
  )
  .post(
    '/',
    api.route({
      method: 'post',
      path: '/',
      summary: `Apply up to ${MAX_SYNC_MUTATIONS} offline mutations; each applies once, stale ones come back as conflicts`,
      roles: EDITORS,
      body: syncPushSchema,
      maxBodyBytes: 4_000_000,
      responses: {
        200: {
          description: 'One result per mutation: applied, conflict or rejected',
          schema: syncPushResultSchema,
        },
      },
    }),
    async (c) => {
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
  );
