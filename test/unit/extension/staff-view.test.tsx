import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '../../../extension/entrypoints/popup/popup';
import { formatDate } from '../../../extension/lib/ui/format-date';
import { popupHarness, signIn } from './popup-harness';
import { accountRow, personRow } from './sync/fake-server';

const LAST_SIGN_IN = Date.UTC(2026, 9, 14, 12, 0);

/**
 * A small firm: Rose (a bookkeeper) owns a CaseLedger login and shares PayDesk's front-desk login,
 * which Tom owns; Tom has his own CaseLedger login; Amy has none; one PayDesk login is nobody's.
 * Ids start with `id-` so a test can tell that none is ever shown.
 */
function seededFirm() {
  const harness = popupHarness();
  const { server } = harness;
  server.write({
    entity: 'jobRole',
    row: { id: 'id-role-books', name: 'Bookkeeper', permissions: {}, version: 0, deleted: false },
  });
  server.write({
    entity: 'system',
    row: {
      id: 'id-sys-ledger',
      name: 'CaseLedger',
      adminUrlPatterns: [],
      signInUrlPatterns: [],
      permissions: [
        { name: 'cases.view', label: 'View cases' },
        { name: 'refunds.process', label: 'Process refunds', privileged: true },
      ],
      version: 0,
      deleted: false,
    },
  });
  server.write({
    entity: 'system',
    row: {
      id: 'id-sys-paydesk',
      name: 'PayDesk',
      adminUrlPatterns: [],
      signInUrlPatterns: [],
      permissions: [],
      version: 0,
      deleted: false,
    },
  });
  server.write({
    entity: 'person',
    row: personRow('id-rose', 'Rose Baker', { jobRoleId: 'id-role-books', startDate: '2024-03-04' }),
  });
  server.write({ entity: 'person', row: personRow('id-tom', 'Tom Hill', { email: 'tom@firm.test' }) });
  server.write({ entity: 'person', row: personRow('id-amy', 'Amy Fox') });
  server.write({
    entity: 'account',
    row: accountRow('id-acc-rbaker', 'id-sys-ledger', 'rbaker', {
      ownerPersonId: 'id-rose',
      permissions: ['cases.view', 'refunds.process'],
      lastSignInAt: LAST_SIGN_IN,
    }),
  });
  server.write({
    entity: 'account',
    row: accountRow('id-acc-frontdesk', 'id-sys-paydesk', 'frontdesk', {
      ownerPersonId: 'id-tom',
      userPersonIds: ['id-rose'],
    }),
  });
  server.write({
    entity: 'account',
    row: accountRow('id-acc-tomh', 'id-sys-ledger', 'tomh', { ownerPersonId: 'id-tom' }),
  });
  server.write({ entity: 'account', row: accountRow('id-acc-spare', 'id-sys-paydesk', 'spare') });
  return harness;
}

async function openStaff(send: ReturnType<typeof popupHarness>['send']) {
  render(<Popup send={send} />);
  await signIn();
  fireEvent.click(await screen.findByRole('button', { name: 'Staff' }));
  await screen.findByRole('list', { name: 'Staff' });
}

async function openPerson(name: string) {
  fireEvent.click(await screen.findByRole('button', { name: new RegExp(name) }));
  return screen.findByRole('heading', { name });
}

const staffNames = () =>
  within(screen.getByRole('list', { name: 'Staff' }))
    .getAllByRole('button')
    .map((b) => b.querySelector('.person-name')?.textContent);

const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('the staff view', () => {
  it('goes back to the list when the Staff tab is pressed from a person or the add form', async () => {
    const { send } = seededFirm();
    await openStaff(send);
    await openPerson('Rose Baker');
    fireEvent.click(screen.getByRole('button', { name: 'Staff' }));
    expect(await screen.findByRole('heading', { name: 'Staff' })).toBeTruthy();
    expect(staffNames()).toEqual(['Amy Fox', 'Rose Baker', 'Tom Hill']);

    fireEvent.click(screen.getByRole('button', { name: 'Add person' }));
    expect(screen.getByRole('heading', { name: 'Add a person' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Staff' }));
    expect(await screen.findByRole('heading', { name: 'Staff' })).toBeTruthy();
  });

  it('finds people by job role as well as by name, email and the logins they own or use', async () => {
    const { send } = seededFirm();
    await openStaff(send);
    const search = (text: string) =>
      fireEvent.input(screen.getByLabelText('Search staff'), { target: { value: text } });
    search('bookkeep');
    expect(staffNames()).toEqual(['Rose Baker']);
    search('tom@firm');
    expect(staffNames()).toEqual(['Tom Hill']);
    search('frontdesk');
    expect(staffNames()).toEqual(['Rose Baker', 'Tom Hill']);
    search('fox');
    expect(staffNames()).toEqual(['Amy Fox']);
  });

  it('shows a person’s own and shared logins with their system, permissions and last sign-in, and no ids', async () => {
    const { send } = seededFirm();
    await openStaff(send);
    await openPerson('Rose Baker');
    const logins = within(screen.getByRole('list', { name: 'Rose Baker’s accounts' }))
      .getAllByRole('listitem')
      .map((li) => [...li.children].map((line) => line.textContent));
    expect(logins).toEqual([
      [
        'rbaker in CaseLedger · ActiveUnlink',
        'Permissions: View cases, Process refunds',
        `Last sign-in: ${formatDate(LAST_SIGN_IN)}`,
      ],
      [
        'frontdesk in PayDesk · ActiveUnlink',
        'Shared login, owned by Tom Hill',
        'Permissions: none recorded',
        'Last sign-in: none recorded',
      ],
    ]);
    const view = screen.getByRole('heading', { name: 'Rose Baker' }).closest('section') as HTMLElement;
    expect(within(view).getByText(formatDate('2024-03-04'))).toBeTruthy();
    expect(view.textContent).not.toContain('2024-03-04');
    expect(view.textContent).not.toContain('id-');
  });

  it('lists every login to disable, by system, before the admin marks a leaver', async () => {
    const { send, server } = seededFirm();
    await openStaff(send);
    await openPerson('Rose Baker');
    fireEvent.click(screen.getByRole('button', { name: 'Mark as leaver…' }));
    const toDisable = screen.getByRole('list', { name: 'Logins to disable after the last day' });
    expect(
      within(toDisable)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['CaseLedger: rbaker', 'PayDesk: frontdesk (shared: change its password too)']);

    fireEvent.input(screen.getByLabelText('Last day'), { target: { value: '2026-11-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark as leaver' }));
    expect(await screen.findByText(`Leaver, left ${formatDate('2026-11-20')}`)).toBeTruthy();
    await waitFor(() =>
      expect(server.person('id-rose')).toMatchObject({ status: 'leaver', endDate: '2026-11-20' }),
    );
  });

  it('says when a leaver has no logins to disable yet', async () => {
    const { send } = seededFirm();
    await openStaff(send);
    await openPerson('Amy Fox');
    fireEvent.click(screen.getByRole('button', { name: 'Mark as leaver…' }));
    expect(screen.getByText(/Amy Fox has no logins in Rollcall yet/)).toBeTruthy();
  });

  it('asks before taking a login from its owner, and links a login nobody owns at once', async () => {
    const { send, server } = seededFirm();
    await openStaff(send);
    await openPerson('Amy Fox');
    fireEvent.click(screen.getByRole('button', { name: 'Link an account…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Link tomh to Amy Fox' }));
    const question = screen.getByRole('group', {
      name: 'tomh is Tom Hill’s login now. Link it to Amy Fox instead?',
    });
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Link it to Amy Fox instead/ })).toBeNull();
    expect(server.account('id-acc-tomh')?.ownerPersonId).toBe('id-tom');

    fireEvent.click(screen.getByRole('button', { name: 'Link tomh to Amy Fox' }));
    fireEvent.click(screen.getByRole('button', { name: 'Take it from Tom Hill' }));
    expect(
      (await screen.findByText('Linked tomh in CaseLedger to Amy Fox, in place of Tom Hill.')).textContent,
    ).toBeTruthy();
    await waitFor(() => expect(server.account('id-acc-tomh')?.ownerPersonId).toBe('id-amy'));

    fireEvent.click(screen.getByRole('button', { name: 'Link an account…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Link spare to Amy Fox' }));
    expect(await screen.findByText('Linked spare in PayDesk to Amy Fox.')).toBeTruthy();
    expect(
      within(screen.getByRole('list', { name: 'Amy Fox’s accounts' }))
        .getAllByRole('listitem')
        .map((li) => li.querySelector('strong')?.textContent),
    ).toEqual(['tomh', 'spare']);
  });

  it('unlinks a login, and Undo gives it back to its owner', async () => {
    const { send, server } = seededFirm();
    await openStaff(send);
    await openPerson('Rose Baker');
    fireEvent.click(screen.getByRole('button', { name: 'Unlink rbaker' }));
    expect(await screen.findByText('Unlinked rbaker in CaseLedger from Rose Baker.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unlink rbaker' })).toBeNull();
    await waitFor(() => expect(server.account('id-acc-rbaker')?.ownerPersonId).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('button', { name: 'Unlink rbaker' })).toBeTruthy();
    expect(screen.queryByText(/Unlinked rbaker/)).toBeNull();
    await waitFor(() => expect(server.account('id-acc-rbaker')?.ownerPersonId).toBe('id-rose'));
  });

  it('takes a person off a shared login, and Undo puts them back', async () => {
    const { send, server } = seededFirm();
    await openStaff(send);
    await openPerson('Rose Baker');
    fireEvent.click(screen.getByRole('button', { name: 'Unlink frontdesk' }));
    expect(await screen.findByText('Rose Baker no longer uses frontdesk in PayDesk.')).toBeTruthy();
    await waitFor(() => expect(server.account('id-acc-frontdesk')?.userPersonIds).toEqual([]));
    expect(server.account('id-acc-frontdesk')?.ownerPersonId).toBe('id-tom');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(server.account('id-acc-frontdesk')?.userPersonIds).toEqual(['id-rose']));
  });

  it('refuses a name the server would refuse, once, at the field, before anything is queued', async () => {
    const { send, sent, server } = seededFirm();
    await openStaff(send);
    fireEvent.click(screen.getByRole('button', { name: 'Add person' }));
    fireEvent.input(await screen.findByLabelText('Name'), { target: { value: 'R'.repeat(400) } });
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'rose@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(alerts()).toEqual(['Name: at most 200 characters.', 'Email: not an email address.']),
    );
    for (const alert of screen.getAllByRole('alert')) expect(alert.classList.contains('error')).toBe(true);
    expect(screen.getByRole('heading', { name: 'Add a person' })).toBeTruthy();
    expect(sent.some((message) => message.type === 'queueChange')).toBe(false);

    // Fixing a field clears what was said about it, and only that.
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Rowena Baker-Smythe' } });
    expect(alerts()).toEqual(['Email: not an email address.']);
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'rowena@firm.test' } });
    expect(alerts()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { name: 'Rowena Baker-Smythe' })).toBeTruthy();
    await waitFor(() =>
      expect([...server.rows.values()].map((c) => c.row)).toContainEqual(
        expect.objectContaining({ name: 'Rowena Baker-Smythe', email: 'rowena@firm.test' }),
      ),
    );
  });

  it('refuses a leaving reason longer than the server keeps, at its field', async () => {
    const { send, sent } = seededFirm();
    await openStaff(send);
    await openPerson('Tom Hill');
    fireEvent.click(screen.getByRole('button', { name: 'Mark as leaver…' }));
    fireEvent.input(screen.getByLabelText('Reason (optional)'), { target: { value: 'x'.repeat(600) } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark as leaver' }));
    await waitFor(() => expect(alerts()).toEqual(['Reason: at most 500 characters.']));
    expect(sent.some((message) => message.type === 'queueChange')).toBe(false);
    // Leaving the form leaves its message behind.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(alerts()).toEqual([]);
  });
});
