import { sessionIdParamsSchema, sessionListQuerySchema, sessionListSchema } from '../schemas/auth';
import { memberRoles } from '../schemas/members';
import { operations, problem } from './operation';

export const sessions = operations('Sessions', {
  list: {
    method: 'get',
    path: '/api/v1/sessions',
    summary: "Your live sessions; an owner may pass memberId to see another member's",
    roles: memberRoles,
    keys: false,
    query: sessionListQuerySchema,
    responses: {
      200: { description: 'Live sessions, newest first', schema: sessionListSchema },
      404: problem('No such member'),
    },
  },
  revoke: {
    method: 'delete',
    path: '/api/v1/sessions/:id',
    summary: 'End a session: your own, or (as an owner) anyone in your organisation',
    roles: memberRoles,
    keys: false,
    params: sessionIdParamsSchema,
    responses: { 204: { description: 'Ended' }, 404: problem('No such live session') },
  },
});
