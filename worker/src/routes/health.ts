import { Hono } from 'hono';
import { type Health, healthSchema } from '../../../shared/schemas/health';
import type { AppEnv } from '../app-env';
import { routeGroup } from '../http/route';

export const VERSION = '0.1.0';

const api = routeGroup('/health', 'Meta');

export const health = new Hono<AppEnv>().get(
  '/',
  api.route({
    method: 'get',
    path: '/',
    summary: 'Liveness: the worker answers and says its version',
    roles: 'public',
    responses: { 200: { description: 'Up', schema: healthSchema } },
  }),
  (c) => c.json({ status: 'ok', version: VERSION } satisfies Health),
);
