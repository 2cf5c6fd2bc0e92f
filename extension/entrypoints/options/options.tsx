import { useEffect, useMemo, useState } from 'preact/hooks';
import { RULE_SETTINGS } from '../../../shared/rules/registry';
import { organisationSettingsSchema, readRuleSettings } from '../../../shared/settings';
import { openConsole } from '../../lib/console/open-console';
import { type Send, sendToBackground } from '../../lib/messaging';
import { StaffBrowsersSection } from '../../lib/options/staff-browsers-section';
import { requestPages } from '../../lib/page/browser-patterns';
import { SendContext, useSend, useStored } from '../../lib/popup/popup-context';
import { serverUrlProblem } from '../../lib/server-url';
import {
  localCopyItem,
  outboxItem,
  ruleSettingsItem,
  serverUrlItem,
  signedInAsItem,
} from '../../lib/storage';
import { checkChange } from '../../lib/sync/check-change';
import { overlay } from '../../lib/sync/local-copy';
import { pendingMutations } from '../../lib/sync/outbox';
import { patternProblem, splitPatterns } from '../../lib/url-patterns';

export { serverUrlProblem };

/**
 * Asks the browser for host permission on a system's pages. Browsers only show the prompt when
 * this is called straight from a click or submit handler, so nothing may be awaited before it.
 */
export type RequestHostPermission = (origins: string[]) => Promise<boolean>;

export function Options({
  send = sendToBackground,
  requestHostPermission = requestPages,
}: {
  send?: Send;
  requestHostPermission?: RequestHostPermission;
}) {
  return (
    <SendContext.Provider value={send}>
      <main class="options">
        <h1>Rollcall options</h1>
        <p>
          Job roles, staff, members, reviews and the audit log are in the{' '}
          <button type="button" class="link" onClick={() => openConsole()}>
            Rollcall console
          </button>
          .
        </p>
        <ServerSection />
        <SystemsSection requestHostPermission={requestHostPermission} />
        <ThresholdsSection />
        <SignInSection />
        <StaffBrowsersSection />
      </main>
    </SendContext.Provider>
  );
}

function ServerSection() {
  const stored = useStored(serverUrlItem);
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<Said>(null);
  const value = serverUrl ?? stored ?? '';

  async function save(event: Event) {
    event.preventDefault();
    const problem = serverUrlProblem(value);
    if (problem) {
      setMessage({ kind: 'error', text: problem });
      return;
    }
    await serverUrlItem.setValue(new URL(value).origin);
    setMessage({ kind: 'ok', text: 'Saved.' });
  }

  return (
    <section aria-labelledby="server-heading">
      <h2 id="server-heading">Server</h2>
      <form onSubmit={save}>
        <label for="server-url">Rollcall server</label>
        <input
          id="server-url"
          type="url"
          value={value}
          onInput={(event) => {
            setServerUrl(event.currentTarget.value);
            setMessage(null);
          }}
          aria-describedby="server-url-message"
        />
        <button type="submit">Save</button>
        <Message id="server-url-message" message={message} />
      </form>
    </section>
  );
}

type Said = { kind: 'ok' | 'error'; text: string } | null;

/** What the last save said: an error styled and announced as one, success as a status. */
function Message({ id, message }: { id?: string; message: Said }) {
  return (
    <p
      id={id}
      class={message?.kind === 'error' ? 'error' : 'status'}
      role={message?.kind === 'error' ? 'alert' : 'status'}
    >
      {message?.text}
    </p>
  );
}

function SystemsSection({ requestHostPermission }: { requestHostPermission: RequestHostPermission }) {
  const send = useSend();
  const copy = useStored(localCopyItem);
  const outbox = useStored(outboxItem);
  const systems = useMemo(
    () =>
      copy && outbox
        ? Object.values(overlay(copy.tables, pendingMutations(outbox)).system).sort((a, b) =>
            a.name.localeCompare(b.name),
          )
        : null,
    [copy, outbox],
  );
  const [name, setName] = useState('');
  const [adminPatterns, setAdminPatterns] = useState('');
  const [signInPatterns, setSignInPatterns] = useState('');
  const [message, setMessage] = useState<Said>(null);

  function edit(set: (value: string) => void, value: string) {
    set(value);
    setMessage(null);
  }

  function add(event: Event) {
    event.preventDefault();
    const admin = splitPatterns(adminPatterns);
    const signIn = splitPatterns(signInPatterns);
    const change = {
      op: 'upsert',
      entity: 'system',
      rowId: crypto.randomUUID(),
      data: { name: name.trim(), adminUrlPatterns: admin, signInUrlPatterns: signIn },
    } as const;
    const bad = patternProblem([...admin, ...signIn]);
    if (bad) return setMessage({ kind: 'error', text: bad });
    // The server's own checks, here, so nothing is asked of the browser for a system it would refuse.
    const problems = [
      ...checkChange(change, { creating: true }),
      ...(admin.length === 0
        ? [{ field: 'adminUrlPatterns', message: 'Admin pages: give at least one URL pattern.' }]
        : []),
    ];
    if (problems.length > 0)
      return setMessage({ kind: 'error', text: problems.map((p) => p.message).join(' ') });
    // Called before any await: the browser only prompts from within the admin's click.
    const granted = requestHostPermission([...admin, ...signIn]);
    void granted.then(async (ok) => {
      if (!ok) {
        setMessage({
          kind: 'error',
          text: 'The browser did not grant access to those pages, so Rollcall cannot read them. The system was not added.',
        });
        return;
      }
      const result = await send('queueChange', change);
      if (!result.ok) return setMessage({ kind: 'error', text: result.message });
      setMessage({ kind: 'ok', text: `Added ${name.trim()}.` });
      setName('');
      setAdminPatterns('');
      setSignInPatterns('');
    });
  }

  return (
    <section aria-labelledby="systems-heading">
      <h2 id="systems-heading">Systems</h2>
      <p class="muted">
        The back-office apps your firm uses. Rollcall reads only the pages you list here, and asks the browser
        for access to them when you add a system.
      </p>
      {systems === null ? (
        <p aria-busy="true">Loading…</p>
      ) : systems.length === 0 ? (
        <p class="empty">No systems yet.</p>
      ) : (
        <ul class="systems" aria-label="Systems">
          {systems.map((system) => (
            <li key={system.id}>
              <strong>{system.name}</strong>
              <span class="muted"> {system.adminUrlPatterns.join(', ') || 'no admin pages'}</span>
            </li>
          ))}
        </ul>
      )}
      <form class="stack" onSubmit={add} noValidate>
        <h3>Add a system</h3>
        <label for="system-name">Name</label>
        <input id="system-name" value={name} onInput={(e) => edit(setName, e.currentTarget.value)} />
        <label for="system-admin">Admin pages (URL patterns, one per line)</label>
        <textarea
          id="system-admin"
          rows={2}
          placeholder="https://app.example.com/admin/*"
          value={adminPatterns}
          onInput={(e) => edit(setAdminPatterns, e.currentTarget.value)}
        />
        <label for="system-sign-in">Sign-in pages (optional)</label>
        <textarea
          id="system-sign-in"
          rows={2}
          placeholder="https://app.example.com/login*"
          value={signInPatterns}
          onInput={(e) => edit(setSignInPatterns, e.currentTarget.value)}
        />
        <button type="submit">Add system</button>
        <Message message={message} />
      </form>
    </section>
  );
}

/** Each rule's threshold, as its rule declares it (shared/rules/registry.ts). */
const THRESHOLDS = RULE_SETTINGS;

/** The firm's owner decides whether owners and admins sign in with a second factor. */
function SignInSection() {
  const send = useSend();
  const who = useStored(signedInAsItem);
  const [required, setRequired] = useState<boolean | null>(null);
  const [message, setMessage] = useState<Said>(null);
  const owner = who?.state === 'signed-in' && who.member.role === 'owner';
  useEffect(() => {
    if (!owner) return;
    let live = true;
    send('getSecondFactorRequirement').then((result) => {
      if (!live) return;
      if (result.ok) setRequired(result.value);
      else setMessage({ kind: 'error', text: result.message });
    });
    return () => {
      live = false;
    };
  }, [owner, send]);
  if (!owner) return null;

  async function change(next: boolean) {
    setMessage(null);
    const result = await send('setSecondFactorRequirement', next);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.message });
      return;
    }
    setRequired(result.value);
    setMessage({
      kind: 'ok',
      text: result.value
        ? 'Saved. Owners and admins without a second factor set one up at their next sign-in.'
        : 'Saved. Owners and admins may sign in with the password alone.',
    });
  }

  return (
    <section aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign-in</h2>
      {required === null && !message && <p aria-busy="true">Loading…</p>}
      {required !== null && (
        <label class="row">
          <input type="checkbox" checked={required} onChange={(e) => void change(e.currentTarget.checked)} />
          Owners and admins sign in with two steps: the password and a code from an app on their phone
        </label>
      )}
      <Message message={message} />
    </section>
  );
}

function ThresholdsSection() {
  const send = useSend();
  const stored = useStored(ruleSettingsItem);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Said>(null);
  if (stored === undefined) return <p aria-busy="true">Loading…</p>;
  const current = readRuleSettings(stored);

  function edit(next: Record<string, string>) {
    setDraft(next);
    setMessage(null);
  }

  const fieldValue = (key: string) => draft[key] ?? String(current[key as keyof typeof current]);

  async function save(event: Event) {
    event.preventDefault();
    const next: Record<string, unknown> = { timeZone: fieldValue('timeZone') };
    for (const { key } of THRESHOLDS) next[key] = Number(fieldValue(key));
    const parsed = organisationSettingsSchema.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = THRESHOLDS.find((t) => t.key === issue?.path[0])?.label ?? 'Time zone';
      setMessage({ kind: 'error', text: `${field}: ${issue?.message}` });
      return;
    }
    const result = await send('saveRuleSettings', parsed.data);
    if (!result.ok) {
      setMessage({ kind: 'error', text: result.message });
      return;
    }
    setDraft({});
    setMessage({ kind: 'ok', text: 'Saved. Findings are recomputed with the new thresholds.' });
  }

  return (
    <section aria-labelledby="thresholds-heading">
      <h2 id="thresholds-heading">Rule thresholds</h2>
      <p class="muted">
        The firm’s settings: only its owner can change them, and every member’s findings use them. Signed out,
        they apply in this browser alone.
      </p>
      <form class="stack" onSubmit={save} noValidate>
        {THRESHOLDS.map(({ key, label, step }) => (
          <div class="field" key={key}>
            <label for={`threshold-${key}`}>{label}</label>
            <input
              id={`threshold-${key}`}
              type="number"
              step={step}
              value={fieldValue(key)}
              onInput={(e) => edit({ ...draft, [key]: e.currentTarget.value })}
            />
          </div>
        ))}
        <div class="field">
          <label for="threshold-timeZone">Firm’s time zone (decides when a leaver’s last day is over)</label>
          <input
            id="threshold-timeZone"
            value={fieldValue('timeZone')}
            onInput={(e) => edit({ ...draft, timeZone: e.currentTarget.value })}
          />
        </div>
        <button type="submit">Save thresholds</button>
        <Message message={message} />
      </form>
    </section>
  );
}
