import { contract } from '../../../shared/contract';
import { readOrganisationSettings } from '../../../shared/schemas/organisation';
import { memberActor, writeAudited } from '../audit/writer';
import { sessionExpired } from '../auth/authenticate';
import {
  isMemberOf,
  organisationSettingsOf,
  revokeSession,
  unrevokedSession,
  unrevokedSessionsOf,
} from '../auth/sessions';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';

export const sessionsRoutes = handlers(contract.sessions, {
  list: async (c) => {
    const me = c.get('member');
    const { memberId = me.id } = c.req.valid('query');
    // Only an owner sees someone else's sessions; to anyone else they do not exist.
    if (memberId !== me.id && me.role !== 'owner') throw new ProblemError(404, 'No such member.');
    const db = database(c.env.DB);
    const stored = await organisationSettingsOf(db, me.orgId);
    if (!(await isMemberOf(db, me.orgId, memberId))) throw new ProblemError(404, 'No such member.');
    const settings = readOrganisationSettings(stored);
    const now = Date.now();
    const rows = await unrevokedSessionsOf(db, me.orgId, memberId);
    return c.json({
      sessions: rows
        .filter((row) => !sessionExpired(row, settings, now))
        .map((row) => ({
          id: row.id,
          memberId: row.memberId,
          createdAt: row.createdAt,
          lastUsedAt: row.lastUsedAt,
          ip: row.ip,
          userAgent: row.userAgent,
          current: row.id === me.sessionId,
        })),
    });
  },
  revoke: async (c) => {
    const me = c.get('member');
    const { id } = c.req.valid('param');
    const db = database(c.env.DB);
    const session = await unrevokedSession(db, me.orgId, id);
    if (!session || (session.memberId !== me.id && me.role !== 'owner')) {
      throw new ProblemError(404, 'No such live session.');
    }
    await writeAudited(
      db,
      memberActor(c),
      [revokeSession(db, id, session.memberId === me.id ? 'ended by member' : 'ended by owner', Date.now())],
      [
        {
          action: 'session.end',
          targetType: 'session',
          targetId: id,
          before: { memberId: session.memberId },
        },
      ],
    );
    return c.body(null, 204);
  },
});
