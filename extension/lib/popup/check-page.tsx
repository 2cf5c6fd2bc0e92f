import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendToBackground } from '../messaging';
import { type Result, refused } from '../result';

/** Runs the in-page warnings once on the tab the admin is looking at (activeTab). */
export async function checkActiveTab(): Promise<Result> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return refused('no-page', 'there is no page to check');
  return sendToBackground('checkPage', tab.id);
}

/** "Check this page": the in-page warnings on any page, once, with no standing permission for it. */
export function CheckPage({ checkPage }: { checkPage: () => Promise<Result> }) {
  const [check, setCheck] = useState<Result | 'idle' | 'working'>('idle');
  return (
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
        <p class={check.ok ? 'status' : 'error'} role={check.ok ? 'status' : 'alert'}>
          {check.ok
            ? 'Rollcall is checking the user lists on this page.'
            : `Rollcall can’t check this page: ${check.message}. Open the user list of one of your firm’s apps and try again.`}
        </p>
      )}
    </section>
  );
}
