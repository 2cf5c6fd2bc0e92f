import { Hono } from 'hono';
import { accountSchema } from '../../../shared/schemas/directory';
import {
  createAccountSchema,
  importQuerySchema,
  importResultSchema,
  listAccountsQuerySchema,
  pageSchema,
  updateAccountSchema,
} from '../../../shared/schemas/directory-input';
import type { AppEnv } from '../app-env';
import { database } from '../db/client';
import {
  createAccount,
  deleteAccount,
  getAccount,
  listAccounts,
  updateAccount,
} from '../directory/accounts-queries';
import { runAudited } from '../directory/audited-write';
import { exportAccountsCsv } from '../directory/csv-export';
import { planAccountsImport } from '../directory/csv-import';
import { routeGroup } from '../http/route';
import {
  CSV_CONTENT_TYPE,
  csvImportBodySchema,
  EDITORS,
  EXPORTERS,
  idParamsSchema,
  problem,
  READERS,
} from './directory-access';

const api = routeGroup('/api/v1/accounts', 'Accounts');

export const accountsApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'Logins in systems, by username; filter by system, owner, status or unowned',
      roles: READERS,
      query: listAccountsQuerySchema,
      responses: { 200: { description: 'One page of accounts', schema: pageSchema(accountSchema) } },
    }),
    async (c) => c.json(await listAccounts(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  )
  .post(
    '/',
    api.route({
      method: 'post',
      path: '/',
      summary: "Add an account; its permissions must be in the system's catalogue",
      roles: EDITORS,
      body: createAccountSchema,
      responses: {
        201: { description: 'The new account', schema: accountSchema },
        409: problem('The id or the username is taken in that system'),
        422: problem('Unknown system, permission or person'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const input = { ...c.req.valid('json'), id: c.req.valid('json').id ?? crypto.randomUUID() };
      const write = await createAccount(db, c.get('member').orgId, input);
      const account = await runAudited(c, db, write, [
        { action: 'account.create', targetType: 'account', targetId: input.id, after: input },
      ]);
      return c.json(account, 201);
    },
  )
  .get(
    '/export',
    api.route({
      method: 'get',
      path: '/export',
      summary: 'Every account as CSV (system, username, owner_email, permissions, …)',
      roles: EXPORTERS,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
    }),
    async (c) => {
      const csv = await exportAccountsCsv(database(c.env.DB), c.get('member').orgId);
      return c.body(csv, 200, {
        'content-type': CSV_CONTENT_TYPE,
        'content-disposition': 'attachment; filename="accounts.csv"',
      });
    },
  )
  .post(
    '/import',
    api.route({
      method: 'post',
      path: '/import',
      summary:
        'Import accounts from CSV (system, username, owner email, permissions); ?dryRun=true only checks',
      roles: EDITORS,
      query: importQuerySchema,
      body: csvImportBodySchema,
      maxBodyBytes: 4_500_000,
      responses: {
        200: { description: 'What was (or would be) created and updated', schema: importResultSchema },
        422: problem('Rows with errors: nothing was applied'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { dryRun } = c.req.valid('query');
      const { orgId } = c.get('member');
      const { result, write } = await planAccountsImport(db, orgId, c.req.valid('json').csv);
      const applied = !dryRun && write !== null;
      if (applied) {
        await runAudited(c, db, write, [
          {
            action: 'account.import',
            targetType: 'organisation',
            targetId: orgId,
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
      summary: 'One account',
      roles: READERS,
      params: idParamsSchema,
      responses: {
        200: { description: 'The account', schema: accountSchema },
        404: problem('No such account'),
      },
    }),
    async (c) => c.json(await getAccount(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    api.route({
      method: 'patch',
      path: '/:id',
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
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const { before, write } = await updateAccount(db, c.get('member').orgId, id, input);
      const account = await runAudited(c, db, write, [
        {
          action: 'account.update',
          targetType: 'account',
          targetId: id,
          before,
          after: { ...before, ...input },
        },
      ]);
      return c.json(account);
    },
  )
  .delete(
    '/:id',
    api.route({
      method: 'delete',
      path: '/:id',
      summary: 'Delete an account from Rollcall (not from its system)',
      roles: EDITORS,
      params: idParamsSchema,
      responses: { 204: { description: 'Deleted' }, 404: problem('No such account') },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const { id } = c.req.valid('param');
      const { before, write } = await deleteAccount(db, c.get('member').orgId, id);
      await runAudited(c, db, write, [
        { action: 'account.delete', targetType: 'account', targetId: id, before },
      ]);
      return c.body(null, 204);
    },
  );
