import { render, screen } from '@testing-library/preact';
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
