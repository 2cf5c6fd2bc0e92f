import { apiKeyListSchema, createApiKeySchema, createdApiKeySchema } from '../schemas/api-keys';
import { idParamsSchema, MANAGERS } from './access';
import { operations, problem } from './operation';

/**
 * Keys for scripts and integrations, sent as `X-Api-Key`. Only a signed-in owner or admin manages
 * them; no key can (`keys: false`).
 */
export const apiKeys = operations('API keys', {
  list: {
    method: 'get',
    path: '/api/v1/api-keys',
    summary: "Your organisation's API keys, newest first, with their last use",
    roles: MANAGERS,
    keys: false,
    responses: { 200: { description: 'Keys (never their secrets)', schema: apiKeyListSchema } },
  },
  create: {
    method: 'post',
    path: '/api/v1/api-keys',
    summary:
      'Create an API key acting as auditor, reviewer or admin; its secret is answered this once. Needs a recent second-factor code where the organisation requires one',
    roles: MANAGERS,
    keys: false,
    body: createApiKeySchema,
    responses: {
      201: { description: 'The key and its secret (shown once)', schema: createdApiKeySchema },
      403: problem('Sign in again with your second-factor code first'),
      422: problem('A field is not valid: the expiry must be in the future'),
    },
  },
  revoke: {
    method: 'delete',
    path: '/api/v1/api-keys/:id',
    summary: 'Revoke an API key: it stops working at once',
    roles: MANAGERS,
    keys: false,
    params: idParamsSchema,
    responses: { 204: { description: 'Revoked' }, 404: problem('No such live key') },
  },
});
