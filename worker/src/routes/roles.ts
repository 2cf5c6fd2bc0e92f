import { contract } from '../../../shared/contract';
import { database } from '../db/client';
import { runAudited } from '../directory/audited-write';
import {
  createJobRole,
  deleteJobRole,
  getJobRole,
  listJobRoles,
  updateJobRole,
} from '../directory/job-roles-queries';
import { handlers } from '../http/route';

export const rolesRoutes = handlers(contract.roles, {
  list: async (c) =>
    c.json(await listJobRoles(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  create: async (c) => {
    const db = database(c.env.DB);
    const input = { ...c.req.valid('json'), id: c.req.valid('json').id ?? crypto.randomUUID() };
    const write = await createJobRole(db, c.get('member').orgId, input);
    const role = await runAudited(c, db, write, [
      { action: 'job_role.create', targetType: 'job_role', targetId: input.id, after: input },
    ]);
    return c.json(role, 201);
  },
  get: async (c) =>
    c.json(await getJobRole(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  update: async (c) => {
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
  remove: async (c) => {
    const db = database(c.env.DB);
    const { id } = c.req.valid('param');
    const { before, write } = await deleteJobRole(db, c.get('member').orgId, id);
    await runAudited(c, db, write, [
      { action: 'job_role.delete', targetType: 'job_role', targetId: id, before },
    ]);
    return c.body(null, 204);
  },
});
