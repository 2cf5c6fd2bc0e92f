import { Hono } from 'hono';
import { jobRoleSchema } from '../../../shared/schemas/directory';
import {
  createJobRoleSchema,
  listQuerySchema,
  pageSchema,
  updateJobRoleSchema,
} from '../../../shared/schemas/directory-input';
import type { AppEnv } from '../app-env';
import { database } from '../db/client';
import { runAudited } from '../directory/audited-write';
import {
  createJobRole,
  deleteJobRole,
  getJobRole,
  listJobRoles,
  updateJobRole,
} from '../directory/job-roles-queries';
import { routeGroup } from '../http/route';
import { EDITORS, idParamsSchema, problem, READERS } from './directory-access';

const api = routeGroup('/api/v1/roles', 'Job roles');

export const rolesApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'Job roles (least-privilege templates) in name order',
      roles: READERS,
      query: listQuerySchema,
      responses: { 200: { description: 'One page of job roles', schema: pageSchema(jobRoleSchema) } },
    }),
    async (c) => c.json(await listJobRoles(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  )
  .post(
    '/',
    api.route({
      method: 'post',
      path: '/',
      summary: 'Add a job role: for each system, the permissions the role needs',
      roles: EDITORS,
      body: createJobRoleSchema,
      responses: {
        201: { description: 'The new job role', schema: jobRoleSchema },
        409: problem('The id is taken'),
        422: problem('Unknown systems or permissions'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const input = { ...c.req.valid('json'), id: c.req.valid('json').id ?? crypto.randomUUID() };
      const write = await createJobRole(db, c.get('member').orgId, input);
      const role = await runAudited(c, db, write, [
        { action: 'job_role.create', targetType: 'job_role', targetId: input.id, after: input },
      ]);
      return c.json(role, 201);
    },
  )
  .get(
    '/:id',
    api.route({
      method: 'get',
      path: '/:id',
      summary: 'One job role',
      roles: READERS,
      params: idParamsSchema,
      responses: {
        200: { description: 'The job role', schema: jobRoleSchema },
        404: problem('No such job role'),
      },
    }),
    async (c) => c.json(await getJobRole(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    api.route({
      method: 'patch',
      path: '/:id',
      summary: 'Change a job role',
      roles: EDITORS,
      params: idParamsSchema,
      body: updateJobRoleSchema,
      responses: {
        200: { description: 'The job role as changed', schema: jobRoleSchema },
        404: problem('No such job role'),
        422: problem('Unknown systems or permissions'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const { before, write } = await updateJobRole(db, c.get('member').orgId, id, input);
      const role = await runAudited(c, db, write, [
        {
          action: 'job_role.update',
          targetType: 'job_role',
          targetId: id,
          before,
          after: { ...before, ...input },
        },
      ]);
      return c.json(role);
    },
  )
  .delete(
    '/:id',
    api.route({
      method: 'delete',
      path: '/:id',
      summary: 'Delete a job role (the people who had it keep no job role)',
      roles: EDITORS,
      params: idParamsSchema,
      responses: { 204: { description: 'Deleted' }, 404: problem('No such job role') },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { id } = c.req.valid('param');
      const { before, write } = await deleteJobRole(db, c.get('member').orgId, id);
      await runAudited(c, db, write, [
        { action: 'job_role.delete', targetType: 'job_role', targetId: id, before },
      ]);
      return c.body(null, 204);
    },
  );
