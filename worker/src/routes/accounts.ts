import { contract } from '../../../shared/contract';
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
import { CSV_CONTENT_TYPE } from '../http/content-types';
import { handlers } from '../http/route';

export const accountsRoutes = handlers(contract.accounts, {
  list: async (c) =>
    c.json(await listAccounts(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  create: async (c) => {
    const db = database(c.env.DB);
    const input = { ...c.req.valid('json'), id: c.req.valid('json').id ?? crypto.randomUUID() };
    const write = await createAccount(db, c.get('member').orgId, input);
    const account = await runAudited(c, db, write, [
      { action: 'account.create', targetType: 'account', targetId: input.id, after: input },
    ]);
    return c.json(account, 201);
  },
  export: async (c) => {
    const csv = await exportAccountsCsv(database(c.env.DB), c.get('member').orgId);
    return c.body(csv, 200, {
      'content-type': CSV_CONTENT_TYPE,
      'content-disposition': 'attachment; filename="accounts.csv"',
    });
  },
  import: async (c) => {
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
  get: async (c) =>
    c.json(await getAccount(database(c.env.DB), c.get('member').orgId, c.req.valid('param').id)),
  update: async (c) => {
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
  remove: async (c) => {
    const db = database(c.env.DB);
    const { id } = c.req.valid('param');
    const { before, write } = await deleteAccount(db, c.get('member').orgId, id);
    await runAudited(c, db, write, [
      { action: 'account.delete', targetType: 'account', targetId: id, before },
    ]);
    return c.body(null, 204);
  },
});
