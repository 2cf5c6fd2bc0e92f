import { Hono } from 'hono';
import type { Health } from '../../../shared/schemas/health';
import type { AppEnv } from '../app-env';

export const VERSION = '0.1.0';

export const health = new Hono<AppEnv>().get('/', (c) =>
  c.json({ status: 'ok', version: VERSION } satisfies Health),
);
