import { useEffect, useState } from 'preact/hooks';
import { type ServerStatus, sendMessage } from '../../lib/messaging';

export function Popup({
  loadStatus = () => sendMessage('getServerStatus'),
}: {
  loadStatus?: () => Promise<ServerStatus>;
}) {
  const [status, setStatus] = useState<ServerStatus | 'loading'>('loading');

  useEffect(() => {
    let live = true;
    loadStatus().then((next) => live && setStatus(next));
    return () => {
      live = false;
    };
  }, [loadStatus]);

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>Rollcall</h1>
      </header>
      <ServerLine status={status} />
    </main>
  );
}

function ServerLine({ status }: { status: ServerStatus | 'loading' }) {
  if (status === 'loading') {
    return (
      <p class="status" role="status" aria-busy="true">
        Checking the server…
      </p>
    );
  }
  if (status.state === 'online') {
    return (
      <p class="status status-ok" role="status">
        Connected to {status.url}
      </p>
    );
  }
  return (
    <p class="status status-error" role="alert">
      Can’t reach {status.url}: {status.reason}.
    </p>
  );
}
