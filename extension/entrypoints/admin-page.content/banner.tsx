import { useState } from 'preact/hooks';
import { inKindOrder, type KindCount } from '../../lib/page/evaluate';
import { type PagingState, pageSpans } from '../../lib/page/paging';
import type { SnapshotSyncResult } from '../../lib/sync/page-link';

export type SyncState = { state: 'idle' } | { state: 'sending' } | SnapshotSyncResult;

export interface BannerProps {
  checked: number;
  /** Rows of each kind of warning. */
  counts: readonly KindCount[];
  sync: SyncState;
  /** Signed in, and Rollcall holds no login of this system yet: its list was never synced. */
  unsynced?: boolean;
  /**
   * For a paged list: the pages gathered so far. Whether the capture is complete is then the pages'
   * to say (every page seen, the list not filtered), not the admin's.
   */
  paging?: GatheredPaging | null;
  /**
   * `complete`: the page shows every user, so missing logins count as removed.
   * `confirmRemovals`: the admin answered yes to the server's question about removing most logins.
   */
  onSync(complete: boolean, confirmRemovals?: boolean): void;
}

export type GatheredPaging = PagingState & { filtered: boolean };

/** The summary Rollcall shows above a user list: what it found, and a way to sync the list. */
export function Banner({ checked, counts, sync, unsynced = false, paging, onSync }: BannerProps) {
  const [complete, setComplete] = useState(false);
  const kinds = inKindOrder(counts.filter(({ count }) => count > 0));
  const flagged = kinds.length > 0;
  return (
    <aside class={flagged ? 'rollcall-banner rollcall-banner-warn' : 'rollcall-banner'} aria-label="Rollcall">
      <p class="rollcall-summary">
        <strong>Rollcall</strong> checked {checked} {checked === 1 ? 'login' : 'logins'} on this page
        {flagged ? ':' : ': no warnings.'}
      </p>
      {flagged && (
        <ul class="rollcall-counts">
          {kinds.map(({ kind, label, count }) => (
            <li key={kind} data-kind={kind}>
              <span class="rollcall-count">{count}</span> {label.toLowerCase()}
            </li>
          ))}
        </ul>
      )}
      {unsynced && sync.state !== 'synced' && (
        <p class="rollcall-unsynced">
          This system’s logins are not in Rollcall yet. Sync this list to see who owns each login, and which
          belong to people who have left.
        </p>
      )}
      <div class="rollcall-sync">
        <button
          type="button"
          onClick={() => onSync(paging ? wholeListSeen(paging) : complete)}
          disabled={sync.state === 'sending'}
        >
          Sync this list to Rollcall
        </button>
        {paging ? (
          <PagingLine paging={paging} />
        ) : (
          <label class="rollcall-complete">
            <input
              type="checkbox"
              checked={complete}
              onChange={(event) => setComplete(event.currentTarget.checked)}
            />{' '}
            This page shows every user (logins missing here will be marked removed)
          </label>
        )}
        <SyncLine sync={sync} onConfirmRemovals={() => onSync(true, true)} />
      </div>
    </aside>
  );
}

function SyncLine({ sync, onConfirmRemovals }: { sync: SyncState; onConfirmRemovals(): void }) {
  switch (sync.state) {
    case 'idle':
      return null;
    case 'sending':
      return (
        <span class="rollcall-sync-status" role="status">
          Syncing…
        </span>
      );
    case 'signed-out':
      return (
        <span class="rollcall-sync-status" role="status">
          Not signed in: sign in from the Rollcall toolbar button to sync this list. The warnings here come
          from this page alone.
        </span>
      );
    case 'queued':
      return (
        <span class="rollcall-sync-status" role="status">
          Rollcall is offline: the list is queued and will sync when the server answers.
        </span>
      );
    case 'synced':
      return (
        <>
          <span class="rollcall-sync-status" role="status">
            Synced: {sync.added} new, {sync.changed} changed, {sync.removed} removed.
          </span>
          <SyncNotes notes={sync.notes} />
        </>
      );
    case 'confirm-removals':
      return (
        <span class="rollcall-sync-status rollcall-sync-error" role="alert">
          {sync.question} Is this page really the whole list?{' '}
          <button type="button" onClick={onConfirmRemovals}>
            Yes, mark them removed
          </button>{' '}
          If not, untick “This page shows every user” and sync again.
        </span>
      );
    case 'failed':
      return (
        <span class="rollcall-sync-status rollcall-sync-error" role="alert">
          Could not sync: {sync.reason}
        </span>
      );
  }
}

/** How many of a sync's notes the banner lists; it counts the rest. */
const NOTES_SHOWN = 3;

/**
 * What the server could not read on the page or decide alone, login by login (a status not
 * understood, two people of the owner's name): the admin checks those by hand.
 */
function SyncNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  const more = notes.length - NOTES_SHOWN;
  return (
    <div class="rollcall-sync-notes">
      <span id="rollcall-sync-notes-title">
        {notes.length === 1 ? 'One thing' : `${notes.length} things`} on this page to check by hand:
      </span>
      <ul aria-labelledby="rollcall-sync-notes-title">
        {notes.slice(0, NOTES_SHOWN).map((note) => (
          <li key={note}>{note}</li>
        ))}
        {more > 0 ? <li>and {more} more</li> : null}
      </ul>
    </div>
  );
}

/** Every page of an unfiltered list seen: only then may a sync mark missing logins removed. */
export function wholeListSeen(paging: GatheredPaging): boolean {
  return paging.complete && !paging.filtered;
}

/** What the banner says of a paged list's pages: how many seen, and whether that is all of them. */
function PagingLine({ paging }: { paging: GatheredPaging }) {
  const { pages, users, total } = paging;
  const seen = `${pages.length === 1 ? 'page' : 'pages'} ${pageSpans(pages)}, ${users} ${users === 1 ? 'user' : 'users'}`;
  let status: string;
  if (paging.filtered)
    status =
      'The list is filtered: a sync adds and updates these users, and marks no one removed. Clear the filter to sync the whole list.';
  else if (wholeListSeen(paging))
    status = `Every page seen (${users} of ${total}): a sync marks logins missing from the list removed.`;
  else if (total !== null)
    status = `${total - users} of ${total} not seen yet: page through the rest to sync the whole list. A sync now adds and updates, and marks no one removed.`;
  else
    status =
      'The page does not say how many users there are: a sync adds and updates, and marks no one removed.';
  return (
    <p class="rollcall-paging" role="status">
      Seen {seen}. {status}
    </p>
  );
}
