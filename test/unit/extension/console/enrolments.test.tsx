import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowed } from '../../../../extension/lib/console/access';
import { ConsoleContext, type ConsoleState } from '../../../../extension/lib/console/console-context';
import { EnrolmentsScreen } from '../../../../extension/lib/console/enrolments';
import type { Send } from '../../../../extension/lib/messaging';
import { SendContext } from '../../../../extension/lib/popup/popup-context';
import { readStaffJoinLink } from '../../../../extension/lib/sign-in/join-link';
import { emptyCopy } from '../../../../extension/lib/sync/local-copy';
import type { MemberRole } from '../../../../shared/schemas/members';
import type { Device } from '../../../../shared/schemas/observations';
import { personRow } from '../sync/fake-server';

const SERVER = 'https://rollcall.harbour.example';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 3, 9, 0);

const device = (id: string, personId: string, personName: string, extra: Partial<Device> = {}): Device => ({
  id,
  personId,
  personName,
  label: null,
  createdAt: NOW - 20 * DAY,
  lastUsedAt: null,
  rotatedAt: null,
  revokedAt: null,
  ...extra,
});

/** The firm's server as the console's calls reach it: what each call was, and its answers. */
function fakeFirm() {
  const calls: { name: string; request: { params?: { id: string }; body?: unknown } }[] = [];
  let settings = { enabled: false, retentionDays: 90 };
  let devices = [
    device('d1', 'p-rita', 'Rita Reception', { label: 'Front desk PC', lastUsedAt: NOW - DAY }),
    device('d2', 'p-rita', 'Rita Reception', { label: 'Old laptop', revokedAt: NOW - 5 * DAY }),
  ];
  const send = (async (type: string, data: { name: string; request: never }) => {
    if (type !== 'callApi') throw new Error(`unexpected ${type}`);
    const { name, request } = data as { name: string; request: { params?: { id: string }; body?: object } };
    calls.push({ name, request });
    switch (name) {
      case 'listDevices':
        return { ok: true, value: { devices } };
      case 'getSettings':
        return { ok: true, value: settings };
      case 'updateSettings':
        settings = { ...settings, ...request.body };
        return { ok: true, value: settings };
      case 'createEnrolment':
        return {
          ok: true,
          value: {
            enrolment: { id: 'e1', personId: 'p-sam', createdAt: NOW, expiresAt: NOW + 7 * DAY },
            code: 'ABCDE-FGHIJ-KLMNO-PQRST',
          },
        };
      case 'revokeDevice':
        devices = devices.map((d) => (d.id === request.params?.id ? { ...d, revokedAt: NOW } : d));
        return { ok: true };
      default:
        throw new Error(`unexpected call ${name}`);
    }
  }) as unknown as Send;
  return { send, calls };
}

function renderScreen(role: MemberRole) {
  const firm = fakeFirm();
  const copy = emptyCopy();
  copy.tables.person = {
    'p-rita': personRow('p-rita', 'Rita Reception'),
    'p-sam': personRow('p-sam', 'Sam Smith'),
    'p-gone': personRow('p-gone', 'Gone Person', { status: 'leaver' }),
  };
  const state: ConsoleState = {
    who: {
      state: 'signed-in',
      serverUrl: SERVER,
      member: {
        id: 'm1',
        email: 'ann@harbour.example',
        name: 'Ann',
        role,
        createdAt: 1,
        secondFactor: false,
      },
      organisation: { id: 'o1', name: 'Harbour & Vale', settings: {} },
    } as unknown as ConsoleState['who'],
    role,
    can: (op) => allowed(role, op),
    tables: copy.tables,
    outbox: undefined,
    findings: [],
    needDirectory: () => undefined,
    requestHostPermission: async () => true,
  };
  render(
    <SendContext.Provider value={firm.send}>
      <ConsoleContext.Provider value={state}>
        <EnrolmentsScreen />
      </ConsoleContext.Provider>
    </SendContext.Provider>,
  );
  return firm;
}

afterEach(() => cleanup());

describe('the console’s staff browsers', () => {
  it('lists each current person with their browsers in use and when each last reported', async () => {
    renderScreen('admin');
    const table = await screen.findByRole('table', { name: 'Staff browsers' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Rita Reception',
      'Sam Smith',
    ]);
    const rita = within(table).getByRole('list', { name: 'Browsers of Rita Reception' });
    // The revoked laptop is gone from the list; the desk PC shows its last report.
    expect(within(rita).getAllByRole('listitem')).toHaveLength(1);
    expect(rita.textContent).toContain('Front desk PC');
    expect(rita.textContent).toContain('last report');
    expect(rows[1]?.textContent).toContain('None');
  });

  it('makes a one-time code for a person and copies it with the Rollcall address', async () => {
    const { calls } = renderScreen('admin');
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const table = await screen.findByRole('table', { name: 'Staff browsers' });
    const sam = within(table).getAllByRole('row')[2] as HTMLElement;
    fireEvent.click(within(sam).getByRole('button', { name: 'Make enrolment code' }));
    const code = await within(sam).findByLabelText(/Code for Sam Smith/);
    expect((code as HTMLInputElement).value).toBe('ABCDE-FGHIJ-KLMNO-PQRST');
    expect(calls.find((c) => c.name === 'createEnrolment')?.request.body).toEqual({ personId: 'p-sam' });
    fireEvent.click(within(sam).getByRole('button', { name: 'Copy code and address' }));
    expect(writeText).toHaveBeenCalledWith(
      `Rollcall address: ${SERVER}\nEnrolment code: ABCDE-FGHIJ-KLMNO-PQRST`,
    );
  });

  it('gives a join link that opens Rollcall’s join screen filled in, and copies it', async () => {
    renderScreen('admin');
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const table = await screen.findByRole('table', { name: 'Staff browsers' });
    const sam = within(table).getAllByRole('row')[2] as HTMLElement;
    fireEvent.click(within(sam).getByRole('button', { name: 'Make enrolment code' }));
    const link = ((await within(sam).findByLabelText('Join link for Sam Smith')) as HTMLInputElement).value;
    expect(link).toMatch(/\/popup\.html#/);
    expect(readStaffJoinLink(link)).toEqual({ code: 'ABCDE-FGHIJ-KLMNO-PQRST', serverUrl: SERVER });
    fireEvent.click(within(sam).getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(link);
  });

  it('revokes a browser only once asked and confirmed, and says so', async () => {
    const { calls } = renderScreen('admin');
    const rita = await screen.findByRole('list', { name: 'Browsers of Rita Reception' });
    fireEvent.click(within(rita).getByRole('button', { name: 'Revoke…' }));
    expect(calls.some((c) => c.name === 'revokeDevice')).toBe(false);
    fireEvent.click(within(rita).getByRole('button', { name: 'Revoke browser' }));
    await screen.findByText(/Revoked Front desk PC of Rita Reception/);
    expect(calls.find((c) => c.name === 'revokeDevice')?.request.params).toEqual({ id: 'd1' });
    await waitFor(() =>
      expect(screen.queryByRole('list', { name: 'Browsers of Rita Reception' })).toBeNull(),
    );
  });

  it('lets the owner turn recording on and set how long it is kept; an admin only reads it', async () => {
    const { calls } = renderScreen('owner');
    fireEvent.click(
      await screen.findByRole('checkbox', { name: 'Record sign-ins from enrolled staff browsers' }),
    );
    await screen.findByText('Sign-ins are recorded and kept 90 days.');
    fireEvent.input(screen.getByLabelText('Keep them for (days)'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Sign-ins are recorded and kept 30 days.');
    expect(calls.filter((c) => c.name === 'updateSettings').map((c) => c.request.body)).toEqual([
      { enabled: true },
      { retentionDays: 30 },
    ]);
    cleanup();

    renderScreen('admin');
    await screen.findByText('Sign-ins are not recorded: the firm’s owner turns this on.');
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
