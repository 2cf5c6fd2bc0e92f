import { useEffect, useState } from 'preact/hooks';
import type { Notification, Todo } from '../../../shared/schemas/reviews';
import type { Checklist } from '../background/reviews';
import { useSend } from './popup-context';

const ACTION: Record<Todo['action'], string> = {
  remove: 'Remove the account',
  'change-permissions': 'Change its permissions',
  'rotate-password': 'Change the password',
};

/**
 * On the home view: unread notifications, leavers' checklists and the to-dos closed reviews left,
 * each to-do confirmable (owner, admin) until done. Read from the server when the home view opens.
 */
export function FollowUps({ canConfirm }: { canConfirm: boolean }) {
  const send = useSend();
  const [notes, setNotes] = useState<{ notifications: Notification[]; unread: number } | null>(null);
  const [lists, setLists] = useState<{ checklists: Checklist[]; reviewTodos: Todo[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function loadTodos() {
    const answer = await send('listFollowUps');
    if (answer.ok) setLists(answer.value);
    else setError(answer.message);
  }
  useEffect(() => {
    void send('listNotifications').then((answer) =>
      answer.ok ? setNotes(answer.value) : setError(answer.message),
    );
    void loadTodos();
  }, [send]);

  async function markRead(ids?: string[]) {
    const answer = await send('markNotificationsRead', { ids });
    if (answer.ok) setNotes(answer.value);
    else setError(answer.message);
  }

  const unread = notes?.notifications.filter((n) => n.readAt === null) ?? [];
  return (
    <>
      {error && <p class="notice">{error}</p>}
      {notes && (
        <section aria-labelledby="notes-heading">
          <h3 id="notes-heading">
            Notifications <span data-testid="unread-count">({notes.unread} unread)</span>
          </h3>
          {unread.length === 0 ? (
            <p class="muted">Nothing new.</p>
          ) : (
            <>
              <ul class="stack notifications">
                {unread.map((note) => (
                  <li key={note.id} class={`sev-${note.severity}`}>
                    <strong>{note.title}</strong> <span class="muted">{note.detail}</span>{' '}
                    <button
                      type="button"
                      class="link"
                      aria-label={`Mark read: ${note.title}`}
                      onClick={() => void markRead([note.id])}
                    >
                      Mark read
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" class="link" onClick={() => void markRead()}>
                Mark all read
              </button>
            </>
          )}
        </section>
      )}
      {lists && lists.checklists.length > 0 && (
        <section aria-labelledby="leavers-heading">
          <h3 id="leavers-heading">Leavers</h3>
          {lists.checklists.map((list) => (
            <div key={list.personId} class="checklist">
              <h4>
                {list.name}
                {list.endDate ? ` (left ${list.endDate})` : ''} — {list.open} open, {list.done} done
              </h4>
              <TodoList todos={list.items} canConfirm={canConfirm} onDone={loadTodos} />
            </div>
          ))}
        </section>
      )}
      {lists && lists.reviewTodos.length > 0 && (
        <section aria-labelledby="review-todos-heading">
          <h3 id="review-todos-heading">From reviews</h3>
          <TodoList todos={lists.reviewTodos} canConfirm={canConfirm} onDone={loadTodos} />
        </section>
      )}
    </>
  );
}

function TodoList({
  todos,
  canConfirm,
  onDone,
}: {
  todos: readonly Todo[];
  canConfirm: boolean;
  onDone: () => Promise<void>;
}) {
  return (
    <ul class="stack todos">
      {todos.map((todo) => (
        <TodoRow key={todo.id} todo={todo} canConfirm={canConfirm} onDone={onDone} />
      ))}
    </ul>
  );
}

function TodoRow({
  todo,
  canConfirm,
  onDone,
}: {
  todo: Todo;
  canConfirm: boolean;
  onDone: () => Promise<void>;
}) {
  const send = useSend();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const what =
    todo.action === 'change-permissions' && todo.targetPermissions
      ? `${ACTION[todo.action]} to ${todo.targetPermissions.join(', ') || 'none'}`
      : ACTION[todo.action];

  return (
    <li class={`todo todo-${todo.status}`}>
      <span>
        <strong>{todo.label}</strong>: {what}
      </span>
      {todo.status === 'done' ? (
        <span class="muted"> — done{todo.closedComment ? ` (“${todo.closedComment}”)` : ''}</span>
      ) : (
        canConfirm &&
        !open && (
          <button type="button" class="link" onClick={() => setOpen(true)}>
            Confirm done…<span class="visually-hidden"> {todo.label}</span>
          </button>
        )
      )}
      {open && todo.status === 'open' && (
        <form
          class="stack"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!comment.trim()) return setError('Say how it was done.');
            setBusy(true);
            const answer = await send('confirmTodo', { todoId: todo.id, comment: comment.trim() });
            setBusy(false);
            if (!answer.ok) return setError(answer.message);
            setOpen(false);
            await onDone();
          }}
        >
          <label class="field">
            How was it done?
            {/* biome-ignore lint/a11y/noAutofocus: the field the admin just asked for */}
            <input autoFocus value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
          </label>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="row">
            <button type="submit" class="primary" disabled={busy}>
              Confirm
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
