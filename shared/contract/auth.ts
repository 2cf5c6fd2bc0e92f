import {
  acceptInviteSchema,
  loginSchema,
  refreshSchema,
  signupSchema,
  tokenPairSchema,
} from '../schemas/auth';
import { memberRoles } from '../schemas/members';
import { operations, problem } from './operation';

export const auth = operations('Sign-in', {
  signup: {
    method: 'post',
    path: '/api/v1/auth/signup',
    summary: 'Create an organisation and its first member, its owner, and sign them in',
    roles: 'public',
    body: signupSchema,
    responses: {
      201: { description: 'Signed in as the new owner', schema: tokenPairSchema },
      409: problem('The email already belongs to a member'),
      422: problem('A field is not valid, or the password is too weak'),
      429: problem('Too many sign-ups from this address: see Retry-After'),
    },
  },
  login: {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Sign in with email and password',
    roles: 'public',
    body: loginSchema,
    responses: {
      200: { description: 'Signed in', schema: tokenPairSchema },
      401: problem('The email or password is wrong (the same answer for an unknown email)'),
      429: problem('Too many failures: the account or address is locked; see Retry-After'),
    },
  },
  refresh: {
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: 'Exchange a refresh token for a new access token and a new refresh token (rotation)',
    roles: 'public',
    body: refreshSchema,
    responses: {
      200: { description: 'A fresh token pair; the old refresh token is spent', schema: tokenPairSchema },
      401: problem('Unknown, spent, revoked or expired refresh token'),
    },
  },
  logout: {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'End the current session: its refresh tokens stop working and its access token too',
    roles: memberRoles,
    responses: { 204: { description: 'Signed out' } },
  },
  acceptInvite: {
    method: 'post',
    path: '/api/v1/auth/accept-invite',
    summary: 'Exchange a one-time setup token for a password and become a member',
    roles: 'public',
    body: acceptInviteSchema,
    responses: {
      201: { description: 'Signed in as the new member', schema: tokenPairSchema },
      401: problem('Unknown, used, revoked or expired setup token'),
      409: problem('The email already belongs to a member'),
      422: problem('A field is not valid, or the password is too weak'),
    },
  },
});
