import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type CheckPageResult, type ServerStatus, sendMessage } from '../../lib/messaging';

/** Runs the in-page warnings once on the tab the admin is looking at (activeTab). */
async function checkActiveTab(): Promise<CheckPageResult> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { state: 'failed', reason: 'there is no page to check' };
  return sendMessage('checkPage', tab.id);
}

export function Popup({
  loadStatus = () => sendMessage('getServerStatus'),
  checkPage = checkActiveTab,
}: {
  loadStatus?: () => Promise<ServerStatus>;
  checkPage?: () => Promise<CheckPageResult>;
}) {
  const [status, setStatus] = useState<ServerStatus | 'loading'>('loading');
  const [check, setCheck] = useState<CheckPageResult | 'idle' | 'working'>('idle');

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
      <section class="check-page">
        <button
          type="button"
          disabled={check === 'working'}
          onClick={async () => {
            setCheck('working');
            setCheck(await checkPage());
          }}
        >
          Check this page
        </button>
        {check !== 'idle' && check !== 'working' && (
          <p class="status" role={check.state === 'failed' ? 'alert' : 'status'}>
            {check.state === 'checking'
              ? 'Rollcall is checking the user lists on this page.'
              : `Can’t check this page: ${check.reason}.`}
          </p>
        )}
      </section>
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
