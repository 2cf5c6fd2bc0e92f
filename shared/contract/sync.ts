import {
  MAX_SYNC_MUTATIONS,
  syncPullQuerySchema,
  syncPullSchema,
  syncPushResultSchema,
  syncPushSchema,
} from '../schemas/directory-input';
import { EDITORS, READERS } from './access';
import { operations } from './operation';

export const sync = operations('Sync', {
  pull: {
    method: 'get',
    path: '/api/v1/sync',
    summary: 'Changes since a cursor (people, systems, job roles, accounts, deletions included), paged',
    roles: READERS,
    query: syncPullQuerySchema,
    responses: { 200: { description: 'A page of changes and the next cursor', schema: syncPullSchema } },
  },
  push: {
    method: 'post',
    path: '/api/v1/sync',
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
  },
});
