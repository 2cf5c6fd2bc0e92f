import { describe, expect, it } from 'vitest';
import { app } from '../../worker/src/app';
import { routeTable } from '../../worker/src/http/route';
import { request } from './helpers';

type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, { security: unknown[]; responses: object }>>;
};

const honoRoutes = [
  ...new Set(app.routes.filter((route) => route.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
];
const described = routeTable.map((route) => `${route.method.toUpperCase()} ${route.fullPath}`);

describe('the route table', () => {
  it('describes every route the app serves, and serves every route it describes', () => {
    expect(honoRoutes.length).toBeGreaterThan(10);
    expect([...honoRoutes].sort()).toEqual([...new Set(described)].sort());
  });

  it('is the OpenAPI 3.1 document, with auth, request and responses of each route', async () => {
    const response = await request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApi;
    expect(document.openapi).toBe('3.1.0');
    const me = document.paths['/api/v1/me']?.get?.responses as Record<string, { content?: object }>;
    expect(JSON.stringify(me['401']?.content)).toContain('#/components/schemas/Problem');
    expect(JSON.stringify(document)).toContain('"Problem":{"type":"object"');
    for (const route of routeTable) {
      const operation = document.paths[route.fullPath.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      expect(operation, `${route.method} ${route.fullPath}`).toBeDefined();
      expect(operation?.security).toEqual(route.roles === 'public' ? [] : [{ bearer: [] }]);
      expect(Object.keys(operation?.responses ?? {})).toEqual(
        expect.arrayContaining(Object.keys(route.responses)),
      );
    }
    const signup = document.paths['/api/v1/auth/signup']?.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    };
    expect(signup.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'organisationName', 'name']),
    );
  });
});
