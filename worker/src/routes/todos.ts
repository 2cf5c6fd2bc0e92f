import { and, eq } from 'drizzle-orm';
import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { todos } from '../db/schema';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';
import { findTodo, listTodos, openChecklists, toTodo } from '../reviews/todos';

/**
 * Follow-through: what the admin must still do in the firm's systems after a review decision or a
 * leaver. Everyone reads; owners and admins confirm (they are the ones who change the systems).
 */
export const todosRoutes = handlers(contract.todos, {
  list: async (c) => c.json(await listTodos(database(c.env.DB), c.get('member').orgId, c.req.valid('query'))),
  checklists: async (c) =>
    c.json({ checklists: await openChecklists(database(c.env.DB), c.get('member').orgId) }),
  confirm: async (c) => {
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
});
