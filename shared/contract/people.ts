import { personSchema } from '../schemas/directory';
import {
  createPersonSchema,
  importQuerySchema,
  importResultSchema,
  leavePersonSchema,
  listPeopleQuerySchema,
  pageSchema,
  updatePersonSchema,
} from '../schemas/directory-input';
import { csvImportBodySchema, EDITORS, EXPORTERS, idParamsSchema, READERS } from './access';
import { operations, problem } from './operation';

export const people = operations('People', {
  list: {
    method: 'get',
    path: '/api/v1/people',
    summary: 'The staff directory in name order; search by name, email or username',
    roles: READERS,
    query: listPeopleQuerySchema,
    responses: { 200: { description: 'One page of people', schema: pageSchema(personSchema) } },
  },
  create: {
    method: 'post',
    path: '/api/v1/people',
    summary: 'Add a person to the staff directory',
    roles: EDITORS,
    body: createPersonSchema,
    responses: {
      201: { description: 'The new person', schema: personSchema },
      409: problem('The id is taken'),
      422: problem('Invalid fields, or a job role that does not exist'),
    },
  },
  export: {
    method: 'get',
    path: '/api/v1/people/export',
    summary: 'The staff directory as CSV (name, email, job_role, start, end, status, leave_reason)',
    roles: EXPORTERS,
    responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
  },
  import: {
    method: 'post',
    path: '/api/v1/people/import',
    summary: 'Import people from CSV (name, email, job role, start, end); ?dryRun=true only checks',
    roles: EDITORS,
    query: importQuerySchema,
    body: csvImportBodySchema,
    maxBodyBytes: 4_500_000,
    responses: {
      200: {
        description: 'What was (or would be) created and updated',
        schema: importResultSchema,
      },
      422: problem('Errors in the file, each with its line and column: nothing was applied'),
    },
  },
  get: {
    method: 'get',
    path: '/api/v1/people/:id',
    summary: 'One person',
    roles: READERS,
    params: idParamsSchema,
    responses: { 200: { description: 'The person', schema: personSchema }, 404: problem('No such person') },
  },
  update: {
    method: 'patch',
    path: '/api/v1/people/:id',
    summary: 'Change a person',
    roles: EDITORS,
    params: idParamsSchema,
    body: updatePersonSchema,
    responses: {
      200: { description: 'The person as changed', schema: personSchema },
      404: problem('No such person'),
      422: problem('Invalid fields'),
    },
  },
  remove: {
    method: 'delete',
    path: '/api/v1/people/:id',
    summary: 'Delete a person (their accounts stay, unowned)',
    roles: EDITORS,
    params: idParamsSchema,
    responses: { 204: { description: 'Deleted' }, 404: problem('No such person') },
  },
  leave: {
    method: 'post',
    path: '/api/v1/people/:id/leave',
    summary: 'Record a leaver: from the end date on, their active accounts are leaver warnings',
    roles: EDITORS,
    params: idParamsSchema,
    body: leavePersonSchema,
    responses: {
      200: { description: 'The person, now a leaver', schema: personSchema },
      404: problem('No such person'),
      422: problem('Invalid end date or reason'),
    },
  },
});
