import {
  changeRoleSchema,
  createdInviteSchema,
  createInviteSchema,
  inviteListSchema,
  memberIdParamsSchema,
  memberListSchema,
  memberRoles,
  memberSchema,
} from '../schemas/members';
import { MANAGERS } from './access';
import { operations, problem } from './operation';

export const members = operations('Members', {
  list: {
    method: 'get',
    path: '/api/v1/members',
    summary: 'The members of your organisation and their roles',
    roles: memberRoles,
    responses: { 200: { description: 'Members', schema: memberListSchema } },
  },
  listInvites: {
    method: 'get',
    path: '/api/v1/members/invites',
    summary: 'Open invitations (not accepted, revoked or expired)',
    roles: MANAGERS,
    keys: false,
    responses: { 200: { description: 'Invitations', schema: inviteListSchema } },
  },
  invite: {
    method: 'post',
    path: '/api/v1/members/invites',
    summary: 'Invite a member: answers a one-time setup token to hand to them, valid 7 days',
    roles: MANAGERS,
    keys: false,
    body: createInviteSchema,
    responses: {
      201: { description: 'The invitation and its setup token (shown once)', schema: createdInviteSchema },
      403: problem('Only an owner may invite an owner'),
      409: problem('The email already belongs to a member'),
    },
  },
  revokeInvite: {
    method: 'delete',
    path: '/api/v1/members/invites/:id',
    summary: 'Revoke an open invitation',
    roles: MANAGERS,
    keys: false,
    params: memberIdParamsSchema,
    responses: { 204: { description: 'Revoked' }, 404: problem('No such open invitation') },
  },
  get: {
    method: 'get',
    path: '/api/v1/members/:id',
    summary: 'One member',
    roles: memberRoles,
    params: memberIdParamsSchema,
    responses: { 200: { description: 'The member', schema: memberSchema }, 404: problem('No such member') },
  },
  update: {
    method: 'patch',
    path: '/api/v1/members/:id',
    summary: "Change a member's role; their sessions end at once",
    roles: MANAGERS,
    keys: false,
    params: memberIdParamsSchema,
    body: changeRoleSchema,
    responses: {
      200: { description: 'The member with the new role', schema: memberSchema },
      403: problem('Only an owner may change an owner or make one'),
      404: problem('No such member'),
      409: problem('The last owner cannot be demoted'),
    },
  },
  remove: {
    method: 'delete',
    path: '/api/v1/members/:id',
    summary: 'Remove a member; their sessions end at once',
    roles: MANAGERS,
    keys: false,
    params: memberIdParamsSchema,
    responses: {
      204: { description: 'Removed' },
      403: problem('Only an owner may remove an owner'),
      404: problem('No such member'),
      409: problem('The last owner cannot be removed'),
    },
  },
  resetSecondFactor: {
    method: 'delete',
    path: '/api/v1/members/:id/second-factor',
    summary:
      "Reset a member's second factor (a lost phone): they sign in with their password and set up a new one",
    roles: ['owner'],
    keys: false,
    params: memberIdParamsSchema,
    responses: {
      204: { description: 'Reset' },
      403: problem('Your own second factor: another owner must reset it'),
      404: problem('No such member, or they have no second factor'),
    },
  },
});
