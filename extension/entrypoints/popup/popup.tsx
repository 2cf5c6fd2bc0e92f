import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Finding } from '../../../shared/schemas/findings';
import type { ServerStatus } from '../../lib/messaging';
import { ConflictsView } from '../../lib/popup/conflicts-view';
import { FindingsView } from '../../lib/popup/findings-view';
import { Home } from '../../lib/popup/home';
import { PeopleView } from '../../lib/popup/people-view';
import { type Send, SendContext, sendToBackground, useSend, useStored } from '../../lib/popup/popup-context';
import { SignIn } from '../../lib/popup/sign-in';
import { SyncLine } from '../../lib/popup/sync-line';
import { emptyTables, overlay } from '../../lib/sync/local-copy';
import { pendingMutations } from '../../lib/sync/outbox';
import { signedInAsItem } from '../../lib/sync/session-store';
import {
  dismissalsItem,
  findingsItem,
  localCopyItem,
  outboxItem,
  syncStatusItem,
} from '../../lib/sync/sync-store';

type Tab = 'home' | 'findings' | 'people' | 'conflicts';

/** The toolbar popup: sign in, then home, findings, staff and conflicts, all drawn from the local copy. */
export function Popup({
  send = sendToBackground,
  loadStatus = () => send('getServerStatus'),
}: {
  send?: Send;
  loadStatus?: () => Promise<ServerStatus>;
}) {
  const who = useStored(signedInAsItem);
  const outbox = useStored(outboxItem);

  useEffect(() => {
    // Opening the popup is a good moment to push what waits and pull what changed.
    void send('syncNow');
  }, [send]);

  let body: preact.ComponentChildren;
  if (who === undefined || outbox === undefined) {
    body = (
      <p class="status" role="status" aria-busy="true">
        Loading…
      </p>
    );
  } else if (who === null || who.state === 'expired') {
    body = (
      <>
        <SignIn expired={who} waiting={outbox.queue.length} />
        <ServerLine loadStatus={loadStatus} />
      </>
    );
  } else {
    body = <SignedIn />;
  }

  return (
    <SendContext.Provider value={send}>
      <main class="popup">
        <header class="popup-header row spread">
          <h1>Rollcall</h1>
          {who?.state === 'signed-in' && <AccountMenu firm={who.organisation.name} name={who.member.name} />}
        </header>
        {body}
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
  const status = useStored(syncStatusItem);
  const outbox = useStored(outboxItem);
  const computed = useStored(findingsItem);
  const copy = useStored(localCopyItem);
  const [tab, setTab] = useState<Tab>('home');
  const [openFinding, setOpenFinding] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const main = useRef<HTMLDivElement>(null);

  const tables = useMemo(
    () => (copy && outbox ? overlay(copy.tables, pendingMutations(outbox)) : emptyTables()),
    [copy, outbox],
  );
  const findings: readonly Finding[] = computed?.findings ?? [];

  function go(next: Tab) {
    setTab(next);
    if (next !== 'people') setPersonId(null);
    // Move focus to the new view's heading so keyboard and screen-reader users land there.
    requestAnimationFrame(() => main.current?.querySelector<HTMLElement>('h2')?.focus());
  }

  if (!status || !outbox || !computed) {
    return (
      <p class="status" role="status" aria-busy="true">
        Loading…
      </p>
    );
  }

  const conflictCount = outbox.conflicts.length + outbox.rejected.length;
  const tabs: [Tab, string][] = [
    ['home', 'Home'],
    ['findings', `Findings (${findings.length})`],
    ['people', 'Staff'],
    ...(conflictCount > 0 ? ([['conflicts', `Conflicts (${conflictCount})`]] as [Tab, string][]) : []),
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
        {tab === 'home' && (
          <Home
            findings={findings}
            summary={computed.summary}
            directoryEmpty={
              !!copy && Object.keys(tables.person).length === 0 && Object.keys(tables.account).length === 0
            }
            onOpenFinding={(finding) => {
              setOpenFinding(finding.id);
              go('findings');
            }}
            onOpenFindings={() => go('findings')}
            onAddPerson={() => go('people')}
          />
        )}
        {tab === 'findings' && <FindingsView findings={findings} tables={tables} openId={openFinding} />}
        {tab === 'people' &&
          (copy ? (
            <PeopleView tables={tables} findings={findings} selectedId={personId} onSelect={setPersonId} />
          ) : (
            <p role="status" aria-busy="true">
              Loading the staff directory…
            </p>
          ))}
        {tab === 'conflicts' && <ConflictsView outbox={outbox} tables={tables} />}
      </div>
    </>
  );
}

/** Whether the server answers, shown under the sign-in form. */
function ServerLine({ loadStatus }: { loadStatus: () => Promise<ServerStatus> }) {
  const [status, setStatus] = useState<ServerStatus | 'loading'>('loading');
  useEffect(() => {
    let live = true;
    loadStatus().then((next) => live && setStatus(next));
    return () => {
      live = false;
    };
  }, [loadStatus]);
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
