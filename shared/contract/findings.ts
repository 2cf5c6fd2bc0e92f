import {
  dismissFindingSchema,
  findingDismissalSchema,
  findingIdParamsSchema,
  findingListSchema,
  findingsListQuerySchema,
  findingsSummarySchema,
} from '../schemas/findings-api';
import { DISMISSERS, READERS } from './access';
import { operations, problem } from './operation';

export const findings = operations('Findings', {
  list: {
    method: 'get',
    path: '/api/v1/findings',
    summary:
      'Open findings worst first, a page at a time (limit, offset), as of the start of the hour and recomputed after any change to the directory; filter by severity, rule, system, person',
    roles: READERS,
    query: findingsListQuerySchema,
    responses: { 200: { description: 'The open findings', schema: findingListSchema } },
  },
  summary: {
    method: 'get',
    path: '/api/v1/findings/summary',
    summary:
      'Open findings counted by severity, what was checked, and the 0–100 health score (null until there are staff, a system and logins)',
    roles: READERS,
    responses: { 200: { description: 'Counts and score', schema: findingsSummarySchema } },
  },
  dismiss: {
    method: 'post',
    path: '/api/v1/findings/:id/dismiss',
    summary: 'Accept a finding’s risk until an expiry; it returns earlier if its evidence changes',
    roles: DISMISSERS,
    params: findingIdParamsSchema,
    body: dismissFindingSchema,
    responses: {
      200: { description: 'The dismissal', schema: findingDismissalSchema },
      404: problem('No such finding open now'),
      422: problem('No reason, or an expiry not in the coming year'),
    },
  },
  undismiss: {
    method: 'delete',
    path: '/api/v1/findings/:id/dismiss',
    summary: 'Take back a finding’s dismissal that has not expired: the finding is open again',
    roles: DISMISSERS,
    params: findingIdParamsSchema,
    responses: { 204: { description: 'Taken back' }, 404: problem('No dismissal in force for this finding') },
  },
});
