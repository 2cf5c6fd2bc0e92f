import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowed } from '../../../../extension/lib/console/access';
import { ApiKeysScreen } from '../../../../extension/lib/console/api-keys';
import { ConsoleContext, type ConsoleState } from '../../../../extension/lib/console/console-context';
import type { Send } from '../../../../extension/lib/messaging';
import { SendContext } from '../../../../extension/lib/popup/popup-context';
import { done, type Result, refused } from '../../../../extension/lib/result';
import type { ApiKey } from '../../../../shared/schemas/api-keys';

afterEach(() => cleanup());

const DAY = 86_400_000;
const SECRET = `rck_${'s'.repeat(43)}`;

function key(overrides: Partial<ApiKey>): ApiKey {
  return {
    id: 'k1',
    name: 'Payroll import',
    role: 'admin',
    prefix: 'rck_ab12cd34',
    createdAt: Date.UTC(2026, 10, 2, 12),
    createdBy: { id: 'm1', name: 'Olive Owner' },
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

type Call = { group: string; name: string; request: { params?: unknown; body?: unknown } };

/** The console as an owner sees it, with a server that answers `answer` to each API call. */
function renderScreen(answer: (call: Call) => Result<unknown>) {
  const calls: Call[] = [];
  const send = (async (name: string, data: Call) => {
    if (name !== 'callApi') throw new Error(`unexpected ${name}`);
    calls.push(data);
    return answer(data);
  }) as unknown as Send;
  const state = {
    role: 'owner',
    can: (op) => allowed('owner', op),
  } as Partial<ConsoleState> as ConsoleState;
  render(
    <SendContext.Provider value={send}>
      <ConsoleContext.Provider value={state}>
        <ApiKeysScreen />
      </ConsoleContext.Provider>
    </SendContext.Provider>,
  );
  return calls;
}

describe('the API keys screen', () => {
  it('lists the keys with their prefix, creator and last use, and says which were never used', async () => {
    const used = Date.UTC(2026, 10, 20, 9);
    renderScreen(() =>
      done({
        keys: [
          key({ lastUsedAt: used }),
          key({ id: 'k2', name: 'Spreadsheet', role: 'auditor', prefix: 'rck_zz99yy88' }),
        ],
      }),
    );
    const table = await screen.findByRole('table', { name: 'API keys' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toContain('rck_ab12cd34…');
    expect(rows[0]?.textContent).toContain('Olive Owner');
    expect(rows[0]?.textContent).toContain(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(used),
    );
    expect(rows[1]?.textContent).toContain('Never used');
  });

  it('creates a key and shows its secret once, with Copy', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    const calls = renderScreen((call) =>
      call.name === 'create'
        ? done({ key: key({ name: 'Payroll import' }), secret: SECRET })
        : done({ keys: [] }),
    );
    await screen.findByText('No keys yet.');
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: ' Payroll import ' } });
    fireEvent.change(screen.getByLabelText('Acts as'), { target: { value: 'admin' } });
    fireEvent.input(screen.getByLabelText('Expires on (optional)'), { target: { value: '2027-01-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    const secret = await screen.findByLabelText(/It is not shown again/);
    expect((secret as HTMLInputElement).value).toBe(SECRET);
    expect(calls.find((call) => call.name === 'create')?.request.body).toEqual({
      name: 'Payroll import',
      role: 'admin',
      expiresAt: new Date('2027-01-31T23:59:59').getTime(),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Copy key' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    // The list is read again, so the new key shows up in it.
    await waitFor(() => expect(calls.filter((call) => call.name === 'list')).toHaveLength(2));
  });

  it('says what to do when the server asks for a fresh second-factor code, and asks for a name first', async () => {
    const words =
      'Creating an API key needs a second-factor code given in the last 15 minutes. Sign out, sign in again with your authenticator code, then create the key.';
    const calls = renderScreen((call) =>
      call.name === 'create' ? refused('forbidden', words) : done({ keys: [] }),
    );
    await screen.findByText('No keys yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^Name:/);
    expect(calls.some((call) => call.name === 'create')).toBe(false);

    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Nightly export' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(words));
    expect(screen.queryByLabelText(/It is not shown again/)).toBeNull();
  });

  it('revokes a key only after confirming, and shows revoked keys without the button', async () => {
    let revoked = false;
    const calls = renderScreen((call) => {
      if (call.name === 'revoke') {
        revoked = true;
        return done();
      }
      return done({
        keys: [key({ expiresAt: Date.now() + 30 * DAY, revokedAt: revoked ? Date.now() : null })],
      });
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke…' }));
    expect(calls.some((call) => call.name === 'revoke')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke key' }));
    await screen.findByText('Revoked Payroll import.');
    expect(calls.find((call) => call.name === 'revoke')?.request.params).toEqual({ id: 'k1' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Revoke…' })).toBeNull());
    expect(screen.getByRole('table', { name: 'API keys' }).textContent).toContain('Revoked');
  });
});
