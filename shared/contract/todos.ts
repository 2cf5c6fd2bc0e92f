import {
  checklistListSchema,
  confirmTodoSchema,
  listTodosQuerySchema,
  todoPageSchema,
  todoParamsSchema,
  todoSchema,
} from '../schemas/reviews';
import { EDITORS, READERS } from './access';
import { operations, problem } from './operation';

export const todos = operations('To-dos', {
  list: {
    method: 'get',
    path: '/api/v1/todos',
    summary: 'To-dos from review decisions and leavers, filtered by status and source',
    roles: READERS,
    query: listTodosQuerySchema,
    responses: { 200: { description: 'A page of to-dos', schema: todoPageSchema } },
  },
  checklists: {
    method: 'get',
    path: '/api/v1/todos/checklists',
    summary: "Leavers' offboarding checklists that are not done yet, with every item",
    roles: READERS,
    responses: { 200: { description: 'Open checklists', schema: checklistListSchema } },
  },
  confirm: {
    method: 'post',
    path: '/api/v1/todos/:id/confirm',
    summary: 'Confirm a to-do is done in the system (when no captured user list can show it)',
    roles: EDITORS,
    params: todoParamsSchema,
    body: confirmTodoSchema,
    responses: {
      200: { description: 'The to-do, done', schema: todoSchema },
      404: problem('No such to-do'),
      409: problem('Already done'),
    },
  },
});
