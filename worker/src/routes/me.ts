import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { meSchema } from '../../../shared/schemas/auth';
import { memberRoles } from '../../../shared/schemas/members';
import type { AppEnv } from '../app-env';
import { publicMember, publicOrganisation } from '../auth/sessions';
import { database } from '../db/client';
import { members, organisations } from '../db/schema';
import { ProblemError } from '../http/problem';
import { routeGroup } from '../http/route';

const api = routeGroup('/api/v1/me', 'Sign-in');

export const me = new Hono<AppEnv>().get(
  '/',
  api.route({
    method: 'get',
    path: '/',
    summary: 'The signed-in member, their organisation and session',
    roles: memberRoles,
    responses: { 200: { description: 'Who you are', schema: meSchema } },
  }),
  async (c) => {
    const { id, orgId, sessionId } = c.get('member');
    const [row] = await database(c.env.DB)
      .select({ member: members, organisation: organisations })
      .from(members)
      .innerJoin(organisations, eq(organisations.id, members.orgId))
      .where(eq(members.id, id))
      .limit(1);
    if (!row || row.organisation.id !== orgId) throw new ProblemError(401, 'The session has ended.');
    return c.json({
      member: publicMember(row.member),
      organisation: publicOrganisation(row.organisation),
      sessionId,
    });
  },
);
