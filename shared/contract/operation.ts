import type { z } from 'zod';
import type { MemberRole } from '../schemas/members';
import { problemSchema } from '../schemas/problem';

/** One documented answer of an operation. `schema` describes a JSON body; `contentType` overrides it. */
export type ResponseSpec = { description: string; schema?: z.ZodType; contentType?: string };

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One API operation, declared once: the worker mounts it, validates with its schemas and checks its
 * roles; the OpenAPI document, the generated worker tests and the extension's client are built from
 * it. `params`, `query` and `body` are strict zod objects (unknown fields fail).
 */
export type OperationSpec = {
  method: Method;
  /** The full path in Hono syntax: '/api/v1/people/:id'. Every `:name` needs a `params` schema. */
  path: string;
  summary: string;
  /**
   * 'public' needs no sign-in; 'device' needs an enrolled staff browser's device credential (never a
   * member's token); otherwise the member roles allowed (checked on the server).
   */
  roles: 'public' | 'device' | readonly MemberRole[];
  /**
   * `false`: refused to API keys (403) whatever their role — managing members, keys, sessions,
   * second factors or a password needs a member signed in. Otherwise a key of an allowed role may call it.
   */
  keys?: false;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, ResponseSpec>;
  /** Largest accepted body in bytes (default 64 KiB); larger answers 413. */
  maxBodyBytes?: number;
};

/** An operation with its group's OpenAPI tag. */
export type Operation = OperationSpec & { tag: string };

/** An error answer of an operation: always problem+json. */
export const problem = (description: string): ResponseSpec => ({ description, schema: problemSchema });

/**
 * The operations of one resource, under one OpenAPI tag. Checks each path's parameters against
 * its `params` schema when the module loads, so a route cannot be declared half.
 */
export function operations<const Ops extends Record<string, OperationSpec>>(
  tag: string,
  ops: Ops,
): { [K in keyof Ops]: Ops[K] & { tag: string } } {
  for (const op of Object.values(ops)) {
    const names = [...op.path.matchAll(/:(\w+)/g)].map((match) => match[1]);
    const shape = (op.params as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
    const declared = Object.keys(shape);
    if (names.length !== declared.length || names.some((name) => !declared.includes(name as string))) {
      throw new Error(
        `${op.method.toUpperCase()} ${op.path}: its params schema must name exactly its path parameters.`,
      );
    }
  }
  return Object.fromEntries(Object.entries(ops).map(([name, op]) => [name, { ...op, tag }])) as {
    [K in keyof Ops]: Ops[K] & { tag: string };
  };
}

/** The schema of an operation's successful JSON answer (the first 2xx with a schema), if any. */
export type SuccessSchema<O extends OperationSpec> = {
  [S in keyof O['responses']]: S extends 200 | 201 | 202
    ? O['responses'][S] extends { schema: infer T extends z.ZodType }
      ? T
      : never
    : never;
}[keyof O['responses']];

/** What an operation answers when it succeeds: the parsed JSON, text (CSV, HTML) or nothing (204). */
export type Success<O extends OperationSpec> = [SuccessSchema<O>] extends [never]
  ? O['responses'] extends Record<200, { contentType: string }>
    ? string
    : null
  : z.output<SuccessSchema<O>>;

/** What a server sends for an operation's success, before the client's schema reads it. */
export type SuccessBody<O extends OperationSpec> = [SuccessSchema<O>] extends [never]
  ? Success<O>
  : z.input<SuccessSchema<O>>;

/** The status and schema of an operation's success answer, for the client to parse it with. */
export function successOf(op: OperationSpec): { status: number; spec: ResponseSpec } {
  const [status, spec] =
    Object.entries(op.responses)
      .map(([code, answer]) => [Number(code), answer] as const)
      .find(([code]) => code >= 200 && code < 300) ?? [];
  if (status === undefined || spec === undefined)
    throw new Error(`${op.method.toUpperCase()} ${op.path} declares no success answer.`);
  return { status, spec };
}

type Input<T> = T extends z.ZodType ? z.input<T> : undefined;
type Field<K extends string, T> = T extends z.ZodType ? { [P in K]: z.input<T> } : { [P in K]?: never };

/** What a caller sends: path parameters, query and body, each typed from the operation's schema. */
export type RequestOf<O extends OperationSpec> = Field<'params', O['params']> &
  Field<'query', O['query']> &
  Field<'body', O['body']>;
export type BodyOf<O extends OperationSpec> = Input<O['body']>;

/** `/api/v1/reviews/:id` + { id } → `/api/v1/reviews/<id>`, each parameter URL-encoded. */
export function fillPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for :${name}.`);
    return encodeURIComponent(value);
  });
}
