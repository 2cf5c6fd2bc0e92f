import { systemSchema } from '../schemas/directory';
import {
  createSystemSchema,
  listQuerySchema,
  pageSchema,
  snapshotDiffSchema,
  snapshotSchema,
  updateSystemSchema,
} from '../schemas/directory-input';
import { EDITORS, idParamsSchema, READERS } from './access';
import { operations, problem } from './operation';

export const systems = operations('Systems', {
  list: {
    method: 'get',
    path: '/api/v1/systems',
    summary: 'The back-office systems the firm uses, in name order',
    roles: READERS,
    query: listQuerySchema,
    responses: { 200: { description: 'One page of systems', schema: pageSchema(systemSchema) } },
  },
  create: {
    method: 'post',
    path: '/api/v1/systems',
    summary: 'Add a system: its admin and sign-in URL patterns and its permission catalogue',
    roles: EDITORS,
    body: createSystemSchema,
    responses: {
      201: { description: 'The new system', schema: systemSchema },
      409: problem('The id is taken'),
      422: problem('Invalid fields'),
    },
  },
  get: {
    method: 'get',
    path: '/api/v1/systems/:id',
    summary: 'One system',
    roles: READERS,
    params: idParamsSchema,
    responses: { 200: { description: 'The system', schema: systemSchema }, 404: problem('No such system') },
  },
  update: {
    method: 'patch',
    path: '/api/v1/systems/:id',
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
  },
  remove: {
    method: 'delete',
    path: '/api/v1/systems/:id',
    summary: 'Delete a system and its accounts',
    roles: EDITORS,
    params: idParamsSchema,
    responses: { 204: { description: 'Deleted' }, 404: problem('No such system') },
  },
  sendSnapshot: {
    method: 'post',
    path: '/api/v1/systems/:id/snapshots',
    summary: "Reconcile a captured user list (up to 5,000 rows) with the system's accounts",
    roles: EDITORS,
    params: idParamsSchema,
    body: snapshotSchema,
    maxBodyBytes: 8_000_000,
    responses: {
      200: { description: 'The diff: added, changed, removed, unchanged', schema: snapshotDiffSchema },
      404: problem('No such system'),
      409: problem(
        'The list would remove every login of the system or more than half: send it with confirmRemovals; or the accounts kept changing while it was reconciled: send it again',
      ),
      422: problem('Invalid rows, e.g. a username listed twice'),
    },
  },
});
