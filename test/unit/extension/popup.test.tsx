import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Popup } from '../../../extension/entrypoints/popup/popup';

describe('Popup', () => {
  it('shows that it is checking, then where it is connected', async () => {
    render(
      <Popup
        loadStatus={async () => ({ state: 'online', url: 'http://127.0.0.1:8787', version: '0.1.0' })}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain('Checking');
    expect((await screen.findByText(/Connected to/)).textContent).toBe('Connected to http://127.0.0.1:8787');
  });

  it('explains an unreachable server', async () => {
    render(
      <Popup
        loadStatus={async () => ({ state: 'unreachable', url: 'http://x.test', reason: 'no answer' })}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Can’t reach http://x.test: no answer.');
  });
});

describe('Check this page', () => {
  it('runs the warnings on the current tab and says so, or why not', async () => {
    const online = async () => ({ state: 'online', url: 'http://127.0.0.1:8787', version: '0.1.0' }) as const;
    let answer: { state: 'checking' } | { state: 'failed'; reason: string } = { state: 'checking' };
    const popup = within(
      render(<Popup loadStatus={online} checkPage={async () => answer} />).container as HTMLElement,
    );
    popup.getByRole('button', { name: 'Check this page' }).click();
    expect((await popup.findByText(/checking the user lists/)).textContent).toBe(
      'Rollcall is checking the user lists on this page.',
    );
    answer = { state: 'failed', reason: 'Cannot access a chrome:// URL' };
    popup.getByRole('button', { name: 'Check this page' }).click();
    expect((await popup.findByRole('alert')).textContent).toBe(
      'Can’t check this page: Cannot access a chrome:// URL.',
    );
  });
});
