import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '../../../extension/entrypoints/popup/popup';
import { done, type Result, refused } from '../../../extension/lib/result';
import { formatDate } from '../../../extension/lib/ui/format-date';
import { startBackground } from './background-harness';
import { PASSWORD, popupHarness, signIn } from './popup-harness';
import { personRow } from './sync/fake-server';

const setup = popupHarness;

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('the popup, signed out', () => {
  it('shows the server it would use, and says plainly when the password is wrong', async () => {
    const { send } = setup();
    render(<Popup send={send} />);
    expect((await screen.findByText(/Connected to/)).textContent).toBe('Connected to http://127.0.0.1:8787');
    await signIn('not the password');
    expect((await screen.findByRole('alert')).textContent).toBe('The email or password is wrong.');
  });

  it('refuses a server address that is not https before sending anything', async () => {
    const { send, server } = setup();
    render(<Popup send={send} />);
    fireEvent.input(await screen.findByLabelText('Server'), {
      target: { value: 'http://rollcall.example.com' },
    });
    await signIn();
    expect((await screen.findByRole('alert')).textContent).toContain('Use https://');
    expect(server.state.refreshes).toBe(0);
  });

  it('asks for the code after the password, and a recovery code instead when asked', async () => {
    const { send, server } = setup();
    server.state.secondFactor = true;
    render(<Popup send={send} />);
    await signIn();
    fireEvent.input(await screen.findByLabelText('Six-digit code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong or was already used.');
    expect(screen.getByRole('button', { name: 'Use a recovery code instead' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('navigation', { name: 'Sections' })).toBeTruthy();
  });

  it('lets a signed-in member set up two-step sign-in, and then no longer offers it', async () => {
    const { send, server } = setup();
    render(<Popup send={send} />);
    await signIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Set up two-step sign-in' }));
    expect(await screen.findByRole('img', { name: 'QR code for your authenticator app' })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-step sign-in' }));
    expect((await screen.findByRole('list', { name: 'Recovery codes' })).querySelectorAll('li')).toHaveLength(
      10,
    );
    fireEvent.click(screen.getByRole('button', { name: 'I have saved them — continue' }));
    expect(await screen.findByRole('navigation', { name: 'Sections' })).toBeTruthy();
    expect(server.state.secondFactor).toBe(true);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Set up two-step sign-in' })).toBeNull());
  });

  it('signs up a new firm', async () => {
    const { send } = setup();
    render(<Popup send={send} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create a firm' }));
    fireEvent.input(screen.getByLabelText('Firm name'), { target: { value: 'Harbour & Vale' } });
    fireEvent.input(screen.getByLabelText('Your name'), { target: { value: 'Ann Owner' } });
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'ann@firm.test' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByRole('button', { name: 'Create firm and sign in' }));
    expect(await screen.findByText('Harbour & Vale')).toBeTruthy();
    expect((await screen.findByTestId('health-score')).textContent).toBe('Not checked yet');
    expect(
      screen.getByText(
        'Add your staff and the systems they sign in to, and Rollcall scores how clean their access is.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add a system' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add a person' }));
    expect(await screen.findByRole('button', { name: 'Add person' })).toBeTruthy();
  });
});

describe('the popup, signed in', () => {
  it('adds a person, marks them as a leaver, and says when changes wait offline', async () => {
    const { send, server } = setup();
    render(<Popup send={send} />);
    await signIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Staff' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Add person' }));
    fireEvent.input(await screen.findByLabelText('Name'), { target: { value: 'Rose Baker' } });
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'rose@firm.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    // The new person opens, and reaches the server.
    expect(await screen.findByRole('heading', { name: 'Rose Baker' })).toBeTruthy();
    await waitFor(() =>
      expect([...server.rows.values()].map((c) => c.row)).toContainEqual(
        expect.objectContaining({ name: 'Rose Baker' }),
      ),
    );

    server.state.down = true;
    fireEvent.click(screen.getByRole('button', { name: 'Mark as leaver…' }));
    fireEvent.input(screen.getByLabelText('Last day'), { target: { value: '2026-11-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark as leaver' }));
    expect(await screen.findByText(`Leaver, left ${formatDate('2026-11-20')}`)).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByTestId('sync-status').textContent).toBe('Offline — 1 change waiting'),
    );
  });

  it('finds a person by the login they own, and links an account to them', async () => {
    const { send, server } = setup();
    server.write({ entity: 'person', row: personRow('p1', 'Rose Baker') });
    server.write({
      entity: 'system',
      row: {
        id: 's1',
        name: 'CaseLedger',
        adminUrlPatterns: [],
        signInUrlPatterns: [],
        permissions: [],
        version: 0,
        deleted: false,
      },
    });
    server.write({
      entity: 'account',
      row: {
        id: 'a1',
        systemId: 's1',
        username: 'rbaker',
        displayName: null,
        email: null,
        status: 'active',
        permissions: [],
        ownerPersonId: null,
        userPersonIds: [],
        lastSignInAt: null,
        systemCreatedAt: null,
        firstSeenAt: null,
        lastSeenAt: null,
        version: 0,
        deleted: false,
      },
    });
    render(<Popup send={send} />);
    await signIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Staff' }));
    fireEvent.click(await screen.findByRole('button', { name: /Rose Baker/ }));
    expect(await screen.findByText('No accounts linked.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Link an account…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Link rbaker to Rose Baker' }));
    await waitFor(() =>
      expect(screen.getByText('rbaker').closest('li')?.textContent).toContain('in CaseLedger'),
    );
    await waitFor(() => expect(server.account('a1')?.ownerPersonId).toBe('p1'));

    fireEvent.click(screen.getByRole('button', { name: '← All staff' }));
    fireEvent.input(screen.getByLabelText('Search staff'), { target: { value: 'rbak' } });
    expect(screen.getByRole('button', { name: /Rose Baker/ })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Search staff'), { target: { value: 'zzz' } });
    expect(screen.getByText('Nobody matches “zzz”.')).toBeTruthy();
  });

  it('shows findings with their tips and counts, and dismisses one with a reason', async () => {
    const { send, service, server } = setup();
    render(<Popup send={send} />);
    await signIn();
    await screen.findByTestId('health-score');
    await service.queueChange({ op: 'upsert', entity: 'person', rowId: 'p1', data: { name: 'Rose Baker' } });
    await service.queueChange({ op: 'upsert', entity: 'system', rowId: 's1', data: { name: 'CaseLedger' } });
    await service.queueChange({
      op: 'upsert',
      entity: 'account',
      rowId: 'a1',
      data: { systemId: 's1', username: 'frontdesk2' },
    });
    const counts = await screen.findByRole('list', { name: 'Open findings by severity' });
    await waitFor(() =>
      expect(
        within(counts)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['0 Critical', '1 High', '1 Medium', '0 Low']),
    );
    // One person; a role-named login (high) that nobody owns (medium): 100 × 1 ÷ (1 + 2 + 1).
    expect(screen.getByTestId('health-score').textContent).toBe('25/100');
    expect(screen.getByTestId('score-next').textContent).toBe(
      'Fix the first finding below to raise it to 50.',
    );
    fireEvent.click(screen.getByText('How is this worked out?'));
    expect(screen.getByText(/Rollcall checked 1 person and 1 login in 1 system/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /named after a role/ }));
    expect(await screen.findByRole('heading', { name: 'Findings' })).toBeTruthy();
    const generic = screen.getByText(/named after a role/).closest('li') as HTMLElement;
    expect(within(generic).getByText(/Why it matters:/)).toBeTruthy();
    fireEvent.click(within(generic).getByRole('button', { name: 'Dismiss…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say why this risk is accepted.');
    fireEvent.input(screen.getByLabelText('Reason for accepting the risk'), {
      target: { value: 'Front desk kiosk, replaced in March' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText(/named after a role/)).toBeNull());
    expect(screen.getByRole('button', { name: 'Findings (1)' })).toBeTruthy();
    // A dismissed finding no longer counts against the score.
    fireEvent.click(screen.getByRole('button', { name: 'Home' }));
    expect((await screen.findByTestId('health-score')).textContent).toBe('50/100');
    // The dismissal reaches the server's findings API, so it holds for the whole firm.
    await waitFor(() =>
      expect(server.state.dismissals).toEqual([
        expect.objectContaining({
          findingId: expect.stringMatching(/^generic-username:account:a1/),
          reason: 'Front desk kiosk, replaced in March',
        }),
      ]),
    );
  });

  it('takes a dismissal back with Undo: the finding, its count and the badge return, and the server lets it go', async () => {
    const badges: string[] = [];
    const { send, service, server } = startBackground({
      setBadge: async (text) => {
        badges.push(text);
      },
    });
    render(<Popup send={send} />);
    await signIn();
    await screen.findByTestId('health-score');
    await service.queueChange({ op: 'upsert', entity: 'system', rowId: 's1', data: { name: 'CaseLedger' } });
    await service.queueChange({
      op: 'upsert',
      entity: 'account',
      rowId: 'a1',
      data: { systemId: 's1', username: 'frontdesk2' },
    });
    // The role-named login is high: it counts on the badge.
    await waitFor(() => expect(badges.at(-1)).toBe('1'));
    fireEvent.click(await screen.findByRole('button', { name: /named after a role/ }));
    const generic = (await screen.findByText(/named after a role/)).closest('li') as HTMLElement;
    fireEvent.click(within(generic).getByRole('button', { name: 'Dismiss…' }));
    fireEvent.input(screen.getByLabelText('Reason for accepting the risk'), {
      target: { value: 'Front desk kiosk, replaced in March' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByText(/named after a role, not a person/)).toBeNull());
    expect(screen.getByRole('button', { name: 'Findings (2)' })).toBeTruthy();
    await waitFor(() => expect(badges.at(-1)).toBe(''));
    await waitFor(() => expect(server.state.dismissals).toHaveLength(1));

    expect(screen.getByText(/^Dismissed “.*named after a role.*”\.$/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText(/named after a role, not a person/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Findings (3)' })).toBeTruthy();
    await waitFor(() => expect(badges.at(-1)).toBe('1'));
    await waitFor(() => expect(server.state.dismissals).toEqual([]));
  });

  it('shows a conflict from another client and lets the admin keep their own change', async () => {
    const { send, server } = setup();
    server.write({ entity: 'person', row: personRow('p1', 'Rose Baker') });
    render(<Popup send={send} />);
    await signIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Staff' }));
    fireEvent.click(await screen.findByRole('button', { name: /Rose Baker/ }));
    server.state.down = true;
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Rose Hill' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'Rose Hill' });
    server.write({ entity: 'person', row: personRow('p1', 'Rose Baker-Hill') });
    server.state.down = false;
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() =>
      expect(screen.getByTestId('sync-status').textContent).toBe(
        '1 change in conflict: choose which to keep',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Not synced (1)' }));
    const conflict = await screen.findByRole('article', { name: 'Conflict on Rose Baker-Hill' });
    // Only the field that differs is shown, named as the admin knows it.
    expect(
      within(conflict)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['FieldYoursServer’s', 'NameRose HillRose Baker-Hill']);
    fireEvent.click(within(conflict).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(server.person('p1')?.name).toBe('Rose Hill'));
  });

  it('asks to sign in again when the session ends, and keeps the changes that wait', async () => {
    const { send, server } = setup();
    render(<Popup send={send} />);
    await signIn();
    await screen.findByTestId('health-score');
    server.state.down = true;
    await send('queueChange', { op: 'upsert', entity: 'person', rowId: 'p7', data: { name: 'Amy Fox' } });
    server.state.down = false;
    server.expireAccess();
    server.state.refreshRejected = true;
    await send('syncNow');
    expect(
      await screen.findByText('Your session ended. Sign in again — 1 change waiting will be sent then.'),
    ).toBeTruthy();
  });
});

describe('Check this page', () => {
  it('runs the warnings on the current tab and says so, or why not', async () => {
    const { send } = setup();
    let answer: Result = done();
    const popup = within(
      render(<Popup send={send} checkPage={async () => answer} />).container as HTMLElement,
    );
    fireEvent.click(popup.getByRole('button', { name: 'Check this page' }));
    expect((await popup.findByText(/checking the user lists/)).textContent).toBe(
      'Rollcall is checking the user lists on this page.',
    );
    answer = refused('blocked', 'the browser keeps extensions out of this page');
    fireEvent.click(popup.getByRole('button', { name: 'Check this page' }));
    expect((await popup.findByRole('alert')).textContent).toBe(
      'Rollcall can’t check this page: the browser keeps extensions out of this page. Open the user list of one of your firm’s apps and try again.',
    );
  });
});
