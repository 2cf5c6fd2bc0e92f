import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { RULE_SETTINGS } from '../../../shared/rules/registry';
import { type Organisation, organisationSettingsSchema } from '../../../shared/schemas/organisation';
import type { createdWebhookSchema } from '../../../shared/schemas/reviews';
import { useSend, useStored } from '../popup/popup-context';
import { Field } from '../popup/sign-in';
import { serverUrlItem } from '../storage';
import { formatDate } from '../ui/format-date';
import { callApi } from './api';
import { useConsole } from './console-context';
import { contract } from './contract';
import { ConfirmButton, LoadedView, Message, type Said, ScreenHeading, useLoaded } from './ui';

const SESSION_FIELDS = [
  {
    key: 'sessionIdleMinutes',
    label: 'Sign out after this many minutes unused',
    shape: organisationSettingsSchema.shape.sessionIdleMinutes,
  },
  {
    key: 'sessionAbsoluteHours',
    label: 'Sign out this many hours after signing in',
    shape: organisationSettingsSchema.shape.sessionAbsoluteHours,
  },
] as const;

/** Every IANA time zone the browser knows, for the picker. */
const timeZones = (): string[] => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? ['UTC', ...supported('timeZone').filter((z) => z !== 'UTC')] : ['UTC'];
};

/** The firm's settings: thresholds, time zone, session limits (owners change them), the webhook, the server. */
export function SettingsScreen() {
  const send = useSend();
  const [organisation, reload] = useLoaded(() => callApi(send, contract.organisation.get), []);
  const { can } = useConsole();
  return (
    <section>
      <ScreenHeading>Settings</ScreenHeading>
      <LoadedView loaded={organisation} what="the firm’s settings">
        {(org) => (
          <OrganisationForm
            organisation={org}
            editable={can(contract.organisation.update)}
            onSaved={reload}
          />
        )}
      </LoadedView>
      {can(contract.webhook.get) && <Webhook />}
      <ServerSection />
    </section>
  );
}

function OrganisationForm({
  organisation,
  editable,
  onSaved,
}: {
  organisation: Organisation;
  editable: boolean;
  onSaved: () => void;
}) {
  const send = useSend();
  const [name, setName] = useState(organisation.name);
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(organisation.settings).map(([k, v]) => [k, String(v)])),
  );
  const [said, setSaid] = useState<Said>(null);
  const set = (key: string, value: string) => {
    setValues({ ...values, [key]: value });
    setSaid(null);
  };

  async function save(event: Event) {
    event.preventDefault();
    const settings: Record<string, unknown> = { timeZone: values.timeZone };
    for (const field of [...RULE_SETTINGS, ...SESSION_FIELDS])
      settings[field.key] = Number(values[field.key]);
    const result = await callApi(send, contract.organisation.update, {
      body: { name: name.trim(), settings: settings as never },
    });
    if (!result.ok) {
      setSaid({ kind: 'error', text: result.message });
      return;
    }
    setSaid({ kind: 'ok', text: 'Saved. Every member’s findings follow the new thresholds.' });
    // The sync pulls the firm's thresholds and recomputes the findings here.
    void send('syncNow');
    onSaved();
  }

  return (
    <form class="stack form-wide" onSubmit={save} noValidate>
      <fieldset disabled={!editable} class="plain">
        {!editable && <p class="muted">Only the firm’s owner changes these.</p>}
        <Field id="org-name" label="Firm name">
          <input id="org-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <h3>Rule thresholds</h3>
        {RULE_SETTINGS.map((s) => (
          <Field
            key={s.key}
            id={`setting-${s.key}`}
            label={s.label}
            hint={`Between ${s.min} and ${s.max}; ${s.default} if unsure.`}
          >
            <input
              id={`setting-${s.key}`}
              type="number"
              min={s.min}
              max={s.max}
              step={s.step}
              value={values[s.key]}
              onInput={(e) => set(s.key, e.currentTarget.value)}
            />
          </Field>
        ))}
        <Field
          id="setting-timeZone"
          label="Firm’s time zone"
          hint="Decides when a leaver’s last day is over."
        >
          <select
            id="setting-timeZone"
            value={values.timeZone}
            onChange={(e) => set('timeZone', e.currentTarget.value)}
          >
            {timeZones().map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </Field>
        <h3>Sessions</h3>
        {SESSION_FIELDS.map((s) => {
          const bounds = s.shape.unwrap();
          return (
            <Field
              key={s.key}
              id={`setting-${s.key}`}
              label={s.label}
              hint={`Between ${bounds.minValue} and ${bounds.maxValue}.`}
            >
              <input
                id={`setting-${s.key}`}
                type="number"
                min={bounds.minValue ?? undefined}
                max={bounds.maxValue ?? undefined}
                value={values[s.key]}
                onInput={(e) => set(s.key, e.currentTarget.value)}
              />
            </Field>
          );
        })}
        {editable && (
          <button type="submit" class="primary">
            Save settings
          </button>
        )}
      </fieldset>
      <Message said={said} />
    </form>
  );
}

/** The webhook the daily check posts to: its signing secret is shown once, when it is set. */
function Webhook() {
  const send = useSend();
  const { can } = useConsole();
  const [state, reload] = useLoaded(() => callApi(send, contract.webhook.get), []);
  const [url, setUrl] = useState('');
  const [created, setCreated] = useState<z.infer<typeof createdWebhookSchema> | null>(null);
  const [said, setSaid] = useState<Said>(null);
  const [testing, setTesting] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    const result = await callApi(send, contract.webhook.set, { body: { url: url.trim() } });
    if (!result.ok) return setSaid({ kind: 'error', text: result.message });
    setCreated(result.value);
    setSaid(null);
    setUrl('');
    reload();
  }

  return (
    <section aria-labelledby="webhook-heading">
      <h3 id="webhook-heading">Webhook</h3>
      <p class="muted">
        The daily check posts its notifications here, signed with a secret, for your chat or ticketing tool.
      </p>
      <LoadedView loaded={state} what="the webhook">
        {({ webhook }) =>
          webhook ? (
            <div class="row wrap">
              <span>
                Posting to <code>{webhook.url}</code> since {formatDate(webhook.createdAt)}
                {webhook.lastStatus !== null && `; last answer ${webhook.lastStatus}`}.
              </span>
              {can(contract.webhook.test) && (
                <button
                  type="button"
                  disabled={testing}
                  onClick={async () => {
                    setTesting(true);
                    setSaid(null);
                    const result = await callApi(send, contract.webhook.test);
                    setTesting(false);
                    setSaid(
                      !result.ok
                        ? { kind: 'error', text: result.message }
                        : { kind: result.value.delivered ? 'ok' : 'error', text: result.value.message },
                    );
                  }}
                >
                  {testing ? 'Sending a test…' : 'Send a test'}
                </button>
              )}
              {can(contract.webhook.remove) && (
                <ConfirmButton
                  label="Stop posting…"
                  question="Stop posting notifications to this webhook?"
                  confirm="Stop posting"
                  onConfirm={async () => {
                    const result = await callApi(send, contract.webhook.remove);
                    setSaid(
                      result.ok ? { kind: 'ok', text: 'Stopped.' } : { kind: 'error', text: result.message },
                    );
                    setCreated(null);
                    reload();
                  }}
                />
              )}
            </div>
          ) : (
            <p class="empty">No webhook set.</p>
          )
        }
      </LoadedView>
      {created && (
        <div class="notice stack" role="status">
          <strong>Signing secret, shown this once: copy it into the receiving tool now.</strong>
          <code class="secret" data-testid="webhook-secret">
            {created.secret}
          </code>
        </div>
      )}
      {can(contract.webhook.set) && (
        <form class="row wrap" onSubmit={save} noValidate>
          <label for="webhook-url">https URL</label>
          <input id="webhook-url" type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
          <button type="submit">Set webhook</button>
        </form>
      )}
      <Message said={said} />
    </section>
  );
}

function ServerSection() {
  const server = useStored(serverUrlItem);
  return (
    <section aria-labelledby="server-heading">
      <h3 id="server-heading">Server</h3>
      <p>
        This browser talks to the Rollcall server at <code>{server ?? '…'}</code>.{' '}
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Change it in the options
        </button>
      </p>
    </section>
  );
}
