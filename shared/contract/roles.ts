import { jobRoleSchema } from '../schemas/directory';
import {
  createJobRoleSchema,
  listQuerySchema,
  pageSchema,
  updateJobRoleSchema,
} from '../schemas/directory-input';
import { EDITORS, idParamsSchema, READERS } from './access';
import { operations, problem } from './operation';

export const roles = operations('Job roles', {
  list: {
    method: 'get',
    path: '/api/v1/roles',
    summary: 'Job roles (least-privilege templates) in name order',
    roles: READERS,
    query: listQuerySchema,
    responses: { 200: { description: 'One page of job roles', schema: pageSchema(jobRoleSchema) } },
  },
  create: {
    method: 'post',
    path: '/api/v1/roles',
    summary: 'Add a job role: for each system, the permissions the role needs',
    roles: EDITORS,
    body: createJobRoleSchema,
    responses: {
      201: { description: 'The new job role', schema: jobRoleSchema },
      409: problem('The id is taken'),
      422: problem('Unknown systems or permissions'),
    },
  },
  get: {
    method: 'get',
    path: '/api/v1/roles/:id',
    summary: 'One job role',
    roles: READERS,
    params: idParamsSchema,
    responses: {
      200: { description: 'The job role', schema: jobRoleSchema },
      404: problem('No such job role'),
    },
  },
  update: {
    method: 'patch',
    path: '/api/v1/roles/:id',
    summary: 'Change a job role',
    roles: EDITORS,
    params: idParamsSchema,
    body: updateJobRoleSchema,
    responses: {
      200: { description: 'The job role as changed', schema: jobRoleSchema },
      404: problem('No such job role'),
      422: problem('Unknown systems or permissions'),
    },
  },
  remove: {
    method: 'delete',
    path: '/api/v1/roles/:id',
    summary: 'Delete a job role (the people who had it keep no job role)',
    roles: EDITORS,
    params: idParamsSchema,
    responses: { 204: { description: 'Deleted' }, 404: problem('No such job role') },
  },
});
