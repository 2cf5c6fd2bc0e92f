import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { openApiDocument } from '../http/openapi';
import { routeGroup, routeTable } from '../http/route';
import { VERSION } from './health';

const api = routeGroup('/api/v1/openapi.json', 'Meta');

let document: ReturnType<typeof openApiDocument> | undefined;

export const openapi = new Hono<AppEnv>().get(
  '/',
  api.route({
    method: 'get',
    path: '/',
    summary: 'This document: OpenAPI 3.1, generated from the schemas the routes validate with',
    roles: 'public',
    responses: {
      200: { description: 'The OpenAPI document', schema: z.object({ openapi: z.string() }).loose() },
    },
  }),
  (c) => {
    // Every route is registered when its module loads, before the first request: build once.
    document ??= openApiDocument(routeTable, VERSION);
    return c.json(document);
  },
);
