import { useState } from 'preact/hooks';
import { REVIEWER_ROLES } from '../../../shared/contract/access';
import type { Campaign } from '../../../shared/schemas/reviews';
import { todayIso, useSend } from '../popup/popup-context';
import { formatDate } from '../ui/format-date';
import { callApi } from './api';
import { useConsole, useDirectory } from './console-context';
import { contract } from './contract';
import { ReviewDecideTable } from './review-table';
import { href } from './routes';
import { ConfirmButton, download, LoadedView, Message, type Said, ScreenHeading, useLoaded } from './ui';

const DAY_MS = 86_400_000;

/** Access reviews: start one, watch it, close it, take its evidence away; past campaigns. */
export function ReviewsScreen({ id }: { id: string | null }) {
  const send = useSend();
  const { can } = useConsole();
  const [campaigns, reload] = useLoaded(() => callApi(send, contract.reviews.list), []);
  const [starting, setStarting] = useState(false);
  if (id)
    return (
      <LoadedView loaded={campaigns} what="the review">
        {({ campaigns: list }) => {
          const campaign = list.find((c) => c.id === id);
          return campaign ? (
            <CampaignPage campaign={campaign} onChanged={reload} />
          ) : (
            <p class="error" role="alert">
              No such review.
            </p>
          );
        }}
      </LoadedView>
    );
  return (
    <section>
      <ScreenHeading
        actions={
          can(contract.reviews.create) &&
          !starting && (
            <button type="button" class="primary" onClick={() => setStarting(true)}>
              Start a review
            </button>
          )
        }
      >
        Access reviews
      </ScreenHeading>
      <p class="muted">
        Every so often, someone who knows the work confirms each login is still needed, with the right
        permissions.
      </p>
      {starting && (
        <StartReview
          onCancel={() => setStarting(false)}
          onStarted={(campaign) => {
            setStarting(false);
            location.assign(href('reviews', campaign.id));
          }}
        />
      )}
      <LoadedView loaded={campaigns} what="reviews">
        {({ campaigns: list }) => (
          <>
            <CampaignTable title="Open" campaigns={list.filter((c) => c.status === 'open')} />
            <CampaignTable title="Past campaigns" campaigns={list.filter((c) => c.status === 'closed')} />
          </>
        )}
      </LoadedView>
    </section>
  );
}

function CampaignTable({ title, campaigns }: { title: string; campaigns: Campaign[] }) {
  return (
    <>
      <h3>{title}</h3>
      {campaigns.length === 0 ? (
        <p class="empty">None.</p>
      ) : (
        <div class="table-wrap">
          <table class="data" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">Review</th>
                <th scope="col">Due</th>
                <th scope="col">Progress</th>
                <th scope="col">Closed</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={href('reviews', c.id)}>{c.name}</a>
                  </th>
                  <td>{formatDate(c.dueAt)}</td>
                  <td>
                    <progress
                      max={c.progress.total || 1}
                      value={c.progress.decided}
                      aria-label={`${c.name} progress`}
                    />{' '}
                    {c.progress.decided} of {c.progress.total}
                  </td>
                  <td>{c.closedAt ? formatDate(c.closedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** A new campaign: its name, which systems, who reviews, by when, and what undecided items become. */
function StartReview({ onCancel, onStarted }: { onCancel: () => void; onStarted: (c: Campaign) => void }) {
  const send = useSend();
  const { tables } = useDirectory();
  const [members] = useLoaded(() => callApi(send, contract.members.list), []);
  const [name, setName] = useState(`Access review ${todayIso().slice(0, 7)}`);
  const [systemIds, setSystemIds] = useState<string[]>([]);
  const [reviewerIds, setReviewerIds] = useState<string[]>([]);
  const [due, setDue] = useState(todayIso(Date.now() + 14 * DAY_MS));
  const [defaultDecision, setDefaultDecision] = useState<'keep' | 'revoke'>('revoke');
  const [said, setSaid] = useState<Said>(null);
  const systems = Object.values(tables?.system ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  const flip = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);

  async function start(event: Event) {
    event.preventDefault();
    if (reviewerIds.length === 0) {
      setSaid({ kind: 'error', text: 'Reviewers: choose at least one.' });
      return;
    }
    const result = await callApi(send, contract.reviews.create, {
      body: {
        name: name.trim(),
        ...(systemIds.length > 0 ? { systemIds } : {}),
        reviewerIds,
        dueAt: new Date(`${due}T23:59:59`).getTime(),
        defaultDecision,
      },
    });
    if (result.ok) onStarted(result.value);
    else setSaid({ kind: 'error', text: result.message });
  }

  return (
    <form class="stack form-wide card" onSubmit={start} noValidate aria-labelledby="start-heading">
      <h3 id="start-heading">Start a review</h3>
      <label for="review-name">Name</label>
      <input id="review-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <fieldset>
        <legend>Systems (none ticked: all of them)</legend>
        {systems.map((s) => (
          <label key={s.id} class="check">
            <input
              type="checkbox"
              checked={systemIds.includes(s.id)}
              onChange={(e) => setSystemIds(flip(systemIds, s.id, e.currentTarget.checked))}
            />{' '}
            {s.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Reviewers</legend>
        <LoadedView loaded={members} what="members">
          {({ members: list }) => (
            <>
              {list
                .filter((m) => (REVIEWER_ROLES as readonly string[]).includes(m.role))
                .map((m) => (
                  <label key={m.id} class="check">
                    <input
                      type="checkbox"
                      checked={reviewerIds.includes(m.id)}
                      onChange={(e) => setReviewerIds(flip(reviewerIds, m.id, e.currentTarget.checked))}
                    />{' '}
                    {m.name} <span class="muted">({m.role})</span>
                  </label>
                ))}
            </>
          )}
        </LoadedView>
      </fieldset>
      <label for="review-due">Due</label>
      <input
        id="review-due"
        type="date"
        value={due}
        min={todayIso()}
        onInput={(e) => setDue(e.currentTarget.value)}
      />
      <label for="review-default">Undecided at closing</label>
      <select
        id="review-default"
        value={defaultDecision}
        onChange={(e) => setDefaultDecision(e.currentTarget.value as 'keep' | 'revoke')}
      >
        <option value="revoke">Revoke (the safe default)</option>
        <option value="keep">Keep</option>
      </select>
      <Message said={said} />
      <div class="row">
        <button type="submit" class="primary">
          Start review
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CampaignPage({ campaign, onChanged }: { campaign: Campaign; onChanged: () => void }) {
  const send = useSend();
  const { can } = useConsole();
  const [said, setSaid] = useState<Said>(null);

  async function evidence(format: 'csv' | 'html') {
    const result = await callApi(send, contract.reviews.evidence, {
      params: { id: campaign.id },
      query: { format },
    });
    if (!result.ok) return setSaid({ kind: 'error', text: result.message });
    const file = `rollcall-review-${campaign.name.replace(/[^\w-]+/g, '-').toLowerCase()}.${format}`;
    download(result.value, file, format === 'csv' ? 'text/csv' : 'text/html');
  }

  return (
    <section>
      <a class="back" href={href('reviews')}>
        ← All reviews
      </a>
      <ScreenHeading
        actions={
          campaign.status === 'open' ? (
            can(contract.reviews.close) && (
              <ConfirmButton
                label="Close review…"
                question={`Close ${campaign.name}? The ${campaign.progress.remaining} undecided items become “${campaign.defaultDecision}”, and nothing can be decided after.`}
                confirm="Close review"
                onConfirm={async () => {
                  const result = await callApi(send, contract.reviews.close, { params: { id: campaign.id } });
                  setSaid(
                    result.ok
                      ? { kind: 'ok', text: 'Closed. Revoked logins are now to-dos.' }
                      : { kind: 'error', text: result.message },
                  );
                  onChanged();
                }}
              />
            )
          ) : (
            <>
              <button type="button" onClick={() => evidence('csv')}>
                Evidence (CSV)
              </button>
              <button type="button" onClick={() => evidence('html')}>
                Evidence (printable)
              </button>
            </>
          )
        }
      >
        {campaign.name}
      </ScreenHeading>
      <Message said={said} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          {campaign.status === 'open'
            ? 'Open'
            : `Closed ${campaign.closedAt ? formatDate(campaign.closedAt) : ''}`}
        </dd>
        <dt>Due</dt>
        <dd>{formatDate(campaign.dueAt)}</dd>
        <dt>Undecided become</dt>
        <dd>{campaign.defaultDecision}</dd>
        <dt>Decided</dt>
        <dd>
          {campaign.progress.decided} of {campaign.progress.total}
        </dd>
      </dl>
      <h3>Progress per reviewer</h3>
      <div class="table-wrap">
        <table class="data" aria-label="Progress per reviewer">
          <thead>
            <tr>
              <th scope="col">Reviewer</th>
              <th scope="col" class="num">
                Decided
              </th>
            </tr>
          </thead>
          <tbody>
            {campaign.progress.byReviewer.map((r) => (
              <tr key={r.memberId}>
                <th scope="row">{r.name}</th>
                <td class="num">{r.decided}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {campaign.status === 'open' && can(contract.reviews.decide) && (
        <ReviewDecideTable campaign={campaign} onDecided={onChanged} />
      )}
    </section>
  );
}
