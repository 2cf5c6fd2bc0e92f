import { memberRoles } from '../schemas/members';
import { organisationSchema, updateOrganisationSchema } from '../schemas/organisation';
import { operations } from './operation';

export const organisation = operations('Organisation', {
  get: {
    method: 'get',
    path: '/api/v1/organisation',
    summary: 'Your organisation and its settings (defaults filled in)',
    roles: memberRoles,
    responses: { 200: { description: 'The organisation', schema: organisationSchema } },
  },
  update: {
    method: 'patch',
    path: '/api/v1/organisation',
    summary:
      'Rename the organisation or change its settings (session limits, the second-factor requirement, rule thresholds); owners only',
    roles: ['owner'],
    body: updateOrganisationSchema,
    responses: { 200: { description: 'The organisation after the change', schema: organisationSchema } },
  },
});
