import { contract } from '../../../shared/contract';
import { runAudited } from '../audit/writer';
import { database } from '../db/client';
import { exportPeopleCsv } from '../directory/csv-export';
import { planPeopleImport } from '../directory/csv-import';
import { directoryHandlers } from '../directory/directory-handlers';
import { peopleQueries, recordLeaver } from '../directory/people-queries';
import { CSV_CONTENT_TYPE } from '../http/content-types';
import { handlers } from '../http/route';
import { planLeaverChecklist } from '../reviews/todos';

export const peopleRoutes = handlers(contract.people, {
  ...directoryHandlers(contract.people, peopleQueries, 'person'),
  export: async (c) => {
    const csv = await exportPeopleCsv(database(c.env.DB), c.get('member').orgId);
    return c.body(csv, 200, {
      'content-type': CSV_CONTENT_TYPE,
      'content-disposition': 'attachment; filename="people.csv"',
    });
  },
  import: async (c) => {
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
    return c.json({ dryRun, applied, ...result }, 200);
  },
  leave: async (c) => {
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
});
