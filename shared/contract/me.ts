import { changePasswordSchema, meSchema } from '../schemas/auth';
import { memberRoles } from '../schemas/members';
import { problemSchema } from '../schemas/problem';
import { operations } from './operation';

export const me = operations('Sign-in', {
  get: {
    method: 'get',
    path: '/api/v1/me',
    summary: 'The signed-in member, their organisation and session',
    roles: memberRoles,
    responses: { 200: { description: 'Who you are', schema: meSchema } },
  },
  changePassword: {
    method: 'post',
    path: '/api/v1/me/password',
    summary: 'Change your password; your other sessions end',
    roles: memberRoles,
    body: changePasswordSchema,
    responses: {
      204: { description: 'Changed' },
      403: { description: 'The current password is wrong', schema: problemSchema },
      422: { description: 'The new password is not valid or too weak', schema: problemSchema },
      429: { description: 'Too many wrong current passwords: see Retry-After', schema: problemSchema },
    },
  },
});
