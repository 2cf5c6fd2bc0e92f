import { contract } from '../../../shared/contract';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { asBatchItem, changedOneRowGuard, isGuardFailure } from '../db/versions';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';
import { confirmTodoStatement, findTodo, listTodos, openChecklists, toTodo } from '../reviews/todos';

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
    const alreadyDone = new ProblemError(409, 'This to-do is already done.');
    const statements = [
      confirmTodoStatement(db, member.orgId, id, member.name, comment, Date.now()),
      // Only an open to-do is confirmed: a second confirmation racing this one fails as a whole,
      // its event with it.
      asBatchItem(changedOneRowGuard(db)),
    ] as const;
    const written = await writeAudited(db, memberActor(c), statements, [
      {
        action: 'todo.confirm',
        targetType: 'todo',
        targetId: id,
        before: { status: 'open', action: todo.action, label: todo.label },
        after: { status: 'done', closedVia: 'confirmation', comment },
      },
    ]).catch((error: unknown) => {
      throw isGuardFailure(error) ? alreadyDone : error;
    });
    const row = written[0][0];
    if (!row) throw alreadyDone;
    return c.json(toTodo(row));
  },
});
