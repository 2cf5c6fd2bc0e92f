import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { OperationRef } from '../../../shared/contract/refs';
import { type Send, sendToBackground } from '../messaging';
import { requestPages } from '../page/browser-patterns';
import { SendContext, useSend, useStored } from '../popup/popup-context';
import { SignIn } from '../popup/sign-in';
import { SyncLine } from '../popup/sync-line';
import { findingsItem, localCopyItem, outboxItem, signedInAsItem, syncStatusItem } from '../storage';
import { overlay } from '../sync/local-copy';
import { pendingMutations } from '../sync/outbox';
import { allowed } from './access';
import { ConsoleContext, type ConsoleState, type RequestHostPermission } from './console-context';
import { JoinScreen } from './join';
import { href, parseRoute, type Route, SCREENS } from './routes';
import { SCREEN_VIEWS } from './screens';

/** The route in the address bar's hash, kept current as links and Back change it. */
function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/**
 * The console: a full tab for the work the popup cannot hold. One screen per part of the firm's
 * access, chosen by the address's hash (#/staff/<id>), drawn from the local copy where the popup
 * is and asking the server for the rest; each button shown only to the roles the server accepts.
 */
export function Console({
  send = sendToBackground,
  requestHostPermission = requestPages,
}: {
  send?: Send;
  requestHostPermission?: RequestHostPermission;
}) {
  const who = useStored(signedInAsItem);
  const route = useRoute();
  let body: preact.ComponentChildren;
  if (who === undefined)
    body = (
      <p class="status console-center" aria-busy="true">
        Loading…
      </p>
    );
  else if (route.screen === 'join')
    body = (
      <main class="console-center console-sign-in">
        <h1>Rollcall console</h1>
        {who?.state === 'signed-in' ? (
          <p class="notice">
            You are signed in as {who.member.email}. Sign out first (<a href="#/account">My account</a>) to
            accept this invitation as someone else.
          </p>
        ) : (
          <JoinScreen token={route.id} server={route.extra} />
        )}
      </main>
    );
  else if (who === null || who.state === 'expired')
    body = (
      <main class="console-center console-sign-in">
        <h1>Rollcall console</h1>
        <SignIn expired={who} waiting={0} />
      </main>
    );
  else body = <SignedInConsole who={who} route={route} requestHostPermission={requestHostPermission} />;
  return <SendContext.Provider value={send}>{body}</SendContext.Provider>;
}

function SignedInConsole({
  who,
  route,
  requestHostPermission,
}: {
  who: ConsoleState['who'];
  route: Route;
  requestHostPermission: RequestHostPermission;
}) {
  const [wanted, setWanted] = useState(false);
  // Bumped by pressing the current screen's link: the screen is drawn afresh, its data read again.
  const [visit, setVisit] = useState(0);
  const copy = useStored(wanted ? localCopyItem : null);
  const outbox = useStored(outboxItem);
  const computed = useStored(wanted ? findingsItem : null);
  const status = useStored(syncStatusItem);
  const tables = useMemo(
    () => (copy && outbox ? overlay(copy.tables, pendingMutations(outbox)) : undefined),
    [copy, outbox],
  );
  const role = who.member.role;
  const can = useCallback((op: OperationRef) => allowed(role, op), [role]);
  const needDirectory = useCallback(() => setWanted(true), []);
  const state: ConsoleState = {
    who,
    role,
    can,
    tables,
    outbox,
    findings: computed?.findings,
    needDirectory,
    requestHostPermission,
  };
  const screens = SCREENS.filter((s) => can(s.reads));
  const screen = screens.find((s) => s.id === route.screen) ?? screens[0];
  const View = screen ? SCREEN_VIEWS[screen.id] : null;

  useEffect(() => {
    document.title = screen ? `${screen.label} · Rollcall` : 'Rollcall';
    // On a narrow window the navigation scrolls sideways: keep the current screen's link in view.
    document
      .querySelector('.console-nav [aria-current="page"]')
      ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [screen]);
  useFilterShortcut();

  return (
    <ConsoleContext.Provider value={state}>
      <a class="skip" href="#screen-heading">
        Skip to the screen
      </a>
      <div class="console">
        <header class="console-bar">
          <h1>
            <a class="console-home" href={href('overview')}>
              Rollcall
            </a>
          </h1>
          <span class="muted console-firm">
            {who.organisation.name} · {who.member.name} ({role})
          </span>
          <div class="console-sync">
            {status && outbox && (
              <SyncLine
                status={status}
                outbox={outbox}
                onConflicts={() => location.assign(href('overview'))}
              />
            )}
          </div>
          <SignOut />
        </header>
        <nav class="console-nav" aria-label="Console">
          <ul>
            {screens.map((s) => (
              <li key={s.id}>
                <a
                  href={href(s.id)}
                  aria-current={s.id === screen?.id ? 'page' : undefined}
                  onClick={() => {
                    if (location.hash === href(s.id)) setVisit((n) => n + 1);
                  }}
                >
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main class="console-main" aria-labelledby="screen-heading">
          {View && <View key={`${screen?.id}/${route.id ?? ''}/${visit}`} id={route.id} />}
        </main>
      </div>
    </ConsoleContext.Provider>
  );
}

function SignOut() {
  const send = useSend();
  return (
    <button type="button" class="link" onClick={() => void send('signOut')}>
      Sign out
    </button>
  );
}

/** "/" anywhere but in a field jumps to the screen's filter, as in most tables on the web. */
function useFilterShortcut() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable]')) return;
      const filter = document.querySelector<HTMLInputElement>('[data-filter]');
      if (!filter) return;
      event.preventDefault();
      filter.focus();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}
