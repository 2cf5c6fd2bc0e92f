import { useEffect, useRef, useState } from 'preact/hooks';
import type { Campaign, DecideItem, ReviewDecision, ReviewItem } from '../../../shared/schemas/reviews';
import { formatDate } from '../ui/format-date';
import { useSend } from './popup-context';

const DECIDED: Record<ReviewDecision, string> = {
  keep: 'Keep',
  revoke: 'Revoke',
  change: 'Change permissions',
};

/** Open access reviews; opening one walks its accounts one at a time, keyboard first. */
export function ReviewView() {
  const send = useSend();
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  async function load() {
    const answer = await send('listReviews');
    if (answer.ok) {
      setCampaigns(answer.value);
      setError(null);
    } else setError(answer.message);
  }
  useEffect(() => void load(), []);

  const open = campaigns?.find((c) => c.id === openId);
  if (open) {
    return (
      <CampaignWalk
        campaign={open}
        onBack={() => {
          setOpenId(null);
          void load();
        }}
      />
    );
  }

  const active = campaigns?.filter((c) => c.status === 'open') ?? [];
  return (
    <section class="view" aria-labelledby="review-heading">
      <h2 id="review-heading" tabIndex={-1}>
        Access reviews
      </h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!campaigns && !error && (
        <p role="status" aria-busy="true">
          Loading…
        </p>
      )}
      {campaigns && active.length === 0 && (
        <p class="empty">No review is open. An owner or admin starts one for the systems to check.</p>
      )}
      {active.length > 0 && (
        <ul class="stack campaigns">
          {active.map((campaign) => (
            <li key={campaign.id}>
              <button type="button" class="fix" onClick={() => setOpenId(campaign.id)}>
                <span class="fix-title">{campaign.name}</span>
                <span class="fix-do">
                  {campaign.progress.decided} of {campaign.progress.total} decided · due{' '}
                  {formatDate(campaign.dueAt)}
                </span>
                <progress max={campaign.progress.total || 1} value={campaign.progress.decided} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Mode = { kind: 'browse' } | { kind: 'revoke' } | { kind: 'change'; keep: string[] };

/** Whether a key press belongs to a text field (the review's letters must not steal typing). */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT');
}

function CampaignWalk({ campaign, onBack }: { campaign: Campaign; onBack: () => void }) {
  const send = useSend();
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [index, setIndex] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: 'browse' });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const card = useRef<HTMLElement>(null);
  const commentField = useRef<HTMLTextAreaElement>(null);
  const decisionForm = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let live = true;
    send('listReviewItems', { campaignId: campaign.id }).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.message);
      setItems(answer.value);
      // Start where work remains.
      const first = answer.value.findIndex((item) => item.decision === null);
      setIndex(first < 0 ? 0 : first);
      requestAnimationFrame(() => card.current?.focus());
    });
    return () => {
      live = false;
    };
  }, [campaign.id, send]);

  // Focus goes to the form's first field: the first permission to keep when changing, else the comment.
  useEffect(() => {
    if (mode.kind !== 'browse') {
      requestAnimationFrame(() =>
        decisionForm.current?.querySelector<HTMLElement>('input, textarea')?.focus(),
      );
    }
  }, [mode.kind]);

  if (!items) {
    return (
      <section class="view" aria-labelledby="walk-heading">
        <h2 id="walk-heading" tabIndex={-1}>
          {campaign.name}
        </h2>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : (
          <p role="status" aria-busy="true">
            Loading…
          </p>
        )}
        <button type="button" class="link back" onClick={onBack}>
          ← All reviews
        </button>
      </section>
    );
  }

  const all = items;
  const item = all[index];
  const decided = items.filter((i) => i.decision !== null).length;

  function move(step: number) {
    setIndex((at) => Math.min(all.length - 1, Math.max(0, at + step)));
    setMode({ kind: 'browse' });
    setComment('');
    setError(null);
    card.current?.focus();
  }

  async function decide(decision: DecideItem) {
    if (!item || busy) return;
    setBusy(true);
    setError(null);
    const answer = await send('decideReviewItem', { campaignId: campaign.id, itemId: item.id, decision });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.message);
      return;
    }
    const next = all.map((i) => (i.id === answer.value.id ? answer.value : i));
    setItems(next);
    setSaid(`${DECIDED[decision.decision]}: ${item.username} in ${item.systemName}.`);
    setMode({ kind: 'browse' });
    setComment('');
    // On to the next account nobody has decided; stay on the last one when all are done.
    const after = next.findIndex((i, at) => at > index && i.decision === null);
    const anyLeft = next.findIndex((i) => i.decision === null);
    setIndex(after >= 0 ? after : anyLeft >= 0 ? anyLeft : index);
    card.current?.focus();
  }

  function submitComment() {
    const text = comment.trim();
    if (!text) {
      setError('Say why: revoking or changing access needs a comment.');
      commentField.current?.focus();
      return;
    }
    if (mode.kind === 'revoke') void decide({ decision: 'revoke', comment: text });
    if (mode.kind === 'change') void decide({ decision: 'change', permissions: mode.keep, comment: text });
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape' && mode.kind !== 'browse') {
      event.preventDefault();
      setMode({ kind: 'browse' });
      setError(null);
      card.current?.focus();
      return;
    }
    if (typing(event.target) || !item) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const actions: Record<string, () => void> = {
      k: () => void decide({ decision: 'keep', comment: '' }),
      r: () => {
        setError(null);
        setMode({ kind: 'revoke' });
      },
      c: () => {
        setError(null);
        setMode({ kind: 'change', keep: [...item.permissions] });
      },
      n: () => move(1),
      ArrowRight: () => move(1),
      p: () => move(-1),
      ArrowLeft: () => move(-1),
    };
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  return (
    <section class="view review-walk" aria-labelledby="walk-heading" onKeyDown={onKeyDown}>
      <h2 id="walk-heading" tabIndex={-1}>
        {campaign.name}
      </h2>
      <p class="muted" data-testid="review-progress">
        {decided} of {items.length} decided
      </p>
      <p class="visually-hidden" role="status">
        {said}
      </p>
      {items.length === 0 || !item ? (
        <p class="empty">This review has no accounts in it.</p>
      ) : (
        <article
          ref={card}
          class="review-card"
          tabIndex={-1}
          aria-label={`Account ${index + 1} of ${items.length}`}
          data-testid="review-card"
        >
          <p class="muted">
            Account {index + 1} of {items.length}
          </p>
          <h3>
            {item.username} <span class="muted">in {item.systemName}</span>
          </h3>
          <dl class="facts">
            <dt>Name</dt>
            <dd>{item.displayName ?? '—'}</dd>
            <dt>Owner</dt>
            <dd>{item.owner?.name ?? 'Nobody'}</dd>
            <dt>Job role</dt>
            <dd>{item.jobRole ?? '—'}</dd>
            <dt>Permissions</dt>
            <dd>{item.permissions.length > 0 ? item.permissions.join(', ') : 'None'}</dd>
            <dt>Last sign-in</dt>
            <dd>{item.lastSignInAt === null ? 'Never seen' : formatDate(item.lastSignInAt)}</dd>
            <dt>Findings</dt>
            <dd>
              {item.findings.length === 0 ? (
                'None'
              ) : (
                <ul>
                  {item.findings.map((f) => (
                    <li key={f.id} class={`sev-${f.severity}`}>
                      {f.title}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Decision</dt>
            <dd data-testid="review-decision">
              {item.decision === null
                ? 'Not decided'
                : `${DECIDED[item.decision]}${item.decision === 'change' && item.newPermissions ? ` to ${item.newPermissions.join(', ') || 'none'}` : ''}${item.decidedByName ? ` by ${item.decidedByName}` : ''}${item.comment ? ` — “${item.comment}”` : ''}`}
            </dd>
          </dl>
        </article>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {item && mode.kind !== 'browse' && (
        <form
          ref={decisionForm}
          class="stack"
          onSubmit={(event) => {
            event.preventDefault();
            submitComment();
          }}
        >
          {mode.kind === 'change' && (
            <fieldset>
              <legend>Permissions to keep</legend>
              {item.permissions.length === 0 && <p class="muted">This account holds none.</p>}
              {item.permissions.map((permission) => (
                <label key={permission} class="row">
                  <input
                    type="checkbox"
                    checked={mode.keep.includes(permission)}
                    onChange={(event) =>
                      setMode({
                        kind: 'change',
                        keep: event.currentTarget.checked
                          ? [...mode.keep, permission]
                          : mode.keep.filter((p) => p !== permission),
                      })
                    }
                  />
                  {permission}
                </label>
              ))}
            </fieldset>
          )}
          <label class="field">
            {mode.kind === 'revoke' ? 'Why revoke?' : 'Why change?'}
            <textarea
              ref={commentField}
              value={comment}
              rows={2}
              onInput={(event) => setComment(event.currentTarget.value)}
              onKeyDown={(event) => {
                // Enter sends; Shift+Enter makes a new line.
                if (event.key === 'Enter' && !event.shiftKey) {
                  event.preventDefault();
                  submitComment();
                }
              }}
            />
          </label>
          <div class="row">
            <button type="submit" class="primary" disabled={busy}>
              {mode.kind === 'revoke' ? 'Revoke (Enter)' : 'Confirm change (Enter)'}
            </button>
            <button
              type="button"
              onClick={() => {
                setMode({ kind: 'browse' });
                setError(null);
                card.current?.focus();
              }}
            >
              Cancel (Esc)
            </button>
          </div>
        </form>
      )}
      {item && mode.kind === 'browse' && (
        <div class="row review-actions">
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => void decide({ decision: 'keep', comment: '' })}
          >
            Keep (K)
          </button>
          <button type="button" disabled={busy} onClick={() => setMode({ kind: 'revoke' })}>
            Revoke (R)
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => setMode({ kind: 'change', keep: [...item.permissions] })}
          >
            Change (C)
          </button>
        </div>
      )}
      {item && (
        <div class="row spread">
          <button type="button" disabled={index === 0} onClick={() => move(-1)}>
            ← Previous (P)
          </button>
          <button type="button" disabled={index >= items.length - 1} onClick={() => move(1)}>
            Next (N) →
          </button>
        </div>
      )}
      <button type="button" class="link back" onClick={onBack}>
        ← All reviews
      </button>
    </section>
  );
}
