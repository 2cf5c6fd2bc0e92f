import {
  dismissedFindingListSchema,
  dismissFindingSchema,
  findingDismissalSchema,
  findingIdParamsSchema,
  findingListSchema,
  findingsListQuerySchema,
  findingsSummarySchema,
  fixClaimListSchema,
  fixClaimSchema,
} from '../schemas/findings-api';
import { DISMISSERS, EDITORS, READERS } from './access';
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
  dismissed: {
    method: 'get',
    path: '/api/v1/findings/dismissed',
    summary:
      'The dismissals in force for the whole firm, latest first: who dismissed each finding, when, why and until when',
    roles: READERS,
    responses: { 200: { description: 'The dismissals', schema: dismissedFindingListSchema } },
  },
  claimFixed: {
    method: 'post',
    path: '/api/v1/findings/:id/fixed',
    summary:
      'Record that a finding was fixed in its system; the next captured user list of that system confirms the fix or shows the finding still present',
    roles: EDITORS,
    params: findingIdParamsSchema,
    responses: {
      200: { description: 'The claim, waiting for the next capture', schema: fixClaimSchema },
      404: problem('No such finding open now'),
    },
  },
  fixes: {
    method: 'get',
    path: '/api/v1/findings/fixes',
    summary:
      'Fixes members recorded: those waiting for the next capture, those still present after it, and those confirmed in the last 30 days',
    roles: READERS,
    responses: { 200: { description: 'The claimed fixes, latest first', schema: fixClaimListSchema } },
  },
});
