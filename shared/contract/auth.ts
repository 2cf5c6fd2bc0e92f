import {
  acceptInviteSchema,
  enrolledSchema,
  enrolmentConfirmSchema,
  enrolmentSchema,
  enrolmentStartSchema,
  loginSchema,
  refreshSchema,
  secondFactorSchema,
  signInAnswerSchema,
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
      201: {
        description:
          'Signed in as the new owner; or, when the organisation requires a second factor, the challenge to set one up',
        schema: signInAnswerSchema,
      },
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
      200: {
        description:
          'Signed in; or the password was right and one more step is needed: a second factor code, or setting one up',
        schema: signInAnswerSchema,
      },
      401: problem('The email or password is wrong (the same answer for an unknown email)'),
      429: problem(
        'Too many failures: this browser (unknown to the member) or address is held off; see Retry-After',
      ),
    },
  },
  secondFactor: {
    method: 'post',
    path: '/api/v1/auth/second-factor',
    summary: "Finish a sign-in with the authenticator app's code or a recovery code",
    roles: 'public',
    body: secondFactorSchema,
    responses: {
      200: { description: 'Signed in', schema: tokenPairSchema },
      401: problem('The code is wrong or used, or the challenge has expired'),
      429: problem('Too many failures: see Retry-After'),
    },
  },
  startEnrolment: {
    method: 'post',
    path: '/api/v1/auth/second-factor/enrolment',
    summary: 'During sign-in, when a second factor is required: a new secret for an authenticator app',
    roles: 'public',
    body: enrolmentStartSchema,
    responses: {
      200: { description: 'The secret, shown once, as a QR code link and a key', schema: enrolmentSchema },
      401: problem('The challenge has expired or is not for setting up'),
      409: problem('A second factor is already set up'),
    },
  },
  confirmEnrolment: {
    method: 'post',
    path: '/api/v1/auth/second-factor/enrolment/confirm',
    summary: "During sign-in: confirm the new second factor with the app's first code, and sign in",
    roles: 'public',
    body: enrolmentConfirmSchema,
    responses: {
      200: { description: 'Signed in, with recovery codes shown once', schema: enrolledSchema },
      401: problem('The code is wrong, or the challenge has expired'),
      409: problem('No second factor is being set up: start again'),
      429: problem('Too many failures: see Retry-After'),
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
    keys: false,
    responses: { 204: { description: 'Signed out' } },
  },
  acceptInvite: {
    method: 'post',
    path: '/api/v1/auth/accept-invite',
    summary: 'Exchange a one-time setup token for a password and become a member',
    roles: 'public',
    body: acceptInviteSchema,
    responses: {
      201: {
        description:
          'Signed in as the new member; or, when their role requires a second factor, the challenge to set one up',
        schema: signInAnswerSchema,
      },
      401: problem('Unknown, used, revoked or expired setup token'),
      409: problem('The email already belongs to a member'),
      422: problem('A field is not valid, or the password is too weak'),
    },
  },
});
