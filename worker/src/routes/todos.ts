import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import {
  checklistListSchema,
  confirmTodoSchema,
  listTodosQuerySchema,
  todoPageSchema,
  todoParamsSchema,
  todoSchema,
} from '../../../shared/schemas/reviews';
import type { AppEnv } from '../app-env';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { todos } from '../db/schema';
import { ProblemError } from '../http/problem';
import { routeGroup } from '../http/route';
import { findTodo, listTodos, openChecklists, toTodo } from '../reviews/todos';
import { EDITORS, problem, READERS } from './directory-access';

const api = routeGroup('/api/v1/todos', 'To-dos');

/**
 * Follow-through: what the admin must still do in the firm's systems after a review decision or a
 * leaver. Everyone reads; owners and admins confirm (they are the ones who change the systems).
 */
export const todosApp = new Hono<AppEnv>()
  .get(
    '/',
    api.route({
      method: 'get',
      path: '/',
      summary: 'To-dos from review decisions and leavers, filtered by status and source',
      roles: READERS,
      query: listTodosQuerySchema,
      responses: { 200: { description: 'A page of to-dos', schema: todoPageSchema } },
    }),
    async (c) => c.json(await listTodos(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  )
  .get(
    '/checklists',
    api.route({
      method: 'get',
      path: '/checklists',
      summary: "Leavers' offboarding checklists that are not done yet, with every item",
      roles: READERS,
      responses: { 200: { description: 'Open checklists', schema: checklistListSchema } },
    }),
    async (c) => c.json({ checklists: await openChecklists(database(c.env.DB), c.get('member').orgId) }),
  )
  .post(
    '/:id/confirm',
    api.route({
      method: 'post',
      path: '/:id/confirm',
      summary: 'Confirm a to-do is done in the system (when no captured user list can show it)',
      roles: EDITORS,
      params: todoParamsSchema,
      body: confirmTodoSchema,
      responses: {
        200: { description: 'The to-do, done', schema: todoSchema },
        404: problem('No such to-do'),
        409: problem('Already done'),
      },
    }),
    async (c) => {
      const db = database(c.env.DB);
      const member = c.get('member');
      const { id } = c.req.valid('param');
      const { comment } = c.req.valid('json');
      const todo = await findTodo(db, member.orgId, id);
      if (todo.status !== 'open') throw new ProblemError(409, 'This to-do is already done.');
      const now = Date.now();
      const set = {
        status: 'done' as const,
        closedAt: now,
        closedVia: 'confirmation' as const,
        closedBy: member.name,
        closedComment: comment,
      };
      const [rows] = await writeAudited(
        db,
        memberActor(c),
        [
          db
            .update(todos)
            .set(set)
            .where(and(eq(todos.orgId, member.orgId), eq(todos.id, id), eq(todos.status, 'open')))
            .returning(),
        ],
        [
          {
            action: 'todo.confirm',
            targetType: 'todo',
            targetId: id,
            before: { status: 'open', action: todo.action, label: todo.label },
            after: { status: 'done', closedVia: 'confirmation', comment },
          },
        ],
      );
      const row = rows[0];
      if (!row) throw new ProblemError(409, 'This to-do is already done.');
      return c.json(toTodo(row));
    },
  );
