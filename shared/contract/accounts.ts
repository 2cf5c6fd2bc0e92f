import { accountSchema } from '../schemas/directory';
import {
  createAccountSchema,
  importQuerySchema,
  importResultSchema,
  listAccountsQuerySchema,
  pageSchema,
  updateAccountSchema,
} from '../schemas/directory-input';
import { csvImportBodySchema, EDITORS, EXPORTERS, idParamsSchema, READERS } from './access';
import { operations, problem } from './operation';

export const accounts = operations('Accounts', {
  list: {
    method: 'get',
    path: '/api/v1/accounts',
    summary: 'Logins in systems, by username; filter by system, owner, status or unowned',
    roles: READERS,
    query: listAccountsQuerySchema,
    responses: { 200: { description: 'One page of accounts', schema: pageSchema(accountSchema) } },
  },
  create: {
    method: 'post',
    path: '/api/v1/accounts',
    summary: "Add an account; its permissions must be in the system's catalogue",
    roles: EDITORS,
    body: createAccountSchema,
    responses: {
      201: { description: 'The new account', schema: accountSchema },
      409: problem('The id or the username is taken in that system'),
      422: problem('Unknown system, permission or person'),
    },
  },
  export: {
    method: 'get',
    path: '/api/v1/accounts/export',
    summary: 'Every account as CSV (system, username, owner_email, permissions, …)',
    roles: EXPORTERS,
    responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
  },
  import: {
    method: 'post',
    path: '/api/v1/accounts/import',
    summary:
      'Import accounts from CSV (system, username, owner email, permissions); ?dryRun=true only checks',
    roles: EDITORS,
    query: importQuerySchema,
    body: csvImportBodySchema,
    maxBodyBytes: 4_500_000,
    responses: {
      200: { description: 'What was (or would be) created and updated', schema: importResultSchema },
      422: problem('Errors in the file, each with its line and column: nothing was applied'),
    },
  },
  get: {
    method: 'get',
    path: '/api/v1/accounts/:id',
    summary: 'One account',
    roles: READERS,
    params: idParamsSchema,
    responses: {
      200: { description: 'The account', schema: accountSchema },
      404: problem('No such account'),
    },
  },
  update: {
    method: 'patch',
    path: '/api/v1/accounts/:id',
    summary: 'Change an account: owner, people who use it, permissions, status…',
    roles: EDITORS,
    params: idParamsSchema,
    body: updateAccountSchema,
    responses: {
      200: { description: 'The account as changed', schema: accountSchema },
      404: problem('No such account'),
      409: problem('The new username is taken in that system'),
      422: problem('Unknown permission or person'),
    },
  },
  remove: {
    method: 'delete',
    path: '/api/v1/accounts/:id',
    summary: 'Delete an account from Rollcall (not from its system)',
    roles: EDITORS,
    params: idParamsSchema,
    responses: { 204: { description: 'Deleted' }, 404: problem('No such account') },
  },
});
