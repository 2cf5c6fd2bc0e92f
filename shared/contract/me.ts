import {
  changePasswordSchema,
  confirmSecondFactorSchema,
  enrolmentSchema,
  meSchema,
  recoveryCodesSchema,
} from '../schemas/auth';
import { memberRoles } from '../schemas/members';
import { problemSchema } from '../schemas/problem';
import { operations } from './operation';

export const me = operations('Sign-in', {
  get: {
    method: 'get',
    path: '/api/v1/me',
    summary: 'The signed-in member, their organisation and session',
    roles: memberRoles,
    keys: false,
    responses: { 200: { description: 'Who you are', schema: meSchema } },
  },
  changePassword: {
    method: 'post',
    path: '/api/v1/me/password',
    summary: 'Change your password; your other sessions end',
    roles: memberRoles,
    keys: false,
    body: changePasswordSchema,
    responses: {
      204: { description: 'Changed' },
      403: { description: 'The current password is wrong', schema: problemSchema },
      422: { description: 'The new password is not valid or too weak', schema: problemSchema },
      429: { description: 'Too many wrong current passwords: see Retry-After', schema: problemSchema },
    },
  },
  startSecondFactor: {
    method: 'post',
    path: '/api/v1/me/second-factor',
    summary: 'Start setting up a second factor: a new secret for an authenticator app',
    roles: memberRoles,
    keys: false,
    responses: {
      200: { description: 'The secret, shown once, as a QR code link and a key', schema: enrolmentSchema },
      409: { description: 'A second factor is already set up', schema: problemSchema },
    },
  },
  confirmSecondFactor: {
    method: 'post',
    path: '/api/v1/me/second-factor/confirm',
    summary: "Confirm the new second factor with the app's first code; answers recovery codes, shown once",
    roles: memberRoles,
    keys: false,
    body: confirmSecondFactorSchema,
    responses: {
      200: { description: 'Set up: the recovery codes', schema: recoveryCodesSchema },
      403: { description: 'The code is wrong', schema: problemSchema },
      409: { description: 'No second factor is being set up: start again', schema: problemSchema },
      429: { description: 'Too many wrong codes: see Retry-After', schema: problemSchema },
    },
  },
  newRecoveryCodes: {
    method: 'post',
    path: '/api/v1/me/second-factor/recovery-codes',
    summary: "New recovery codes in place of the old ones, with the app's current code; shown once",
    roles: memberRoles,
    keys: false,
    body: confirmSecondFactorSchema,
    responses: {
      200: { description: 'The new recovery codes', schema: recoveryCodesSchema },
      403: { description: 'The code is wrong or was already used', schema: problemSchema },
      404: { description: 'No second factor is set up', schema: problemSchema },
      429: { description: 'Too many wrong codes: see Retry-After', schema: problemSchema },
    },
  },
  disableSecondFactor: {
    method: 'post',
    path: '/api/v1/me/second-factor/disable',
    summary: "Turn your second factor off with the app's current code, unless your firm requires one",
    roles: memberRoles,
    keys: false,
    body: confirmSecondFactorSchema,
    responses: {
      204: { description: 'Off: the secret and the recovery codes are gone' },
      403: { description: 'The code is wrong or was already used', schema: problemSchema },
      404: { description: 'No second factor is set up', schema: problemSchema },
      409: { description: 'Your firm requires a second factor for your role', schema: problemSchema },
      429: { description: 'Too many wrong codes: see Retry-After', schema: problemSchema },
    },
  },
});
