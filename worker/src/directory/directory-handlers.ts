import type { Context } from 'hono';
import type { z } from 'zod';
import type { Operation } from '../../../shared/contract/operation';
import type { AppEnv } from '../app-env';
import { runAudited } from '../audit/writer';
import { type Database, database } from '../db/client';
import { type OperationHandler, withFirstRead } from '../http/route';
import type { DirectoryResource, DirectoryTable } from './directory-resource';

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

/** The checked input a first read is built from (http/route.ts `withFirstRead`). */
type Input = { param: { id: string }; query: never; json: { id?: string } };

/**
 * The five handlers every directory resource serves the same way: list, get, create (201), update
 * and delete (204), each write with its audit event (`<event>.create`, `.update`, `.delete`) in the
 * same batch. The contract's schemas must give the inputs the resource's queries take. The list,
 * the row got, the row an update changes and a client's id a create takes are read in the sign-in's
 * batch.
 *
 * ```ts
 * export const rolesRoutes = handlers(contract.roles, directoryHandlers(contract.roles, jobRolesQueries, 'job_role'));
 * ```
 */
export function directoryHandlers<G extends DirectoryGroup, T extends DirectoryTable, Shown>(
  group: G,
  queries: DirectoryResource<
    T,
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
  const find = (db: Database, orgId: string, input: unknown) =>
    [queries.reads.find(db, orgId, (input as Input).param.id)] as const;
  const implementation = {
    list: withFirstRead(
      group.list,
      (db, orgId, input) => [queries.reads.list(db, orgId, (input as Input).query)],
      (c, [rows]) => c.json(queries.page(rows, valid(c, 'query') as never)),
    ),
    get: withFirstRead(group.get, find, (c, [rows]) => c.json(queries.found(rows))),
    create: withFirstRead(
      group.create,
      // Only a client's own id can be taken: one made here is a fresh UUID.
      (db, _orgId, input) => {
        const clientId = (input as Input).json.id;
        return clientId === undefined ? [] : [queries.reads.taken(db, clientId)];
      },
      async (c, [taken]) => {
        const db = database(c.env.DB);
        const body = valid(c, 'json') as { id?: string };
        const input = { ...body, id: body.id ?? crypto.randomUUID() };
        const write = await queries.create(db, orgId(c), input as never, Date.now(), taken ?? []);
        const created = await runAudited(c, db, write, [
          { action: `${event}.create`, targetType: event, targetId: input.id, after: input },
        ]);
        return c.json(created, 201);
      },
    ),
    update: withFirstRead(group.update, find, async (c, [rows]) => {
      const db = database(c.env.DB);
      const input = valid(c, 'json') as object;
      const { before, write } = await queries.update(
        db,
        orgId(c),
        id(c),
        input as never,
        Date.now(),
        queries.found(rows),
      );
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
    }),
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
