import {
  createdWebhookSchema,
  setWebhookSchema,
  webhookStateSchema,
  webhookTestResultSchema,
} from '../schemas/reviews';
import { operations, problem } from './operation';

/** Where the firm's notifications leave Rollcall is the owner's call alone. */
const OWNER = ['owner'] as const;

export const webhook = operations('Organisation', {
  get: {
    method: 'get',
    path: '/api/v1/organisation/webhook',
    summary: 'The webhook the daily check posts to, if any (never its secret)',
    roles: OWNER,
    responses: { 200: { description: 'The webhook or null', schema: webhookStateSchema } },
  },
  set: {
    method: 'put',
    path: '/api/v1/organisation/webhook',
    summary: 'Set the https webhook URL; answers a new signing secret, shown this once',
    roles: OWNER,
    body: setWebhookSchema,
    responses: {
      200: { description: 'The webhook and its secret', schema: createdWebhookSchema },
      422: problem('Not an https URL'),
    },
  },
  remove: {
    method: 'delete',
    path: '/api/v1/organisation/webhook',
    summary: 'Stop posting notifications to the webhook',
    roles: OWNER,
    responses: { 204: { description: 'Removed' }, 404: problem('No webhook set') },
  },
  test: {
    method: 'post',
    path: '/api/v1/organisation/webhook/test',
    summary:
      'Post a signed test event to the webhook now, signed as the daily check signs; answers the status, the time taken and any error in plain words',
    roles: OWNER,
    responses: {
      200: { description: 'What the delivery came to', schema: webhookTestResultSchema },
      404: problem('No webhook set'),
    },
  },
});
