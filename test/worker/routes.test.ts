import { describe, expect, it } from 'vitest';
import { allOperations } from '../../shared/contract';
import { request } from './helpers';

type OpenApi = {
  openapi: string;
  components: { securitySchemes: Record<string, object> };
  paths: Record<string, Record<string, { security: unknown[]; responses: object }>>;
};

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with every operation of the contract, its auth, request and responses', async () => {
    const response = await request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApi;
    expect(document.openapi).toBe('3.1.0');
    const me = document.paths['/api/v1/me']?.get?.responses as Record<string, { content?: object }>;
    expect(JSON.stringify(me['401']?.content)).toContain('#/components/schemas/Problem');
    expect(JSON.stringify(document)).toContain('"Problem":{"type":"object"');
    expect(document.components.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    const documented = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(
      allOperations.map((op) => `${op.method} ${op.path.replace(/:(\w+)/g, '{$1}')}`).sort(),
    );
    for (const operation of allOperations) {
      const documented = document.paths[operation.path.replace(/:(\w+)/g, '{$1}')]?.[operation.method];
      const security =
        operation.roles === 'public'
          ? []
          : operation.roles === 'device'
            ? [{ deviceCredential: [] }]
            : operation.keys === false
              ? [{ bearerAuth: [] }]
              : [{ bearerAuth: [] }, { apiKey: [] }];
      expect(documented?.security, `${operation.method} ${operation.path}`).toEqual(security);
      expect(Object.keys(documented?.responses ?? {})).toEqual(
        expect.arrayContaining(Object.keys(operation.responses)),
      );
    }
    const signup = document.paths['/api/v1/auth/signup']?.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    };
    expect(signup.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'organisationName', 'name']),
    );
  });

  it('answers every operation of the contract at its method and path', async () => {
    // Mounted from the contract: no operation gets the app's "No route for" answer.
    for (const operation of allOperations) {
      const path = operation.path.replace(/:(\w+)/g, 'x');
      const response = await request(path, { method: operation.method.toUpperCase() });
      const body = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
      expect(JSON.stringify(body), `${operation.method} ${operation.path}`).not.toContain('No route for');
    }
  });
});
