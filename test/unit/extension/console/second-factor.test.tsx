import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { done, refused } from '../../../../extension/lib/result';
import type { Member } from '../../../../shared/schemas/members';
import { OWNER, renderConsole } from './console-harness';

afterEach(() => cleanup());

const ENROLMENT = {
  otpauthUri: 'otpauth://totp/Rollcall:ann%40firm.test?secret=JBSWY3DPEHPK3PXP&issuer=Rollcall',
  manualKey: 'JBSWY3DPEHPK3PXP',
};

const member = (id: string, name: string, secondFactor: boolean, role: Member['role'] = 'admin'): Member => ({
  id,
  email: `${id}@firm.test`,
  name,
  role,
  createdAt: Date.UTC(2026, 0, 5),
  secondFactor,
});

describe('My account: the second factor', () => {
  it('says it is off, sets it up with the QR code and first code, then shows the recovery codes and says it is on', async () => {
    let on = false;
    await renderConsole('#/account', {
      'me.get': () =>
        done({ member: member('m-ann', 'Ann Owner', on, 'owner'), organisation: {}, sessionId: 's' }),
      startSecondFactor: () => done(ENROLMENT),
      confirmSecondFactor: ({ code }: { code: string }) => {
        if (code !== '123456') return refused('wrong-credentials', 'That code is wrong.');
        on = true;
        return done({ recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'] });
      },
    });
    expect((await screen.findByTestId('second-factor-status')).textContent).toMatch(/^Off\./);
    fireEvent.click(screen.getByRole('button', { name: 'Set up two-step sign-in' }));
    await screen.findByRole('img', { name: 'QR code for your authenticator app' });
    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-step sign-in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong.');
    fireEvent.input(screen.getByLabelText('Six-digit code'), { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-step sign-in' }));
    const codes = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(
      within(codes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['aaaa-bbbb', 'cccc-dddd']);
    fireEvent.click(screen.getByRole('button', { name: /I have saved them/ }));
    await waitFor(() => expect(screen.getByTestId('second-factor-status').textContent).toMatch(/^On\./));
    expect(screen.queryByRole('button', { name: 'Set up two-step sign-in' })).toBeNull();
  });
});

describe('My account: a second factor that is on', () => {
  const me =
    (on: () => boolean, required = false) =>
    () =>
      done({
        member: member('m-ann', 'Ann Owner', on(), 'owner'),
        organisation: { settings: { secondFactorRequired: required } },
        sessionId: 's',
      });

  it('makes new recovery codes, then turns it off, each with the app’s current code', async () => {
    let on = true;
    const { sent } = await renderConsole('#/account', {
      'me.get': me(() => on),
      'me.newRecoveryCodes': ({ body }: { body: { code: string } }) =>
        body.code === '111111'
          ? done({ recoveryCodes: ['new1-code', 'new2-code'] })
          : refused('forbidden', 'That code is wrong or was already used.'),
      'me.disableSecondFactor': () => {
        on = false;
        return done();
      },
    });
    expect((await screen.findByTestId('second-factor-status')).textContent).toMatch(/^On\./);
    fireEvent.click(screen.getByRole('button', { name: 'New recovery codes…' }));
    const field = screen.getByLabelText('Six-digit code from your app');
    fireEvent.input(field, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the six digits your authenticator app shows.');
    fireEvent.input(field, { target: { value: '222 222' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That code is wrong or was already used.');
    fireEvent.input(field, { target: { value: '111111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make new recovery codes' }));
    const codes = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(
      within(codes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['new1-code', 'new2-code']);
    fireEvent.click(screen.getByRole('button', { name: /I have saved them/ }));

    fireEvent.click(await screen.findByRole('button', { name: 'Turn off…' }));
    fireEvent.input(screen.getByLabelText('Six-digit code from your app'), { target: { value: '333333' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn off two-step sign-in' }));
    await waitFor(() => expect(screen.getByTestId('second-factor-status').textContent).toMatch(/^Off\./));
    expect(sent.find((s) => s.name === 'me.disableSecondFactor')?.data).toEqual({ body: { code: '333333' } });
  });

  it('offers no "Turn off" where the firm requires it of owners', async () => {
    await renderConsole('#/account', { 'me.get': me(() => true, true) });
    await screen.findByRole('button', { name: 'New recovery codes…' });
    expect(screen.queryByRole('button', { name: 'Turn off…' })).toBeNull();
    expect(screen.getByText(/Your firm requires it of owners and admins/)).toBeTruthy();
  });
});

describe('Members: second-factor status', () => {
  const answers = (list: Member[]) => ({
    'members.list': () => done({ members: list }),
    'members.listInvites': () => done({ invites: [] }),
    'sessions.list': () => done({ sessions: [] }),
  });

  it('shows each member’s second factor, and an owner resets another’s after confirming', async () => {
    let bob = member('m-bob', 'Bob Admin', true);
    const { sent } = await renderConsole('#/members', {
      ...answers([]),
      'members.list': () => done({ members: [member('m-ann', 'Ann Owner', true, 'owner'), bob] }),
      'members.resetSecondFactor': () => {
        bob = { ...bob, secondFactor: false };
        return done();
      },
    });
    const table = await screen.findByRole('table', { name: 'Members' });
    const bobRow = within(table).getByRole('row', { name: /Bob Admin/ });
    const annRow = within(table).getByRole('row', { name: /Ann Owner/ });
    expect(within(bobRow).getAllByRole('cell')[1]?.textContent).toMatch(/^On/);
    // An owner's own second factor is reset by another owner, never from their own session.
    expect(within(annRow).queryByRole('button', { name: 'Reset…' })).toBeNull();
    fireEvent.click(within(bobRow).getByRole('button', { name: 'Reset…' }));
    fireEvent.click(within(bobRow).getByRole('button', { name: 'Reset second factor' }));
    expect((await screen.findByText(/second factor is reset/)).textContent).toContain('Bob Admin');
    expect(sent.find((s) => s.name === 'members.resetSecondFactor')?.data).toEqual({
      params: { id: 'm-bob' },
    });
    await waitFor(() =>
      expect(
        within(within(table).getByRole('row', { name: /Bob Admin/ })).getAllByRole('cell')[1]?.textContent,
      ).toBe('Off'),
    );
  });

  it('offers an admin no reset: only owners may', async () => {
    await renderConsole('#/members', answers([member('m-bob', 'Bob Admin', true)]), {
      ...OWNER,
      member: { ...OWNER.member, role: 'admin' },
    });
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getByRole('row', { name: /Bob Admin/ }).textContent).toContain('On');
    expect(within(table).queryByRole('button', { name: 'Reset…' })).toBeNull();
  });
});
