import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '../../../extension/entrypoints/popup/popup';
import { homeSummaryItem } from '../../../extension/lib/storage';
import { formatDate } from '../../../extension/lib/ui/format-date';
import { startBackground } from './background-harness';
import { reviewFake } from './review-fake';
import { fakeServer } from './sync/fake-server';

/** The popup wired to a real background, which talks to a fake server. */
function setup() {
  const fake = reviewFake();
  const badges: string[] = [];
  const { server, background, service, send } = startBackground({
    server: fakeServer({ routes: fake.routes }),
    setBadge: async (text) => {
      badges.push(text);
    },
  });
  return { fake, server, background, service, send, badges };
}

async function signIn() {
  fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'ann@firm.test' } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

async function openReview() {
  fireEvent.click(await screen.findByRole('button', { name: 'Review' }));
  fireEvent.click(await screen.findByRole('button', { name: /Q4 access review/ }));
  const card = await screen.findByTestId('review-card');
  await waitFor(() => expect(document.activeElement).toBe(card));
  return card;
}

const key = (name: string) => fireEvent.keyDown(document.activeElement ?? document.body, { key: name });
const shown = () => within(screen.getByTestId('review-card')).getByRole('heading', { level: 3 }).textContent;

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('the Review tab', () => {
  it('lists the open campaign with its progress, and says so when none is open', async () => {
    const { send } = setup();
    render(<Popup send={send} />);
    await signIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Review' }));
    const open = await screen.findByRole('button', { name: /Q4 access review/ });
    expect(open.textContent).toContain('0 of 4 decided');
    expect(open.textContent).toContain(`due ${formatDate(Date.UTC(2026, 11, 1))}`);
  });

  it('walks the accounts with the keyboard: K keeps, R revokes with a comment, N and P move, C changes', async () => {
    const { send, fake } = setup();
    render(<Popup send={send} />);
    await signIn();
    await openReview();
    const card = screen.getByTestId('review-card');
    expect(shown()).toBe('alice in Ledger');
    expect(card.textContent).toContain('Alice Wong');
    expect(card.textContent).toContain('Bookkeeper');
    expect(card.textContent).toContain('read, approve');
    expect(card.textContent).toContain(formatDate(Date.UTC(2026, 10, 2)));

    // K: kept without a comment, and on to the next account.
    key('k');
    await waitFor(() => expect(shown()).toBe('bob in Ledger'));
    expect(fake.items[0]?.decision).toBe('keep');
    expect(screen.getByTestId('review-card').textContent).toContain('Nobody owns bob');
    expect(screen.getByTestId('review-progress').textContent).toBe('1 of 4 decided');

    // P goes back and shows the decision; → comes forward again.
    key('p');
    await waitFor(() => expect(shown()).toBe('alice in Ledger'));
    expect(screen.getByTestId('review-decision').textContent).toBe('Keep by Ann Owner');
    key('ArrowRight');
    await waitFor(() => expect(shown()).toBe('bob in Ledger'));

    // R asks why, in a field that takes focus; an empty reason is refused here, before sending.
    key('r');
    const why = await screen.findByLabelText('Why revoke?');
    await waitFor(() => expect(document.activeElement).toBe(why));
    fireEvent.keyDown(why, { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toContain('Say why');
    expect(fake.items[1]?.decision).toBeNull();
    // Typing a letter in the comment is typing, not a shortcut.
    fireEvent.keyDown(why, { key: 'k' });
    fireEvent.input(why, { target: { value: 'Left the ledger team' } });
    fireEvent.keyDown(why, { key: 'Enter' });
    await waitFor(() => expect(shown()).toBe('ann in Payroll'));
    expect(fake.items[1]).toMatchObject({ decision: 'revoke', comment: 'Left the ledger team' });

    // N skips ann; C then confirms the permissions kept with a comment.
    key('n');
    await waitFor(() => expect(shown()).toBe('carol in Payroll'));
    // C picks the permissions to keep, starting from the first one.
    key('c');
    const read = await screen.findByRole('checkbox', { name: 'read' });
    await waitFor(() => expect(document.activeElement).toBe(read));
    fireEvent.click(screen.getByRole('checkbox', { name: 'export' }));
    const whyChange = screen.getByLabelText('Why change?');
    fireEvent.input(whyChange, { target: { value: 'No exports for front office' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm change (Enter)' }));
    await waitFor(() => expect(fake.items[3]?.decision).toBe('change'));
    expect(fake.items[3]?.newPermissions).toEqual(['read', 'approve']);
    // The one left undecided is ann's, so the walk goes back to it.
    await waitFor(() => expect(shown()).toBe('ann in Payroll'));
    expect(screen.getByTestId('review-progress').textContent).toBe('3 of 4 decided');
  });

  it('shows the server’s refusal of a decision on your own account in plain words', async () => {
    const { send, fake } = setup();
    render(<Popup send={send} />);
    await signIn();
    await openReview();
    key('n');
    key('n');
    await waitFor(() => expect(shown()).toBe('ann in Payroll'));
    key('k');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Nobody reviews their own access: another reviewer must decide on this account.',
    );
    expect(fake.items[2]?.decision).toBeNull();
    expect(shown()).toBe('ann in Payroll');
  });

  it('says plainly that decisions need the network, and queues nothing', async () => {
    const { send, server, fake } = setup();
    render(<Popup send={send} />);
    await signIn();
    await openReview();
    server.state.down = true;
    fireEvent.click(screen.getByRole('button', { name: 'Keep (K)' }));
    expect((await screen.findByRole('alert')).textContent).toContain('You’re offline: nothing was saved.');
    server.state.down = false;
    expect(fake.items[0]?.decision).toBeNull();
    expect(shown()).toBe('alice in Ledger');
  });
});

describe('Home: checklists and notifications', () => {
  it('confirms a leaver’s to-do with a comment until it is done', async () => {
    const { send, fake } = setup();
    render(<Popup send={send} />);
    await signIn();
    expect((await screen.findByRole('heading', { name: /Sam Leaver/ })).textContent).toBe(
      'Sam Leaver (left 2026-11-20) — 2 open, 0 done',
    );
    expect(screen.getByText(/Change the password/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm done… sam in Ledger' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Say how it was done.');
    fireEvent.input(screen.getByLabelText('How was it done?'), {
      target: { value: 'Removed in Ledger admin' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText(/done \(“Removed in Ledger admin”\)/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Sam Leaver/ }).textContent).toContain('1 open, 1 done');
    expect(fake.todos[0]).toMatchObject({ status: 'done', closedComment: 'Removed in Ledger admin' });
  });

  it('shows the unread count, marks notifications read, and the badge follows', async () => {
    const { send, fake, badges } = setup();
    render(<Popup send={send} />);
    await signIn();
    expect((await screen.findByTestId('unread-count')).textContent).toBe('(2 unread)');
    await waitFor(() => expect(badges.at(-1)).toBe('2'));
    fireEvent.click(screen.getByRole('button', { name: 'Mark read: Shared login in Ledger' }));
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('(1 unread)'));
    expect(fake.notifications[0]?.readAt).not.toBeNull();
    expect(screen.queryByText('Shared login in Ledger')).toBeNull();
    await waitFor(() => expect(badges.at(-1)).toBe('1'));
    fireEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(screen.getByTestId('unread-count').textContent).toBe('(0 unread)'));
    expect(screen.getByText('Nothing new.')).toBeTruthy();
    await waitFor(() => expect(badges.at(-1)).toBe(''));
  });
});

describe('the toolbar badge', () => {
  it('adds unread notifications to the critical and high findings', async () => {
    const { background, service, badges } = setup();
    await service.signIn({ email: 'ann@firm.test', password: 'correct horse battery' });
    const stored = await homeSummaryItem.getValue();
    await homeSummaryItem.setValue({
      ...stored,
      computedAt: 1,
      summary: { ...stored.summary, counts: { critical: 1, high: 2, medium: 5, low: 0 }, total: 8 },
    });
    await background.restoreBadge();
    expect(badges.at(-1)).toBe('3');
    await service.listNotifications();
    expect(badges.at(-1)).toBe('5');
    await service.markNotificationsRead({});
    expect(badges.at(-1)).toBe('3');
  });

  it('stops counting the firm’s notifications once nobody is signed in', async () => {
    const { service, badges } = setup();
    await service.signIn({ email: 'ann@firm.test', password: 'correct horse battery' });
    await service.listNotifications();
    expect(badges.at(-1)).toBe('2');
    await service.signOut();
    expect(badges.at(-1)).toBe('');
  });
});
