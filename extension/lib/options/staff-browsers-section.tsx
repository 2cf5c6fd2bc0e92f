import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Device, ObservationSettings } from '../../../shared/schemas/observations';
import { useSend, useStored } from '../popup/popup-context';
import { localCopyItem, signedInAsItem } from '../storage';

/**
 * The admin's side of sign-in observations: the firm's switch and retention (owners change them),
 * a one-time enrolment code for a person, and the enrolled staff browsers with a way to revoke one.
 */
export function StaffBrowsersSection() {
  const send = useSend();
  const who = useStored(signedInAsItem);
  const copy = useStored(localCopyItem);
  const people = useMemo(
    () =>
      copy
        ? Object.values(copy.tables.person)
            .filter((p) => !p.deleted && p.status === 'active')
            .sort((a, b) => a.name.localeCompare(b.name))
        : [],
    [copy],
  );
  const [settings, setSettings] = useState<ObservationSettings | null>(null);
  const [devices, setDevices] = useState<Device[]>([]);
  const [personId, setPersonId] = useState('');
  const [code, setCode] = useState<{ code: string; name: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const signedIn = who?.state === 'signed-in' && who.member.role !== 'reviewer';

  async function reload() {
    const [loaded, listed] = await Promise.all([send('observationSettings'), send('listStaffBrowsers')]);
    if (loaded.ok) setSettings(loaded.value);
    if (listed.ok) setDevices(listed.value);
  }

  useEffect(() => {
    if (signedIn) void reload();
  }, [signedIn]);

  if (!signedIn) return null;

  async function toggle(enabled: boolean) {
    const saved = await send('saveObservationSettings', { enabled });
    if (saved.ok) setSettings(saved.value);
    setMessage(saved.ok ? null : saved.message);
  }

  async function enrol(event: Event) {
    event.preventDefault();
    const made = await send('createEnrolment', personId);
    if (!made.ok) return setMessage(made.message);
    setMessage(null);
    setCode({ code: made.value.code, name: people.find((p) => p.id === personId)?.name ?? '' });
  }

  async function revoke(id: string) {
    const revoked = await send('revokeStaffBrowser', id);
    setMessage(revoked.ok ? null : revoked.message);
    await reload();
  }

  return (
    <section aria-labelledby="staff-browsers-heading">
      <h2 id="staff-browsers-heading">Staff browsers</h2>
      <p>
        A staff member’s browser, enrolled for them, reports which login they sign in with on the firm’s
        systems’ sign-in pages — never a password. It shows who really uses each login.
      </p>
      {settings && (
        <label>
          <input
            type="checkbox"
            checked={settings.enabled}
            disabled={who?.member.role !== 'owner'}
            onChange={(e) => void toggle(e.currentTarget.checked)}
          />{' '}
          Record sign-ins (kept {settings.retentionDays} days; owners turn this on)
        </label>
      )}
      <form class="row" onSubmit={enrol}>
        <label for="enrol-person">Enrol a browser for</label>
        <select id="enrol-person" value={personId} onChange={(e) => setPersonId(e.currentTarget.value)}>
          <option value="">Choose a person</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={personId === ''}>
          Make enrolment code
        </button>
      </form>
      {code && (
        <p role="status">
          Code for {code.name} (shown once, valid 7 days): <code>{code.code}</code>
        </p>
      )}
      {message && (
        <p class="error" role="alert">
          {message}
        </p>
      )}
      <ul aria-label="Enrolled browsers">
        {devices.map((d) => (
          <li key={d.id}>
            {d.personName}
            {d.label ? ` — ${d.label}` : ''}, enrolled {new Date(d.createdAt).toLocaleDateString()}
            {d.revokedAt ? (
              ' (revoked)'
            ) : (
              <button type="button" onClick={() => void revoke(d.id)}>
                Revoke
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
