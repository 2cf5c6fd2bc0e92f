import { useEffect, useRef, useState } from 'preact/hooks';
import type { Campaign, DecideItem, ReviewDecision, ReviewItem } from '../../../shared/schemas/reviews';
import { useSend } from '../popup/popup-context';
import { formatDate } from '../ui/format-date';
import { Message, type Said } from './ui';

const DECIDED: Record<ReviewDecision, string> = { keep: 'Keep', revoke: 'Remove', change: 'Modify' };

/** Seconds a decision waits before it is sent, so Undo takes it back without a trace. */
export const UNDO_SECONDS = 6;

/** A decision on its way: held for the Undo window, then sent. */
interface Pending {
  item: ReviewItem;
  decision: DecideItem;
  timer: ReturnType<typeof setTimeout>;
}

type Asking = { itemId: string; kind: 'revoke' } | { itemId: string; kind: 'change'; keep: string[] };

/** Whether a key press belongs to a field (the table's letters must not steal typing). */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && Boolean(target.closest('input, textarea, select'));

/**
 * An open campaign's accounts as one table, decided from the keyboard: ↑/↓ (or j and p) move
 * between rows, k keeps, r removes, m modifies the permissions (removing and modifying ask why),
 * u undoes the last decision. A decision is sent once its Undo window is over, or at once when the
 * next one is made or the screen is left; a decided row can be decided again until the review closes.
 */
export function ReviewDecideTable({ campaign, onDecided }: { campaign: Campaign; onDecided: () => void }) {
  const send = useSend();
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState(0);
  const [asking, setAsking] = useState<Asking | null>(null);
  const [comment, setComment] = useState('');
  const [said, setSaid] = useState<Said>(null);
  const pending = useRef<Pending | null>(null);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  useEffect(() => {
    let live = true;
    void send('listReviewItems', { campaignId: campaign.id }).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.message);
      setItems(answer.value);
      const first = answer.value.findIndex((item) => item.decision === null);
      setAt(first < 0 ? 0 : first);
    });
    return () => {
      live = false;
    };
  }, [campaign.id, send]);

  // Leaving the screen sends what is still waiting for its Undo window.
  useEffect(() => () => void flush(), []);

  async function flush() {
    const waiting = pending.current;
    if (!waiting) return;
    pending.current = null;
    clearTimeout(waiting.timer);
    const answer = await send('decideReviewItem', {
      campaignId: campaign.id,
      itemId: waiting.item.id,
      decision: waiting.decision,
    });
    if (!answer.ok) {
      // Not decided after all: the row shows what the server holds.
      setItems((list) => list?.map((i) => (i.id === waiting.item.id ? waiting.item : i)) ?? list);
      setSaid({ kind: 'error', text: `${waiting.item.username}: ${answer.message}` });
      return;
    }
    setItems((list) => list?.map((i) => (i.id === answer.value.id ? answer.value : i)) ?? list);
    onDecided();
  }

  const focusRow = (index: number) => requestAnimationFrame(() => rows.current[index]?.focus());

  if (error)
    return (
      <p class="error" role="alert">
        Couldn’t load the accounts under review. {error}
      </p>
    );
  if (!items)
    return (
      <p class="status" role="status" aria-busy="true">
        Loading the accounts under review…
      </p>
    );
  if (items.length === 0) return <p class="empty">This review has no accounts in it.</p>;
  const list = items;

  function decide(index: number, decision: DecideItem) {
    const item = list[index];
    if (!item) return;
    void flush();
    const shown: ReviewItem = {
      ...item,
      decision: decision.decision,
      newPermissions: decision.decision === 'change' ? decision.permissions : null,
      comment: decision.comment || null,
    };
    setItems(list.map((i) => (i.id === item.id ? shown : i)));
    pending.current = { item, decision, timer: setTimeout(() => void flush(), UNDO_SECONDS * 1000) };
    setAsking(null);
    setComment('');
    setSaid({
      kind: 'ok',
      text: `${DECIDED[decision.decision]}: ${item.username} in ${item.systemName}.`,
      undo: () => undo(),
    });
    // On to the next row nobody has decided, else the next row.
    const after = list.findIndex((i, n) => n > index && i.decision === null && i.id !== item.id);
    const next = after >= 0 ? after : Math.min(list.length - 1, index + 1);
    setAt(next);
    focusRow(next);
  }

  function undo() {
    const waiting = pending.current;
    if (!waiting) return;
    pending.current = null;
    clearTimeout(waiting.timer);
    setItems((current) => current?.map((i) => (i.id === waiting.item.id ? waiting.item : i)) ?? current);
    setSaid({ kind: 'ok', text: `Undone: ${waiting.item.username} is as it was.` });
    const index = list.findIndex((i) => i.id === waiting.item.id);
    setAt(index);
    focusRow(index);
  }

  function ask(index: number, kind: 'revoke' | 'change') {
    const item = list[index];
    if (!item) return;
    setAt(index);
    setComment('');
    setAsking(
      kind === 'revoke' ? { itemId: item.id, kind } : { itemId: item.id, kind, keep: [...item.permissions] },
    );
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const move = (step: number) => {
      const next = Math.min(list.length - 1, Math.max(0, at + step));
      setAt(next);
      focusRow(next);
    };
    const actions: Record<string, () => void> = {
      ArrowDown: () => move(1),
      j: () => move(1),
      ArrowUp: () => move(-1),
      p: () => move(-1),
      Home: () => move(-list.length),
      End: () => move(list.length),
      k: () => decide(at, { decision: 'keep', comment: '' }),
      r: () => ask(at, 'revoke'),
      m: () => ask(at, 'change'),
      u: () => undo(),
    };
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const decided = list.filter((i) => i.decision !== null).length;
  return (
    <section aria-labelledby="decide-heading" class="decide-table">
      <h3 id="decide-heading">Decide</h3>
      <p class="muted" id="decide-keys">
        {decided} of {list.length} decided. Keys: ↑ ↓ (or j, p) move · <kbd>k</kbd> keep · <kbd>r</kbd> remove
        · <kbd>m</kbd> modify permissions · <kbd>u</kbd> undo.
      </p>
      <Message said={said} />
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the rows inside take the focus; their keys bubble here */}
      <div class="table-wrap" onKeyDown={onKeyDown}>
        <table class="data" aria-label="Accounts under review" aria-describedby="decide-keys">
          <thead>
            <tr>
              <th scope="col">Login</th>
              <th scope="col">Owner</th>
              <th scope="col">Permissions</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Findings</th>
              <th scope="col">Decision</th>
              <th scope="col">
                <span class="visually-hidden">Decide</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((item, index) => (
              <DecideRow
                key={item.id}
                item={item}
                current={index === at}
                rowRef={(el) => {
                  rows.current[index] = el;
                }}
                asking={asking?.itemId === item.id ? asking : null}
                comment={comment}
                onComment={setComment}
                onFocus={() => setAt(index)}
                onKeep={() => decide(index, { decision: 'keep', comment: '' })}
                onAsk={(kind) => ask(index, kind)}
                onToggle={(permission, on) =>
                  asking?.kind === 'change' &&
                  setAsking({
                    ...asking,
                    keep: on ? [...asking.keep, permission] : asking.keep.filter((p) => p !== permission),
                  })
                }
                onCancel={() => {
                  setAsking(null);
                  focusRow(index);
                }}
                onConfirm={() => {
                  const text = comment.trim();
                  if (!asking || !text) return;
                  decide(
                    index,
                    asking.kind === 'revoke'
                      ? { decision: 'revoke', comment: text }
                      : { decision: 'change', permissions: asking.keep, comment: text },
                  );
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DecideRow({
  item,
  current,
  rowRef,
  asking,
  comment,
  onComment,
  onFocus,
  onKeep,
  onAsk,
  onToggle,
  onCancel,
  onConfirm,
}: {
  item: ReviewItem;
  current: boolean;
  rowRef: (el: HTMLTableRowElement | null) => void;
  asking: Asking | null;
  comment: string;
  onComment: (text: string) => void;
  onFocus: () => void;
  onKeep: () => void;
  onAsk: (kind: 'revoke' | 'change') => void;
  onToggle: (permission: string, on: boolean) => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const [why, setWhy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    setWhy(false);
    if (asking) requestAnimationFrame(() => field.current?.focus());
  }, [asking?.kind]);
  const decision = item.decision
    ? `${DECIDED[item.decision]}${item.decision === 'change' && item.newPermissions ? ` to ${item.newPermissions.join(', ') || 'none'}` : ''}${item.comment ? ` — “${item.comment}”` : ''}`
    : 'Undecided';
  return (
    <>
      <tr
        ref={rowRef}
        tabIndex={current ? 0 : -1}
        aria-current={current ? 'true' : undefined}
        class={current ? 'current' : undefined}
        onFocus={onFocus}
      >
        <th scope="row">
          {item.username} <span class="muted">in {item.systemName}</span>
          {item.displayName && <span class="muted block">{item.displayName}</span>}
        </th>
        <td>
          {item.owner ? item.owner.name : <span class="muted">No owner</span>}
          {item.jobRole && <span class="muted block">{item.jobRole}</span>}
        </td>
        <td>{item.permissions.join(', ') || <span class="muted">none</span>}</td>
        <td>{item.lastSignInAt !== null ? formatDate(item.lastSignInAt) : 'never'}</td>
        <td>{item.findings.map((f) => f.title).join('; ') || <span class="muted">none</span>}</td>
        <td data-testid="decision">{decision}</td>
        <td>
          <span class="row">
            <button type="button" tabIndex={current ? 0 : -1} onClick={onKeep}>
              Keep
            </button>
            <button type="button" tabIndex={current ? 0 : -1} onClick={() => onAsk('revoke')}>
              Remove…
            </button>
            <button type="button" tabIndex={current ? 0 : -1} onClick={() => onAsk('change')}>
              Modify…
            </button>
          </span>
        </td>
      </tr>
      {asking && (
        <tr class="decide-why">
          <td colSpan={7}>
            <form
              class="stack"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                if (!comment.trim()) {
                  setWhy(true);
                  field.current?.focus();
                  return;
                }
                onConfirm();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  onCancel();
                }
              }}
            >
              {asking.kind === 'change' && (
                <fieldset>
                  <legend>Permissions {item.username} keeps</legend>
                  {item.permissions.map((p) => (
                    <label key={p} class="check">
                      <input
                        type="checkbox"
                        checked={asking.keep.includes(p)}
                        onChange={(e) => onToggle(p, e.currentTarget.checked)}
                      />{' '}
                      {p}
                    </label>
                  ))}
                </fieldset>
              )}
              <label for={`why-${item.id}`}>
                {asking.kind === 'revoke' ? `Why remove ${item.username}?` : `Why modify ${item.username}?`}
              </label>
              <textarea
                id={`why-${item.id}`}
                ref={field}
                rows={2}
                value={comment}
                aria-invalid={why ? true : undefined}
                aria-describedby={why ? `why-${item.id}-error` : undefined}
                onInput={(e) => {
                  onComment(e.currentTarget.value);
                  setWhy(false);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault();
                    e.currentTarget.form?.requestSubmit();
                  }
                }}
              />
              {why && (
                <small class="error" id={`why-${item.id}-error`} role="alert">
                  Say why: removing or modifying access needs a comment.
                </small>
              )}
              <span class="row">
                <button type="submit" class="primary">
                  {asking.kind === 'revoke' ? 'Remove (Enter)' : 'Modify (Enter)'}
                </button>
                <button type="button" onClick={onCancel}>
                  Cancel (Esc)
                </button>
              </span>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}
