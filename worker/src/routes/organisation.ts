import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { publicOrganisation } from '../auth/sessions';
import { database } from '../db/client';
import { handlers } from '../http/route';
import { organisationOf, updateOrganisationStatement } from '../organisation/organisation-queries';

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
      [updateOrganisationStatement(db, orgId, { name, settings })],
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
