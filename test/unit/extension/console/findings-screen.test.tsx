import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { contract } from '../../../../extension/lib/console/contract';
import { FindingsScreen } from '../../../../extension/lib/console/findings';
import { computeFindings } from '../../../../extension/lib/findings';
import type { Send } from '../../../../extension/lib/messaging';
import { done } from '../../../../extension/lib/result';
import { dismissalsItem, type LocalDismissal } from '../../../../extension/lib/storage';
import type { OperationRef } from '../../../../shared/contract/refs';
import type { FixClaim } from '../../../../shared/schemas/findings-api';
import { travelAgency } from './firm';
import { renderScreen } from './screen-harness';

/** The console's Findings screen over a small firm, its background faked at the `send` boundary. */
const tables = travelAgency();
const { findings } = computeFindings(tables);
const [first, second] = findings;
if (!first || !second) throw new Error('the firm should have findings');

let claims: FixClaim[];
let sent: { name: string; data: unknown }[];

const send = (async (name: string, data?: unknown) => {
  sent.push({ name, data });
  if (name === 'undismissFinding') return done();
  const call = data as { group: string; name: string; request: { params?: { id: string } } };
  if (call.name === 'fixes') return done({ claims });
  if (call.name === 'claimFixed') {
    const finding = findings.find((f) => f.id === call.request.params?.id);
    const claim: FixClaim = {
      findingId: finding?.id ?? '',
      title: finding?.title ?? '',
      systemId: finding?.systemId ?? null,
      claimedAt: Date.now(),
      claimedBy: 'm1',
      claimedByName: 'Ann Owner',
      status: 'waiting',
      checkedAt: null,
      evidence: null,
    };
    claims = [claim, ...claims];
    return done(claim);
  }
  throw new Error(`unexpected ${name} ${JSON.stringify(data)}`);
}) as Send;

function show(can: (op: OperationRef) => boolean = () => true) {
  return renderScreen(<FindingsScreen />, { send, can, tables, findings });
}

/** One moment for every dismissal, so their order is the one each test sets, whatever the clock does. */
const now = Date.now();
const dismissal = (extra: Partial<LocalDismissal>): LocalDismissal => ({
  findingId: second.id,
  fingerprint: second.fingerprint,
  reason: 'Cat covers refunds while Dan is away',
  expiresAt: now + 30 * 86_400_000,
  dismissedAt: now - 86_400_000,
  dismissedBy: 'm2',
  dismissedByName: 'Rita Reviewer',
  title: second.title,
  sent: true,
  ...extra,
});

beforeEach(() => {
  fakeBrowser.reset();
  claims = [];
  sent = [];
});
afterEach(cleanup);

describe('the Dismissed tab', () => {
  it('lists the firm’s dismissals with who, when and why, and Undo takes one back', async () => {
    await dismissalsItem.setValue([
      dismissal({}),
      dismissal({
        findingId: 'x:account:gone',
        title: undefined,
        dismissedByName: undefined,
        sent: false,
        dismissedAt: now - 2 * 86_400_000,
      }),
      dismissal({ findingId: 'y:account:old', expiresAt: now - 1 }),
      dismissal({ findingId: 'z:account:back', takenBack: true }),
    ]);
    show();
    fireEvent.click(await screen.findByRole('tab', { name: 'Dismissed (2)' }));
    const list = screen.getByRole('list', { name: 'Dismissed findings' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain(second.title);
    expect(rows[0]?.textContent).toContain('Dismissed by Rita Reviewer');
    expect(rows[0]?.textContent).toContain('“Cat covers refunds while Dan is away”');
    expect(rows[1]?.textContent).toContain('waiting to reach the server');
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: /^Undo/ }));
    await waitFor(() => expect(sent).toContainEqual({ name: 'undismissFinding', data: second.id }));
    expect((await screen.findByRole('status')).textContent).toContain('The finding is open again.');
  });

  it('says when nothing is dismissed, and offers no Undo to a member who may not dismiss', async () => {
    show();
    fireEvent.click(await screen.findByRole('tab', { name: 'Dismissed (0)' }));
    expect(screen.getByText('No finding is dismissed.')).toBeTruthy();
    cleanup();
    await dismissalsItem.setValue([dismissal({})]);
    show((op) => op !== contract.findings.dismiss && op !== contract.findings.claimFixed);
    fireEvent.click(await screen.findByRole('tab', { name: 'Dismissed (1)' }));
    expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: `Open (${findings.length})` }));
    expect(screen.queryByRole('button', { name: 'I fixed this' })).toBeNull();
  });
});

describe('I fixed this', () => {
  it('records the fix, and the finding shows it waits for the next capture', async () => {
    show();
    const item = (await screen.findByText(first.title)).closest('li') as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'I fixed this' }));
    await waitFor(() =>
      expect(sent).toContainEqual({
        name: 'callApi',
        data: { group: 'findings', name: 'claimFixed', request: { params: { id: first.id } } },
      }),
    );
    expect((await screen.findByRole('status')).textContent).toContain(
      'The next user list captured from PayDesk will check it.',
    );
    await waitFor(() =>
      expect(item.querySelector('summary')?.textContent).toContain('Fixed — waiting for the next capture'),
    );
    expect(within(item).queryByRole('button', { name: 'I fixed this' })).toBeNull();
  });

  it('shows a fix the capture did not bear out, with what the list still showed, and the confirmed ones', async () => {
    claims = [
      {
        findingId: first.id,
        title: first.title,
        systemId: 'pay',
        claimedAt: Date.now() - 2 * 86_400_000,
        claimedBy: 'm1',
        claimedByName: 'Ann Owner',
        status: 'still-present',
        checkedAt: Date.now() - 86_400_000,
        evidence: 'refunds.process still granted',
      },
      {
        findingId: 'excess-permission:account:gone',
        title: 'gone.login in PayDesk has more than the role allows',
        systemId: 'pay',
        claimedAt: Date.now() - 2 * 86_400_000,
        claimedBy: 'm1',
        claimedByName: 'Ann Owner',
        status: 'confirmed',
        checkedAt: Date.now() - 86_400_000,
        evidence: null,
      },
    ];
    show();
    const item = (await screen.findByText(first.title)).closest('li') as HTMLElement;
    await waitFor(() =>
      expect(item.querySelector('summary')?.textContent).toContain('Still present after your fix'),
    );
    expect(item.textContent).toContain('The list still showed: refunds.process still granted');
    // Claimed again after a second try.
    expect(within(item).getByRole('button', { name: 'I fixed this' })).toBeTruthy();
    const fixes = screen.getByRole('list', { name: 'Fixes' });
    expect(fixes.textContent).toContain('Fix confirmed: gone.login in PayDesk has more than the role allows');
  });
});
