import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { EnrolmentPreview, OwnObservations } from '../../../shared/schemas/observations';
import { browserPatterns } from '../page/browser-patterns';
import { readStaffJoinLink } from '../sign-in/join-link';
import {
  type StaffEnrolment,
  type StaffJoinDraft,
  serverUrlItem,
  staffEnrolmentItem,
  staffJoinDraftItem,
} from '../storage';
import { useSend, useStored } from './popup-context';
import { Field } from './sign-in';

/**
 * A staff member's side of sign-in observations in the popup: join with the code the admin gave,
 * then see exactly what is recorded, on which systems, and their own observed sign-ins.
 */
export function StaffBrowser() {
  const enrolment = useStored(staffEnrolmentItem);
  const draft = useStored(enrolment === null ? staffJoinDraftItem : null);
  if (enrolment) return <StaffPanel enrolment={enrolment} />;
  return draft === undefined ? null : <JoinAsStaff draft={draft} />;
}

function JoinAsStaff({ draft }: { draft: StaffJoinDraft | null }) {
  const send = useSend();
  const storedUrl = useStored(serverUrlItem);
  // Opened from a join link: the join screen, filled in, with its button to press. Reopened after
  // the popup closed (for a permission prompt, say): what was typed.
  const [linked] = useState(() => readStaffJoinLink(location.href));
  const [code, setCode] = useState(linked?.code ?? draft?.code ?? '');
  const [server, setServer] = useState<string | null>(linked?.serverUrl ?? draft?.serverUrl ?? null);
  useEffect(() => {
    void staffJoinDraftItem.setValue(code || server ? { code, serverUrl: server } : null);
  }, [code, server]);
  const proceed = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (linked) proceed.current?.focus();
  }, [linked]);
  const [preview, setPreview] = useState<EnrolmentPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Firefox is asking whether Rollcall may reach the address (its prompt may sit behind the popup). */
  const [asking, setAsking] = useState(false);
  const serverUrl = server ?? storedUrl ?? '';

  async function check(event: Event) {
    event.preventDefault();
    // Asked in the click itself, before any await (see serverAccess).
    const origins = serverAccess(serverUrl);
    const asked = origins.length > 0 ? browser.permissions.request({ origins }) : Promise.resolve(true);
    setBusy(true);
    setError(null);
    setAsking(origins.length > 0);
    const granted = await asked.catch(() => false);
    setAsking(false);
    if (!granted) {
      setBusy(false);
      setError(
        'Without access to your firm’s Rollcall address this browser cannot join: press Continue and allow it when Firefox asks.',
      );
      return;
    }
    const checked = await send('previewEnrolment', { serverUrl, code });
    setBusy(false);
    if (checked.ok) setPreview(checked.value);
    else setError(checked.message);
  }

  function join(shown: EnrolmentPreview) {
    // Asked first, in the click itself: browsers show the permission prompt only straight from a
    // user's action, never after an await.
    const origins = originsOf(shown.systems);
    const asked = origins.length > 0 ? browser.permissions.request({ origins }) : Promise.resolve(true);
    setBusy(true);
    setError(null);
    void Promise.all([asked.catch(() => false), send('joinAsStaff', { serverUrl, code })]).then(
      ([, joined]) => {
        setBusy(false);
        if (!joined.ok) setError(joined.message);
      },
    );
  }

  return (
    <details class="view" open={linked !== null || draft !== null}>
      <summary>Join as staff</summary>
      <p>
        Your admin gives you an enrolment code. With it, this browser reports which login you use on the
        firm’s systems’ sign-in pages — never your password.
      </p>
      {preview ? (
        <div class="stack">
          <p>
            This browser will report your sign-ins to {preview.organisationName} as {preview.personName}: the
            system, the login you type and the time, on these sign-in pages only.
          </p>
          <ul aria-label="Sign-in pages to observe">
            {preview.systems.map((system) => (
              <li key={system.id}>
                {system.name}: {system.signInUrlPatterns.join(', ') || 'none yet'}
              </li>
            ))}
          </ul>
          <div class="row">
            <button type="button" class="primary" disabled={busy} onClick={() => join(preview)}>
              Join as staff
            </button>
            <button type="button" class="link" disabled={busy} onClick={() => setPreview(null)}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <form class="stack" onSubmit={check} noValidate>
          <Field id="staff-server" label="Your firm’s Rollcall address">
            <input
              id="staff-server"
              type="url"
              value={serverUrl}
              onInput={(e) => setServer(e.currentTarget.value)}
            />
          </Field>
          <Field id="staff-code" label="Enrolment code" hint="Or paste the join link your admin sent.">
            <input
              id="staff-code"
              aria-describedby="staff-code-hint"
              autocomplete="off"
              value={code}
              onInput={(e) => {
                // A join link pasted here fills in the address too.
                const link = readStaffJoinLink(e.currentTarget.value);
                setCode(link?.code ?? e.currentTarget.value);
                if (link) setServer(link.serverUrl);
              }}
            />
          </Field>
          <button type="submit" disabled={busy} ref={proceed}>
            Continue
          </button>
        </form>
      )}
      {asking && (
        <p role="status">Firefox asks whether Rollcall may reach {serverUrl}: answer it to go on.</p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}

/**
 * What this browser needs to reach the firm's Rollcall address from the background. Firefox gives
 * each installation an origin of its own (moz-extension://<uuid>), which the firm's server cannot
 * know in advance and so does not answer across origins: there the staff member's browser asks for
 * access to the address itself, which lets the background reach it. Chrome's extension id is the
 * same in every installation, and the server answers it.
 */
export function serverAccess(serverUrl: string, needed = import.meta.env.BROWSER === 'firefox'): string[] {
  if (!needed || !URL.canParse(serverUrl)) return [];
  return browserPatterns([`${new URL(serverUrl).origin}/*`]);
}

/** The origins of the sign-in patterns, as host permissions are asked for (and as this browser matches them). */
const originsOf = (systems: readonly { signInUrlPatterns: string[] }[]) =>
  browserPatterns(
    systems
      .flatMap((s) => s.signInUrlPatterns)
      .map((p) => p.replace(/^(\w+|\*):\/\/([^/]+)\/.*$/, '$1://$2/*')),
  );

function StaffPanel({ enrolment }: { enrolment: StaffEnrolment }) {
  const send = useSend();
  const [own, setOwn] = useState<OwnObservations | null>(null);
  const [granted, setGranted] = useState<boolean | null>(null);
  const origins = [...originsOf(enrolment.systems), ...serverAccess(enrolment.serverUrl)];

  useEffect(() => {
    void send('ownObservations').then((answer) => answer.ok && setOwn(answer.value));
    void browser.permissions.contains({ origins }).then(setGranted);
  }, [send, origins.join('\n')]);

  return (
    <section class="view" aria-labelledby="staff-heading">
      <h2 id="staff-heading">Staff browser</h2>
      <p>
        This browser reports your sign-ins to {enrolment.organisationName} as {enrolment.personName}.
        {enrolment.observationsEnabled ? '' : ' Your firm has not turned this on yet: nothing is recorded.'}
      </p>
      <p>
        <strong>Recorded:</strong> the system, the login you typed, and the date and time — once a day per
        login, only after you have signed in. <strong>Never:</strong> your password, any other field, or any
        other page.
      </p>
      <h3>On these sign-in pages</h3>
      <ul>
        {enrolment.systems.map((system) => (
          <li key={system.id}>
            {system.name}: {system.signInUrlPatterns.join(', ')}
          </li>
        ))}
      </ul>
      {granted === false && origins.length > 0 && (
        <button type="button" onClick={() => void browser.permissions.request({ origins }).then(setGranted)}>
          Allow Rollcall on these sign-in pages
        </button>
      )}
      <h3>Your observed sign-ins</h3>
      {own && own.observations.length === 0 && <p>None yet.</p>}
      <ul aria-label="Your observed sign-ins">
        {own?.observations.map((o) => (
          <li key={`${o.systemId}:${o.login}`}>
            {o.systemName}: {o.login}, last {new Date(o.lastObservedAt).toLocaleString()}
          </li>
        ))}
      </ul>
      <button type="button" class="link" onClick={() => void send('leaveStaff')}>
        Stop reporting from this browser
      </button>
    </section>
  );
}
