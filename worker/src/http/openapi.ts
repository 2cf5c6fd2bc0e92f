import { z } from 'zod';
import type { Operation, ResponseSpec } from '../../../shared/contract/operation';
import { API_KEY_HEADER } from '../../../shared/schemas/api-keys';
import { problemSchema } from '../../../shared/schemas/problem';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // OpenAPI 3.1 uses JSON Schema 2020-12. Transforms have no JSON form on the output side: `{}`.
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest;
}

/** Query or path parameters from a strict object schema. */
function parameters(schema: z.ZodType | undefined, location: 'query' | 'path') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

function response(spec: ResponseSpec, problem = false) {
  if (spec.contentType) {
    return {
      description: spec.description,
      content: Object.fromEntries(
        spec.contentType.split(' or ').map((type) => [type, { schema: { type: 'string' } }]),
      ),
    };
  }
  if (!spec.schema) return { description: spec.description };
  const type = problem ? 'application/problem+json' : 'application/json';
  // Every error has the same shape: described once, referred to everywhere.
  const schema =
    spec.schema === problemSchema
      ? { $ref: '#/components/schemas/Problem' }
      : jsonSchema(spec.schema, 'output');
  return { description: spec.description, content: { [type]: { schema } } };
}

const problemAnswer = (description: string): ResponseSpec => ({ description, schema: problemSchema });

/** The answers every route may give besides its own, from what the route middleware checks. */
function standardResponses(route: Operation): Record<number, ResponseSpec> {
  const answers: Record<number, ResponseSpec> = {
    400: problemAnswer('A query or path parameter is not valid'),
  };
  if (route.roles === 'device') {
    answers[401] = problemAnswer('No valid device credential, or the browser was revoked');
  } else if (route.roles !== 'public' && route.keys === false) {
    answers[401] = problemAnswer('No valid access token, or the session has ended');
    answers[403] = problemAnswer(
      `The member's role is not one of: ${route.roles.join(', ')}; or the request came with an API key, which may not do this`,
    );
  } else if (route.roles !== 'public') {
    answers[401] = problemAnswer(
      'No valid access token or API key: the session has ended, or the key is unknown, revoked or expired',
    );
    answers[403] = problemAnswer(`The member's (or key's) role is not one of: ${route.roles.join(', ')}`);
    answers[429] = problemAnswer('Too many requests with this API key: see Retry-After');
  }
  if (route.params) answers[404] = problemAnswer('Nothing with that id in your organisation');
  if (route.method !== 'get') {
    answers[413] = problemAnswer('The body is too large');
    answers[415] = problemAnswer('The body is not JSON');
    answers[422] = problemAnswer('A body field is not valid (each failing field is listed)');
  }
  return answers;
}

/** Which of the security schemes an operation accepts (any one of them). */
function securityOf(route: Operation): Record<string, []>[] {
  if (route.roles === 'public') return [];
  if (route.roles === 'device') return [{ deviceCredential: [] }];
  return route.keys === false ? [{ bearerAuth: [] }] : [{ bearerAuth: [] }, { apiKey: [] }];
}

/**
 * The OpenAPI 3.1 document of the contract's operations, generated from the same zod schemas the
 * worker validates with, so it cannot drift from what the server accepts.
 */
export function openApiDocument(routes: readonly Operation[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const answers = { ...standardResponses(route), ...route.responses };
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c = '') => c.toUpperCase())}`,
      summary: route.summary,
      tags: [route.tag],
      security: securityOf(route),
      'x-roles': route.roles === 'public' ? [] : route.roles === 'device' ? ['device'] : [...route.roles],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(answers).map(([status, spec]) => [status, response(spec, Number(status) >= 400)]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rollcall API',
      version,
      description:
        'Staff access hygiene for small firms. JSON in and out; errors are RFC 9457 problem+json. ' +
        'The organisation of every request is the one of the access token or API key.',
    },
    components: {
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: "A member's access token, from signing in",
        },
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: API_KEY_HEADER,
          description: 'An API key (rck_…) an owner or admin created; it acts with its role',
        },
        deviceCredential: {
          type: 'http',
          scheme: 'bearer',
          description: "An enrolled staff browser's device credential (rcd_…)",
        },
      },
    },
    paths,
  };
}
