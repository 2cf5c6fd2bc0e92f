import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../../extension/lib/console/contract';
import { SettingsScreen } from '../../../../extension/lib/console/settings';
import type { Send } from '../../../../extension/lib/messaging';
import { done, refused } from '../../../../extension/lib/result';
import type { WebhookTestResult } from '../../../../shared/schemas/reviews';
import { renderScreen } from './screen-harness';

/** Settings → Webhook → "Send a test": the delivery's outcome in the receiver's own numbers. */
function settings(answer: WebhookTestResult, can = (_: unknown) => true) {
  const calls: string[] = [];
  const send = (async (_name: string, data?: unknown) => {
    const call = data as { group: string; name: string };
    calls.push(`${call.group}.${call.name}`);
    if (call.group === 'organisation') return refused('unreachable', 'The server is not answering.');
    if (call.name === 'get')
      return done({
        webhook: {
          url: 'https://hooks.firm.example/x',
          createdAt: Date.now(),
          lastStatus: null,
          lastAttemptAt: null,
        },
      });
    if (call.name === 'test') return done(answer);
    throw new Error(`unexpected ${JSON.stringify(data)}`);
  }) as Send;
  renderScreen(<SettingsScreen />, { send, can });
  return calls;
}

afterEach(cleanup);

describe('Send a test', () => {
  it('posts a test and says it was delivered', async () => {
    const calls = settings({
      delivered: true,
      status: 200,
      ms: 84,
      message: 'Delivered: the receiver answered 200 in 84 ms.',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Send a test' }));
    expect(
      (await screen.findByText('Delivered: the receiver answered 200 in 84 ms.'))
        .closest('[role]')
        ?.getAttribute('role'),
    ).toBe('status');
    expect(calls).toContain('webhook.test');
  });

  it('shows a failed delivery as an alert, in the server’s words', async () => {
    settings({
      delivered: false,
      status: 500,
      ms: 12,
      message: 'Not delivered: the receiver answered 500 after 12 ms.',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Send a test' }));
    const said = await screen.findByText('Not delivered: the receiver answered 500 after 12 ms.');
    expect(said.closest('[role]')?.getAttribute('role')).toBe('alert');
  });

  it('is not offered to a member who may not send one', async () => {
    settings({ delivered: true, status: 200, ms: 1, message: '' }, (op) => op !== contract.webhook.test);
    await screen.findByText(/Posting to/);
    expect(screen.queryByRole('button', { name: 'Send a test' })).toBeNull();
  });
});
