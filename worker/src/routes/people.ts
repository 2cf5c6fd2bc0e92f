import { Hono } from 'hono';
import { personSchema } from '../../../shared/schemas/directory';
import {
  createPersonSchema,
  importQuerySchema,
  importResultSchema,
  leavePersonSchema,
  listPeopleQuerySchema,
  pageSchema,
  updatePersonSchema,
} from '../../../shared/schemas/directory-input';
import type { AppEnv } from '../app-env';
import { database } from '../db/client';
import { runAudited } from '../directory/audited-write';
import { exportPeopleCsv } from '../directory/csv-export';
import { planPeopleImport } from '../directory/csv-import';
import {
  createPerson,
  deletePerson,
  getPerson,
  listPeople,
  recordLeaver,
  updatePerson,
} from '../directory/people-queries';
import { routeGroup } from '../http/route';
import { planLeaverChecklist } from '../reviews/todos';
import {
  CSV_CONTENT_TYPE,
  csvImportBodySchema,
  EDITORS,
  EXPORTERS,
  idParamsSchema,
  problem,
  READERS,
} from './directory-access';

const api = routeGroup('/api/v1/people', 'People');

export const peopleApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'The staff directory in name order; search by name, email or username',
      roles: READERS,
      query: listPeopleQuerySchema,
      responses: { 200: { description: 'One page of people', schema: pageSchema(personSchema) } },
    }),
    async (c) => c.json(await listPeople(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  )
  .post(
    '/',
    api.route({
      method: 'post',
      path: '/',
      summary: 'Add a person to the staff directory',
      roles: EDITORS,
      body: createPersonSchema,
      responses: {
        201: { description: 'The new person', schema: personSchema },
        409: problem('The id is taken'),
        422: problem('Invalid fields, or a job role that does not exist'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const input = { ...c.req.valid('json'), id: c.req.valid('json').id ?? crypto.randomUUID() };
      const write = await createPerson(db, c.get('member').orgId, input);
      const person = await runAudited(c, db, write, [
        { action: 'person.create', targetType: 'person', targetId: input.id, after: input },
      ]);
      return c.json(person, 201);
    },
  )
  .get(
    '/export',
    api.route({
      method: 'get',
      path: '/export',
      summary: 'The staff directory as CSV (name, email, job_role, start, end, status, leave_reason)',
      roles: EXPORTERS,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
    }),
    async (c) => {
      const csv = await exportPeopleCsv(database(c.env.DB), c.get('member').orgId);
      return c.body(csv, 200, {
        'content-type': CSV_CONTENT_TYPE,
        'content-disposition': 'attachment; filename="people.csv"',
      });
    },
  )
  .post(
    '/import',
    api.route({
      method: 'post',
      path: '/import',
      summary: 'Import people from CSV (name, email, job role, start, end); ?dryRun=true only checks',
      roles: EDITORS,
      query: importQuerySchema,
      body: csvImportBodySchema,
      maxBodyBytes: 4_500_000,
      responses: {
        200: {
          description: 'What was (or would be) created and updated, and every row error',
          schema: importResultSchema,
        },
        422: problem('Rows with errors: nothing was applied'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { dryRun } = c.req.valid('query');
      const { result, write } = await planPeopleImport(db, c.get('member').orgId, c.req.valid('json').csv);
      const applied = !dryRun && write !== null;
      if (applied) {
        await runAudited(c, db, write, [
          {
            action: 'person.import',
            targetType: 'organisation',
            targetId: c.get('member').orgId,
            after: { rows: result.rows, created: result.created, updated: result.updated },
          },
        ]);
      }
      return c.json({ dryRun, applied, ...result }, result.errors.length > 0 ? 422 : 200);
    },
  )
  .get(
    '/:id',
    api.route({
      method: 'get',
      path: '/:id',
      summary: 'One person',
      roles: READERS,
      params: idParamsSchema,
      responses: { 200: { description: 'The person', schema: personSchema }, 404: problem('No such person') },
    }),
    async (c) => c.json(await getPerson(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    api.route({
      method: 'patch',
      path: '/:id',
      summary: 'Change a person',
      roles: EDITORS,
      params: idParamsSchema,
      body: updatePersonSchema,
      responses: {
        200: { description: 'The person as changed', schema: personSchema },
        404: problem('No such person'),
        422: problem('Invalid fields'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const { before, write } = await updatePerson(db, c.get('member').orgId, id, input);
      const person = await runAudited(c, db, write, [
        {
          action: 'person.update',
          targetType: 'person',
          targetId: id,
          before,
          after: { ...before, ...input },
        },
      ]);
      return c.json(person);
    },
  )
  .delete(
    '/:id',
    api.route({
      method: 'delete',
      path: '/:id',
      summary: 'Delete a person (their accounts stay, unowned)',
      roles: EDITORS,
      params: idParamsSchema,
      responses: { 204: { description: 'Deleted' }, 404: problem('No such person') },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { id } = c.req.valid('param');
      const { before, write } = await deletePerson(db, c.get('member').orgId, id);
      await runAudited(c, db, write, [
        { action: 'person.delete', targetType: 'person', targetId: id, before },
      ]);
      return c.body(null, 204);
    },
  )
  .post(
    '/:id/leave',
    api.route({
      method: 'post',
      path: '/:id/leave',
      summary: 'Record a leaver: from the end date on, their active accounts are leaver warnings',
      roles: EDITORS,
      params: idParamsSchema,
      body: leavePersonSchema,
      responses: {
        200: { description: 'The person, now a leaver', schema: personSchema },
        404: problem('No such person'),
        422: problem('Invalid end date or reason'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const { orgId } = c.get('member');
      const { before, write } = await recordLeaver(db, orgId, id, input);
      // The offboarding checklist is made in the same batch: a leaver is never recorded without it.
      const checklist = await planLeaverChecklist(db, orgId, id, Date.now());
      write.statements.push(...checklist.statements);
      const person = await runAudited(c, db, write, [
        {
          action: 'person.leave',
          targetType: 'person',
          targetId: id,
          before,
          after: {
            ...before,
            endDate: input.endDate,
            leaveReason: input.reason,
            status: 'leaver',
            checklist: checklist.items,
          },
        },
      ]);
      return c.json(person);
    },
  );
