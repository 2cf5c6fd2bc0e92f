import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { CheckPageResult } from '../background/check-page';
import { sendToBackground } from '../messaging';

/** Runs the in-page warnings once on the tab the admin is looking at (activeTab). */
export async function checkActiveTab(): Promise<CheckPageResult> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { state: 'failed', reason: 'there is no page to check' };
  return sendToBackground('checkPage', tab.id);
}

/** "Check this page": the in-page warnings on any page, once, with no standing permission for it. */
export function CheckPage({ checkPage }: { checkPage: () => Promise<CheckPageResult> }) {
  const [check, setCheck] = useState<CheckPageResult | 'idle' | 'working'>('idle');
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
        <p
          class={check.state === 'failed' ? 'error' : 'status'}
          role={check.state === 'failed' ? 'alert' : 'status'}
        >
          {check.state === 'checking'
            ? 'Rollcall is checking the user lists on this page.'
            : `Rollcall can’t check this page: ${check.reason}. Open the user list of one of your firm’s apps and try again.`}
        </p>
      )}
    </section>
  );
}
