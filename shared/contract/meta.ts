import { z } from 'zod';
import { healthSchema } from '../schemas/health';
import { operations } from './operation';

export const meta = operations('Meta', {
  health: {
    method: 'get',
    path: '/health',
    summary: 'Liveness: the worker answers and says its version',
    roles: 'public',
    responses: { 200: { description: 'Up', schema: healthSchema } },
  },
  openapi: {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document: OpenAPI 3.1, generated from the schemas the routes validate with',
    roles: 'public',
    responses: {
      200: { description: 'The OpenAPI document', schema: z.object({ openapi: z.string() }).loose() },
    },
  },
});
