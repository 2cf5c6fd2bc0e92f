import { eq } from 'drizzle-orm';
import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { publicOrganisation } from '../auth/sessions';
import { type Database, database } from '../db/client';
import { organisations } from '../db/schema';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';

async function organisationOf(db: Database, orgId: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, orgId)).limit(1);
  if (!row) throw new ProblemError(404, 'No such organisation.');
  return row;
}

export const organisationRoutes = handlers(contract.organisation, {
  get: async (c) =>
    c.json(publicOrganisation(await organisationOf(database(c.env.DB), c.get('member').orgId))),
  update: async (c) => {
    const input = c.req.valid('json');
    const { orgId } = c.get('member');
    const db = database(c.env.DB);
    const current = await organisationOf(db, orgId);
    const before = publicOrganisation(current);
    // Other settings (rule thresholds) live in the same JSON object: keep them as they are.
    const settings = { ...current.settings, ...input.settings };
    const name = input.name ?? current.name;
    await writeAudited(
      db,
      memberActor(c),
      [db.update(organisations).set({ name, settings }).where(eq(organisations.id, orgId))],
      [
        {
          action: 'organisation.update',
          targetType: 'organisation',
          targetId: orgId,
          before: { name: before.name, settings: before.settings },
          after: { name, settings },
        },
      ],
    );
    return c.json(publicOrganisation({ id: orgId, name, settings }));
  },
});
