import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Person } from '../../../shared/schemas/directory';
import type { Device, ObservationSettings } from '../../../shared/schemas/observations';
import { useSend } from '../popup/popup-context';
import { staffJoinLink } from '../sign-in/join-link';
import { formatDate } from '../ui/format-date';
import { callApi } from './api';
import { useConsole, useDirectory } from './console-context';
import { contract } from './contract';
import { DataTable } from './data-table';
import {
  ConfirmButton,
  LoadedView,
  Loading,
  Message,
  type Said,
  ScreenHeading,
  ShownOnce,
  useLoaded,
} from './ui';

/**
 * Staff browsers: per person, a one-time enrolment code and join link to hand over, the browsers enrolled for them
 * with their last report, and revoking one; the firm's switch and how long observations are kept
 * (owners change them).
 */
export function EnrolmentsScreen() {
  const send = useSend();
  const { tables } = useDirectory();
  const [devices, reload] = useLoaded(
    () => callApi(send, contract.observations.listDevices, { query: {} }),
    [],
  );
  const [said, setSaid] = useState<Said>(null);
  const people = tables
    ? Object.values(tables.person)
        .filter((p) => !p.deleted && p.status === 'active')
        .sort((a, b) => a.name.localeCompare(b.name))
    : undefined;

  return (
    <section>
      <ScreenHeading>Staff browsers</ScreenHeading>
      <p class="muted">
        A staff member’s browser, enrolled for them, reports which login they sign in with on the firm’s
        systems’ sign-in pages — never a password or any other field. It shows who really uses each login.
      </p>
      <ObservationSwitch />
      <Message said={said} />
      {people === undefined ? (
        <Loading what="staff" />
      ) : (
        <LoadedView loaded={devices} what="enrolled browsers">
          {({ devices: list }) => (
            <DataTable label="Staff browsers" columns={['Person', 'Enrolled browsers']} actions>
              {people.map((person) => (
                <PersonRow
                  key={person.id}
                  person={person}
                  devices={list.filter((d) => d.personId === person.id && d.revokedAt === null)}
                  onRevoked={(device) => {
                    setSaid({
                      kind: 'ok',
                      text: `Revoked ${device.label ?? 'the browser'} of ${device.personName}: it reports nothing more.`,
                    });
                    reload();
                  }}
                  onError={(text) => setSaid({ kind: 'error', text })}
                />
              ))}
            </DataTable>
          )}
        </LoadedView>
      )}
    </section>
  );
}

function PersonRow({
  person,
  devices,
  onRevoked,
  onError,
}: {
  person: Person;
  devices: Device[];
  onRevoked: (device: Device) => void;
  onError: (text: string) => void;
}) {
  const send = useSend();
  const { who } = useConsole();
  const [code, setCode] = useState<string | null>(null);

  async function makeCode() {
    const made = await callApi(send, contract.observations.createEnrolment, {
      body: { personId: person.id },
    });
    if (made.ok) setCode(made.value.code);
    else onError(made.message);
  }

  const handOver = code && `Rollcall address: ${who.serverUrl}\nEnrolment code: ${code}`;
  const link =
    code && staffJoinLink(browser.runtime.getURL('/popup.html'), { code, serverUrl: who.serverUrl });
  return (
    <tr>
      <th scope="row">{person.name}</th>
      <td>
        {devices.length === 0 ? (
          <span class="muted">None</span>
        ) : (
          <ul class="plain" aria-label={`Browsers of ${person.name}`}>
            {devices.map((device) => (
              <li key={device.id} class="row wrap">
                <span>
                  {device.label ?? 'A browser'}, enrolled {formatDate(device.createdAt)};{' '}
                  {device.lastUsedAt ? `last report ${formatDate(device.lastUsedAt)}` : 'no report yet'}
                </span>
                <ConfirmButton
                  label="Revoke…"
                  question={`Revoke ${device.label ?? 'this browser'} of ${person.name}? It stops reporting at once.`}
                  confirm="Revoke browser"
                  onConfirm={async () => {
                    const revoked = await callApi(send, contract.observations.revokeDevice, {
                      params: { id: device.id },
                    });
                    if (revoked.ok) onRevoked(device);
                    else onError(revoked.message);
                  }}
                />
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {handOver && link ? (
          <div class="stack">
            <p>
              For {person.name}: works once, for 7 days, and is not shown again. They install Rollcall, then
              open the link (or paste it, or the code, into <em>Join as staff</em> in Rollcall’s popup).
            </p>
            <ShownOnce
              id={`link-${person.id}`}
              label={`Join link for ${person.name}`}
              value={link}
              copy="Copy link"
            />
            <div class="row">
              <label for={`code-${person.id}`}>Code for {person.name}</label>
              <input
                id={`code-${person.id}`}
                readOnly
                value={code}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button type="button" onClick={() => void navigator.clipboard.writeText(handOver)}>
                Copy code and address
              </button>
            </div>
          </div>
        ) : (
          <button type="button" onClick={() => void makeCode()}>
            Make enrolment code
          </button>
        )}
      </td>
    </tr>
  );
}

/** The firm's switch and retention: every admin sees them, only an owner changes them. */
function ObservationSwitch() {
  const send = useSend();
  const { can } = useConsole();
  const [loaded, reload] = useLoaded(() => callApi(send, contract.observations.getSettings), []);
  const [said, setSaid] = useState<Said>(null);
  const mayChange = can(contract.observations.updateSettings);

  async function save(change: Partial<ObservationSettings>) {
    const saved = await callApi(send, contract.observations.updateSettings, { body: change });
    setSaid(
      saved.ok
        ? {
            kind: 'ok',
            text: saved.value.enabled
              ? `Sign-ins are recorded and kept ${saved.value.retentionDays} days.`
              : 'Sign-ins are not recorded.',
          }
        : { kind: 'error', text: saved.message },
    );
    reload();
  }

  return (
    <LoadedView loaded={loaded} what="the observation settings">
      {(settings) =>
        mayChange ? (
          <form
            class="row wrap"
            aria-label="Recording sign-ins"
            onSubmit={(e) => {
              e.preventDefault();
              const days = Number(new FormData(e.currentTarget).get('retentionDays'));
              void save({ retentionDays: days });
            }}
          >
            <label>
              <input
                type="checkbox"
                checked={settings.enabled}
                onChange={(e) => void save({ enabled: e.currentTarget.checked })}
              />{' '}
              Record sign-ins from enrolled staff browsers
            </label>
            <label for="retention-days">Keep them for (days)</label>
            <input
              id="retention-days"
              name="retentionDays"
              type="number"
              min={1}
              value={settings.retentionDays}
            />
            <button type="submit">Save</button>
            <Message said={said} />
          </form>
        ) : (
          <p>
            {settings.enabled
              ? `Sign-ins are recorded and kept ${settings.retentionDays} days.`
              : 'Sign-ins are not recorded: the firm’s owner turns this on.'}
          </p>
        )
      }
    </LoadedView>
  );
}
