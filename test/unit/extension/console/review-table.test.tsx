import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNDO_SECONDS } from '../../../../extension/lib/console/review-table';
import { done } from '../../../../extension/lib/result';
import type { Campaign, DecideItem, ReviewItem } from '../../../../shared/schemas/reviews';
import { renderConsole } from './console-harness';

beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const campaign: Campaign = {
  id: 'c1',
  name: 'PayDesk review',
  systemIds: [],
  reviewerIds: ['m-ann'],
  dueAt: Date.UTC(2026, 11, 20),
  defaultDecision: 'revoke',
  status: 'open',
  createdBy: 'm-ann',
  createdAt: Date.UTC(2026, 11, 1),
  closedAt: null,
  closedBy: null,
  progress: { total: 3, decided: 0, remaining: 3, byReviewer: [] },
};

const item = (id: string, username: string, permissions: string[]): ReviewItem => ({
  id,
  campaignId: 'c1',
  accountId: `a-${id}`,
  systemId: 'pay',
  systemName: 'PayDesk',
  username,
  displayName: null,
  accountStatus: 'active',
  owner: null,
  jobRole: null,
  permissions,
  lastSignInAt: null,
  findings: [],
  decision: null,
  newPermissions: null,
  comment: null,
  decidedBy: null,
  decidedByName: null,
  decidedAt: null,
  defaulted: false,
});

async function openCampaign() {
  const decided: { itemId: string; decision: DecideItem }[] = [];
  const items = [
    item('i1', 'amy', ['payments.add']),
    item('i2', 'ben', ['payments.add', 'refunds.process']),
    item('i3', 'cat', ['payments.add']),
  ];
  await renderConsole('#/reviews/c1', {
    'reviews.list': () => done({ campaigns: [campaign] }),
    listReviewItems: () => done(items),
    decideReviewItem: ({ itemId, decision }: { itemId: string; decision: DecideItem }) => {
      decided.push({ itemId, decision });
      const before = items.find((i) => i.id === itemId) as ReviewItem;
      return done({
        ...before,
        decision: decision.decision,
        comment: decision.comment || null,
        newPermissions: decision.decision === 'change' ? decision.permissions : null,
      });
    },
  });
  const table = await screen.findByRole('table', { name: 'Accounts under review' });
  const row = (login: string) => within(table).getByRole('row', { name: new RegExp(`^${login} in PayDesk`) });
  const decisionOf = (login: string) => within(row(login)).getByTestId('decision').textContent;
  return { decided, table, row, decisionOf };
}

const press = (key: string) => fireEvent.keyDown(document.activeElement ?? document.body, { key });

describe('Access reviews: the decide table', () => {
  it('keeps with k, moves with the arrows, removes with r and a reason, all from the keyboard', async () => {
    const { decided, row, decisionOf } = await openCampaign();
    row('amy').focus();
    press('k');
    expect(decisionOf('amy')).toBe('Keep');
    await waitFor(() => expect(document.activeElement).toBe(row('ben')));
    press('ArrowDown');
    await waitFor(() => expect(document.activeElement).toBe(row('cat')));
    press('r');
    const why = await screen.findByLabelText('Why remove cat?');
    await waitFor(() => expect(document.activeElement).toBe(why));
    fireEvent.keyDown(why, { key: 'Enter' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Say why: removing or modifying access needs a comment.',
    );
    fireEvent.input(why, { target: { value: 'Left in October' } });
    fireEvent.keyDown(why, { key: 'Enter' });
    await waitFor(() => expect(decisionOf('cat')).toBe('Remove — “Left in October”'));
    // The keep went to the server when the next decision was made; the removal after its Undo window.
    expect(decided.map((d) => d.itemId)).toEqual(['i1']);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_SECONDS * 1000);
    });
    expect(decided).toEqual([
      { itemId: 'i1', decision: { decision: 'keep', comment: '' } },
      { itemId: 'i3', decision: { decision: 'revoke', comment: 'Left in October' } },
    ]);
  });

  it('modifies permissions with m, choosing which stay', async () => {
    const { decided, row, decisionOf } = await openCampaign();
    await act(() => row('ben').focus());
    press('m');
    fireEvent.click(await screen.findByRole('checkbox', { name: 'refunds.process' }));
    fireEvent.input(screen.getByLabelText('Why modify ben?'), {
      target: { value: 'No refunds at the desk' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Modify (Enter)' }));
    expect(decisionOf('ben')).toBe('Modify to payments.add — “No refunds at the desk”');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_SECONDS * 1000);
    });
    expect(decided).toEqual([
      {
        itemId: 'i2',
        decision: { decision: 'change', permissions: ['payments.add'], comment: 'No refunds at the desk' },
      },
    ]);
  });

  it('undoes the last decision with u (or the Undo button) before anything reaches the server', async () => {
    const { decided, row, decisionOf } = await openCampaign();
    row('amy').focus();
    press('k');
    expect(decisionOf('amy')).toBe('Keep');
    press('u');
    expect(decisionOf('amy')).toBe('Undecided');
    await waitFor(() => expect(document.activeElement).toBe(row('amy')));
    press('k');
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(decisionOf('amy')).toBe('Undecided');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_SECONDS * 1000 * 2);
    });
    expect(decided).toEqual([]);
  });

  it('decides with the buttons too', async () => {
    const { decided, row } = await openCampaign();
    fireEvent.click(within(row('cat')).getByRole('button', { name: 'Keep' }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNDO_SECONDS * 1000);
    });
    expect(decided).toEqual([{ itemId: 'i3', decision: { decision: 'keep', comment: '' } }]);
  });
});
