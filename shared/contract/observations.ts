import { memberRoles } from '../schemas/members';
import {
  createdEnrolmentSchema,
  createEnrolmentSchema,
  deviceCredentialSchema,
  deviceIdParamsSchema,
  deviceListQuerySchema,
  deviceListSchema,
  enrolmentPreviewSchema,
  joinedSchema,
  joinSchema,
  observationListSchema,
  observationSettingsSchema,
  ownObservationsSchema,
  previewEnrolmentSchema,
  reportedSchema,
  reportObservationsSchema,
  updateObservationSettingsSchema,
} from '../schemas/observations';
import { operations, problem } from './operation';

/**
 * Staff browsers that report sign-ins. An admin enrols a person (a one-time code); the browser
 * joins with it and gets a device credential for that person, which can do only the 'device'
 * operations below: report sign-ins, read that person's own, rotate itself.
 */
export const observations = operations('Observations', {
  getSettings: {
    method: 'get',
    path: '/api/v1/observations/settings',
    summary: 'Whether sign-ins are observed, and how long observations are kept',
    roles: memberRoles,
    responses: { 200: { description: 'The settings', schema: observationSettingsSchema } },
  },
  updateSettings: {
    method: 'put',
    path: '/api/v1/observations/settings',
    summary: 'Turn sign-in observations on or off, or change how long they are kept; owners only',
    roles: ['owner'],
    body: updateObservationSettingsSchema,
    responses: { 200: { description: 'The settings after the change', schema: observationSettingsSchema } },
  },
  createEnrolment: {
    method: 'post',
    path: '/api/v1/enrolments',
    summary: "Make a one-time code that enrols a staff member's browser for a person",
    roles: ['owner', 'admin'],
    /** A credential that reports for a person is given and taken by a member, never by a script. */
    keys: false,
    body: createEnrolmentSchema,
    responses: {
      201: { description: 'The enrolment and its code (shown once)', schema: createdEnrolmentSchema },
      422: problem('No such person'),
    },
  },
  listDevices: {
    method: 'get',
    path: '/api/v1/devices',
    summary: 'Enrolled staff browsers, for everyone or one person',
    roles: ['owner', 'admin'],
    query: deviceListQuerySchema,
    responses: { 200: { description: 'Browsers, newest first', schema: deviceListSchema } },
  },
  revokeDevice: {
    method: 'delete',
    path: '/api/v1/devices/:id',
    summary: 'Revoke an enrolled browser: its credential stops working at once',
    roles: ['owner', 'admin'],
    /** A credential that reports for a person is given and taken by a member, never by a script. */
    keys: false,
    params: deviceIdParamsSchema,
    responses: { 204: { description: 'Revoked' }, 404: problem('No such browser') },
  },
  preview: {
    method: 'post',
    path: '/api/v1/devices/preview',
    summary: 'What joining with an enrolment code means (person, firm, sign-in pages); the code stays unused',
    roles: 'public',
    body: previewEnrolmentSchema,
    responses: {
      200: { description: 'What the browser will observe, for whom', schema: enrolmentPreviewSchema },
      401: problem('The code is unknown, used or expired'),
    },
  },
  join: {
    method: 'post',
    path: '/api/v1/devices/join',
    summary: 'Join as staff with an enrolment code; answers the device credential (shown once)',
    roles: 'public',
    body: joinSchema,
    responses: {
      201: { description: 'Enrolled', schema: joinedSchema },
      401: problem('The code is unknown, used or expired'),
    },
  },
  rotate: {
    method: 'post',
    path: '/api/v1/devices/rotate',
    summary: 'Replace this browser’s credential with a new one; the old one stops working',
    roles: 'device',
    responses: { 200: { description: 'The new credential (shown once)', schema: deviceCredentialSchema } },
  },
  report: {
    method: 'post',
    path: '/api/v1/observations',
    summary: 'Report sign-ins this browser saw, as its person',
    roles: 'device',
    body: reportObservationsSchema,
    responses: {
      200: { description: 'Recorded', schema: reportedSchema },
      409: problem('The organisation has not turned observations on'),
      422: problem('An observation names a system that is not in the organisation'),
      429: problem('Too many reports from this browser'),
    },
  },
  list: {
    method: 'get',
    path: '/api/v1/observations',
    summary: "Each person's latest sign-in per login, as the rules read them (for findings offline)",
    roles: memberRoles,
    responses: { 200: { description: 'Observations', schema: observationListSchema } },
  },
  mine: {
    method: 'get',
    path: '/api/v1/observations/mine',
    summary: "What this browser records, where, and its person's own observed sign-ins",
    roles: 'device',
    responses: { 200: { description: 'Own observations', schema: ownObservationsSchema } },
  },
});
