import type { SyncStatus } from '../storage';
import type { Outbox } from '../sync/outbox';
import { formatDate } from '../ui/format-date';
import { useSend } from './popup-context';

export type SyncSummary = {
  kind: 'synced' | 'syncing' | 'offline' | 'conflict' | 'refused' | 'signed-out' | 'error' | 'idle';
  text: string;
};

function ago(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} h ago` : formatDate(at);
}

const changes = (n: number) => `${n} change${n === 1 ? '' : 's'}`;

/** The one line that says where the local copy stands against the server. */
export function summariseSync(status: SyncStatus, outbox: Outbox, now = Date.now()): SyncSummary {
  const waiting = outbox.queue.length;
  if (outbox.conflicts.length > 0)
    return {
      kind: 'conflict',
      text: `${changes(outbox.conflicts.length)} in conflict: choose which to keep`,
    };
  // Refused changes are never hidden behind a green line, whatever became of the rest.
  if (outbox.rejected.length > 0) {
    const refused = outbox.rejected.length;
    const rest = waiting ? `; ${changes(waiting)} waiting` : '';
    return {
      kind: 'refused',
      text: `${changes(refused)} refused by the server${rest}`,
    };
  }
  if (status.state === 'syncing')
    return { kind: 'syncing', text: waiting ? `Syncing ${changes(waiting)}…` : 'Syncing…' };
  if (status.state === 'offline')
    return {
      kind: 'offline',
      text: waiting ? `Offline — ${changes(waiting)} waiting` : 'Offline — showing the local copy',
    };
  if (status.state === 'signed-out')
    return { kind: 'signed-out', text: waiting ? `Signed out — ${changes(waiting)} waiting` : 'Signed out' };
  if (status.state === 'error')
    return { kind: 'error', text: `Sync failed: ${status.message ?? 'unknown error'}` };
  if (waiting > 0) return { kind: 'syncing', text: `${changes(waiting)} waiting to sync` };
  if (status.lastSyncedAt) return { kind: 'synced', text: `Synced ${ago(status.lastSyncedAt, now)}` };
  return { kind: 'idle', text: 'Not synced yet' };
}

export function SyncLine({
  status,
  outbox,
  onConflicts,
}: {
  status: SyncStatus;
  outbox: Outbox;
  onConflicts: () => void;
}) {
  const send = useSend();
  const summary = summariseSync(status, outbox);
  return (
    <div class={`sync sync-${summary.kind}`}>
      <span role="status" data-testid="sync-status">
        {summary.text}
      </span>
      {summary.kind === 'conflict' || summary.kind === 'refused' ? (
        <button type="button" class="link" onClick={onConflicts}>
          {summary.kind === 'conflict' ? 'Choose' : 'See why'}
        </button>
      ) : (
        <button
          type="button"
          class="link"
          disabled={summary.kind === 'syncing'}
          onClick={() => void send('syncNow')}
        >
          Sync now
        </button>
      )}
    </div>
  );
}
