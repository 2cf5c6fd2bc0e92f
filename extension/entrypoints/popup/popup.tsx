import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Finding } from '../../../shared/schemas/findings';
import { openConsole } from '../../lib/console/open-console';
import { type Send, sendToBackground } from '../../lib/messaging';
import { AuditWarning } from '../../lib/popup/audit-warning';
import { CheckPage, checkActiveTab } from '../../lib/popup/check-page';
import { ConflictsView } from '../../lib/popup/conflicts-view';
import { FindingsView } from '../../lib/popup/findings-view';
import { FollowUps } from '../../lib/popup/follow-ups';
import { Home } from '../../lib/popup/home';
import { PeopleView } from '../../lib/popup/people-view';
import { SendContext, useSend, useStored } from '../../lib/popup/popup-context';
import { ReviewView } from '../../lib/popup/review-view';
import { SecondStep, SetUpSecondFactor } from '../../lib/popup/second-step';
import { SignIn } from '../../lib/popup/sign-in';
import { StaffBrowser } from '../../lib/popup/staff-browser';
import { SyncLine } from '../../lib/popup/sync-line';
import type { Result } from '../../lib/result';
import type { ServerStatus } from '../../lib/server-status';
import { buildStaffIndex } from '../../lib/staff-index';
import {
  findingsItem,
  homeSummaryItem,
  localCopyItem,
  outboxItem,
  serverUrlItem,
  signedInAsItem,
  signInStepItem,
  staffIndexItem,
  syncStatusItem,
} from '../../lib/storage';
import { emptyTables, overlay } from '../../lib/sync/local-copy';
import { pendingMutations } from '../../lib/sync/outbox';

/** The options page: the server, the firm's systems and their admin pages, the rule thresholds. */
function openOptions() {
  void browser.runtime.openOptionsPage();
}

type Tab = 'home' | 'findings' | 'people' | 'review' | 'conflicts';

const SYNC_AFTER_OPEN_MS = 400;
const STAFF_INDEX_AFTER_HOME_MS = 150;

/**
 * The toolbar popup: sign in, then home, findings, staff and conflicts, all drawn from the local
 * copy, and access reviews, to-dos and notifications, asked of the server.
 */
export function Popup({
  send = sendToBackground,
  loadStatus = () => send('getServerStatus'),
  checkPage = checkActiveTab,
}: {
  send?: Send;
  loadStatus?: () => Promise<ServerStatus>;
  checkPage?: () => Promise<Result>;
}) {
  const who = useStored(signedInAsItem);
  const outbox = useStored(outboxItem);
  const signInStep = useStored(signInStepItem);
  const [settingUp, setSettingUp] = useState(false);

  useEffect(() => {
    // Opening the popup is a good moment to push what waits and pull what changed; a moment after
    // the first view is drawn, so the sync's storage reads do not hold up the local copy's.
    const timer = setTimeout(() => void send('syncNow'), SYNC_AFTER_OPEN_MS);
    return () => clearTimeout(timer);
  }, [send]);

  let body: preact.ComponentChildren;
  if (who === undefined || outbox === undefined || signInStep === undefined) {
    body = (
      <p class="status" role="status" aria-busy="true">
        Loading…
      </p>
    );
  } else if (signInStep) {
    body = <SecondStep step={signInStep} />;
  } else if (who === null || who.state === 'expired') {
    body = (
      <>
        <SignIn expired={who} waiting={outbox.queue.length} />
        <ServerLine loadStatus={loadStatus} />
        <StaffBrowser />
      </>
    );
  } else if (settingUp) {
    body = <SetUpSecondFactor onClose={() => setSettingUp(false)} />;
  } else {
    body = <SignedIn />;
  }

  return (
    <SendContext.Provider value={send}>
      <main class="popup">
        <header class="popup-header row spread">
          <h1>Rollcall</h1>
          {who?.state === 'signed-in' && !signInStep && (
            <AccountMenu firm={who.organisation.name} name={who.member.name} />
          )}
        </header>
        {body}
        <CheckPage checkPage={checkPage} />
        <footer class="popup-footer stack">
          {who?.state === 'signed-in' && (
            <button type="button" class="link" onClick={() => openConsole()}>
              Open console
            </button>
          )}
          <button type="button" class="link" onClick={openOptions}>
            Options: server, systems, thresholds
          </button>
          {who?.state === 'signed-in' && !signInStep && !settingUp && who.member.secondFactor === false && (
            <button type="button" class="link" onClick={() => setSettingUp(true)}>
              Set up two-step sign-in
            </button>
          )}
        </footer>
      </main>
    </SendContext.Provider>
  );
}

function AccountMenu({ firm, name }: { firm: string; name: string }) {
  const [busy, setBusy] = useState(false);
  const send = useSend();
  return (
    <div class="row account-menu">
      <span class="muted" title={name}>
        {firm}
      </span>
      <button
        type="button"
        class="link"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await send('signOut');
          setBusy(false);
        }}
      >
        Sign out
      </button>
    </div>
  );
}

function SignedIn() {
  const who = useStored(signedInAsItem);
  const status = useStored(syncStatusItem);
  const outbox = useStored(outboxItem);
  const home = useStored(homeSummaryItem);
  const [tab, setTab] = useState<Tab>('home');
  // The home view draws from the small summary alone; the directory and the full list of findings
  // are read when the admin first leaves it.
  const [needAll, setNeedAll] = useState(false);
  // The staff list draws and searches from its small index alone; the directory and the findings
  // (megabytes for a big firm, whose reading would hold up the list and the typing in its search
  // box) are read once a view needs them: another tab, a person's page, the add form.
  const [needDirectory, setNeedDirectory] = useState(false);
  // The staff index is small: read a moment after the home view is drawn, so Staff opens at once.
  const [staffSoon, setStaffSoon] = useState(false);
  const homeDrawn = home !== undefined;
  useEffect(() => {
    if (!homeDrawn) return;
    const timer = setTimeout(() => setStaffSoon(true), STAFF_INDEX_AFTER_HOME_MS);
    return () => clearTimeout(timer);
  }, [homeDrawn]);
  const storedStaff = useStored(needAll || staffSoon ? staffIndexItem : null);
  // Once read, they stay read and watched.
  const directoryRead = useRef(false);
  if (needDirectory || (needAll && (tab !== 'people' || storedStaff === null))) directoryRead.current = true;
  const wantDirectory = directoryRead.current;
  const computed = useStored(wantDirectory ? findingsItem : null);
  const copy = useStored(wantDirectory ? localCopyItem : null);
  const [openFinding, setOpenFinding] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  // Bumped by every press of a tab: pressing Staff from a person or a form shows the list again.
  const [visit, setVisit] = useState(0);
  const main = useRef<HTMLDivElement>(null);

  const tables = useMemo(
    () => (copy && outbox ? overlay(copy.tables, pendingMutations(outbox)) : emptyTables()),
    [copy, outbox],
  );
  const findings: readonly Finding[] = computed?.findings ?? [];
  // Before the background's first computation there is no stored index: build one here.
  const staff = useMemo(
    () =>
      storedStaff ?? (storedStaff === null && copy && computed ? buildStaffIndex(tables, findings) : null),
    [storedStaff, copy, computed, tables, findings],
  );

  function go(next: Tab) {
    setTab(next);
    if (next !== 'home' && next !== 'review') setNeedAll(true);
    setPersonId(null);
    setVisit((n) => n + 1);
    // Move focus to the new view's heading so keyboard and screen-reader users land there.
    requestAnimationFrame(() => main.current?.querySelector<HTMLElement>('h2')?.focus());
  }

  if (!status || !outbox || !home) {
    return (
      <p class="status" role="status" aria-busy="true">
        Loading…
      </p>
    );
  }

  const conflictCount = outbox.conflicts.length + outbox.rejected.length;
  const tabs: [Tab, string][] = [
    ['home', 'Home'],
    ['findings', `Findings (${home.summary.total})`],
    ['people', 'Staff'],
    ['review', 'Review'],
    ...(conflictCount > 0 ? ([['conflicts', `Not synced (${conflictCount})`]] as [Tab, string][]) : []),
  ];

  return (
    <>
      <SyncLine status={status} outbox={outbox} onConflicts={() => go('conflicts')} />
      <nav class="tabs" aria-label="Sections">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            aria-current={tab === id ? 'page' : undefined}
            onClick={() => go(id)}
          >
            {label}
          </button>
        ))}
      </nav>
      <div ref={main}>
        {tab === 'home' && <AuditWarning />}
        {tab === 'home' && (
          <Home
            top={home.top}
            summary={home.summary}
            onOpenFinding={(finding) => {
              setOpenFinding(finding.id);
              go('findings');
            }}
            onOpenFindings={() => go('findings')}
            onAddPerson={() => go('people')}
            onOpenOptions={openOptions}
          />
        )}
        {tab === 'home' && (
          <FollowUps canConfirm={who?.member.role === 'owner' || who?.member.role === 'admin'} />
        )}
        {tab === 'review' && <ReviewView />}
        {tab !== 'home' &&
          tab !== 'review' &&
          tab !== 'conflicts' &&
          (tab === 'people' ? !staff : !copy || !computed) && (
            <p role="status" aria-busy="true">
              Loading…
            </p>
          )}
        {tab === 'findings' && copy && computed && (
          <FindingsView findings={findings} tables={tables} openId={openFinding} />
        )}
        {tab === 'people' && staff && (
          <PeopleView
            key={visit}
            staff={staff}
            tables={copy && computed ? tables : null}
            onNeedDirectory={() => setNeedDirectory(true)}
            findings={findings}
            selectedId={personId}
            onSelect={setPersonId}
          />
        )}
        {tab === 'conflicts' && <ConflictsView outbox={outbox} tables={tables} />}
      </div>
    </>
  );
}

/** Whether the server answers, shown under the sign-in form. */
function ServerLine({ loadStatus }: { loadStatus: () => Promise<ServerStatus> }) {
  const [status, setStatus] = useState<ServerStatus | 'loading'>('loading');
  // Checked again when the address changes (typed in, or the firm's Rollcall a staff browser joined).
  const serverUrl = useStored(serverUrlItem);
  useEffect(() => {
    if (serverUrl === undefined) return;
    let live = true;
    setStatus('loading');
    loadStatus().then((next) => live && setStatus(next));
    return () => {
      live = false;
    };
  }, [loadStatus, serverUrl]);
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
