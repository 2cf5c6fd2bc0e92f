import type { Context } from 'hono';
import type { z } from 'zod';
import type { Operation } from '../../../shared/contract/operation';
import type { AppEnv } from '../app-env';
import { runAudited } from '../audit/writer';
import { database } from '../db/client';
import type { OperationHandler } from '../http/route';
import type { DirectoryResource } from './directory-resource';

/** The operations every directory resource's contract group has. */
type DirectoryGroup = {
  list: Operation;
  create: Operation;
  get: Operation;
  update: Operation;
  remove: Operation;
};

type Out<S> = S extends z.ZodType ? z.output<S> : never;

/** What a handler reads once the route's middleware has checked it against the contract. */
function valid(c: Context<AppEnv>, target: 'param' | 'query' | 'json'): unknown {
  return (c.req as unknown as { valid(target: string): unknown }).valid(target);
}

/**
 * The five handlers every directory resource serves the same way: list, get, create (201), update
 * and delete (204), each write with its audit event (`<event>.create`, `.update`, `.delete`) in the
 * same batch. The contract's schemas must give the inputs the resource's queries take.
 *
 * ```ts
 * export const rolesRoutes = handlers(contract.roles, directoryHandlers(contract.roles, jobRolesQueries, 'job_role'));
 * ```
 */
export function directoryHandlers<G extends DirectoryGroup, Shown>(
  _group: G,
  queries: DirectoryResource<
    never,
    Shown,
    Out<G['list']['query']>,
    Out<G['create']['body']> & { id?: string },
    Out<G['update']['body']>
  >,
  /** The audit event's target type and the prefix of its action: 'person', 'job_role'. */
  event: string,
): { [K in keyof DirectoryGroup]: OperationHandler<G[K]> } {
  const id = (c: Context<AppEnv>) => (valid(c, 'param') as { id: string }).id;
  const orgId = (c: Context<AppEnv>) => c.get('member').orgId;
  const implementation = {
    list: async (c: Context<AppEnv>) =>
      c.json(await queries.list(database(c.env.DB), orgId(c), valid(c, 'query') as never)),
    get: async (c: Context<AppEnv>) => c.json(await queries.get(database(c.env.DB), orgId(c), id(c))),
    create: async (c: Context<AppEnv>) => {
      const db = database(c.env.DB);
      const body = valid(c, 'json') as { id?: string };
      const input = { ...body, id: body.id ?? crypto.randomUUID() };
      const write = await queries.create(db, orgId(c), input as never);
      const created = await runAudited(c, db, write, [
        { action: `${event}.create`, targetType: event, targetId: input.id, after: input },
      ]);
      return c.json(created, 201);
    },
    update: async (c: Context<AppEnv>) => {
      const db = database(c.env.DB);
      const input = valid(c, 'json') as object;
      const { before, write } = await queries.update(db, orgId(c), id(c), input as never);
      const updated = await runAudited(c, db, write, [
        {
          action: `${event}.update`,
          targetType: event,
          targetId: id(c),
          before,
          after: { ...(before as object), ...input },
        },
      ]);
      return c.json(updated);
    },
    remove: async (c: Context<AppEnv>) => {
      const db = database(c.env.DB);
      const { before, write } = await queries.remove(db, orgId(c), id(c));
      await runAudited(c, db, write, [
        { action: `${event}.delete`, targetType: event, targetId: id(c), before },
      ]);
      return c.body(null, 204);
    },
  };
  return implementation as unknown as { [K in keyof DirectoryGroup]: OperationHandler<G[K]> };
}
