import { useState } from 'preact/hooks';
import type { PageWarningKind } from '../../../shared/schemas/page-row';
import { KIND_LABELS, KIND_ORDER } from '../../lib/page/evaluate';
import type { SnapshotSyncResult } from '../../lib/sync/page-link';

export type SyncState = { state: 'idle' } | { state: 'sending' } | SnapshotSyncResult;

export interface BannerProps {
  checked: number;
  counts: Partial<Record<PageWarningKind, number>>;
  sync: SyncState;
  /**
   * `complete`: the admin says the page shows every user, so missing logins count as removed.
   * `confirmRemovals`: the admin answered yes to the server's question about removing most logins.
   */
  onSync(complete: boolean, confirmRemovals?: boolean): void;
}

/** The summary Rollcall shows above a user list: what it found, and a way to sync the list. */
export function Banner({ checked, counts, sync, onSync }: BannerProps) {
  const [complete, setComplete] = useState(false);
  const kinds = KIND_ORDER.filter((kind) => (counts[kind] ?? 0) > 0);
  const flagged = kinds.length > 0;
  return (
    <aside class={flagged ? 'rollcall-banner rollcall-banner-warn' : 'rollcall-banner'} aria-label="Rollcall">
      <p class="rollcall-summary">
        <strong>Rollcall</strong> checked {checked} {checked === 1 ? 'login' : 'logins'} on this page
        {flagged ? ':' : ': no warnings.'}
      </p>
      {flagged && (
        <ul class="rollcall-counts">
          {kinds.map((kind) => (
            <li key={kind} data-kind={kind}>
              <span class="rollcall-count">{counts[kind]}</span> {KIND_LABELS[kind].toLowerCase()}
            </li>
          ))}
        </ul>
      )}
      <div class="rollcall-sync">
        <button type="button" onClick={() => onSync(complete)} disabled={sync.state === 'sending'}>
          Sync this list to Rollcall
        </button>
        <label class="rollcall-complete">
          <input
            type="checkbox"
            checked={complete}
            onChange={(event) => setComplete(event.currentTarget.checked)}
          />{' '}
          This page shows every user (logins missing here will be marked removed)
        </label>
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
        <span class="rollcall-sync-status" role="status">
          Synced: {sync.added} new, {sync.changed} changed, {sync.removed} removed.
        </span>
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
