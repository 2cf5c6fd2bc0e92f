import { contract } from '../../../shared/contract';
import { runAudited } from '../audit/writer';
import { database } from '../db/client';
import { accountsQueries } from '../directory/accounts-queries';
import { exportAccountsCsv } from '../directory/csv-export';
import { planAccountsImport } from '../directory/csv-import';
import { directoryHandlers } from '../directory/directory-handlers';
import { CSV_CONTENT_TYPE } from '../http/content-types';
import { handlers } from '../http/route';

export const accountsRoutes = handlers(contract.accounts, {
  ...directoryHandlers(contract.accounts, accountsQueries, 'account'),
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
    return c.json({ dryRun, applied, ...result }, 200);
  },
});
