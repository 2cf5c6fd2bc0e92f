import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Options } from '../../../extension/entrypoints/options/options';
import { outboxItem, ruleSettingsItem } from '../../../extension/lib/storage';
import { startBackground } from './background-harness';
import { fakeServer } from './sync/fake-server';

function setup(granted: boolean) {
  const server = fakeServer();
  server.state.down = true;
  const { background, send } = startBackground({ server });
  const recompute = vi.spyOn(background.operations, 'saveRuleSettings');
  const requestHostPermission = vi.fn(async () => granted);
  render(<Options send={send} requestHostPermission={requestHostPermission} />);
  return { requestHostPermission, recompute };
}

function fillSystem(name: string, pattern: string) {
  fireEvent.input(screen.getByLabelText('Name'), { target: { value: name } });
  fireEvent.input(screen.getByLabelText('Admin pages (URL patterns, one per line)'), {
    target: { value: pattern },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Add system' }));
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

describe('the options page', () => {
  it('asks for access to exactly the new system’s pages, then adds it', async () => {
    const { requestHostPermission } = setup(true);
    await screen.findByText('No systems yet.');
    fillSystem('CaseLedger', 'https://caseledger.example.com/admin/*');
    expect(requestHostPermission).toHaveBeenCalledWith(['https://caseledger.example.com/admin/*']);
    expect(await screen.findByText('Added CaseLedger.')).toBeTruthy();
    expect((await screen.findByRole('list', { name: 'Systems' })).textContent).toContain(
      'CaseLedger https://caseledger.example.com/admin/*',
    );
    expect((await outboxItem.getValue()).queue[0]?.mutation).toMatchObject({
      entity: 'system',
      data: { name: 'CaseLedger', adminUrlPatterns: ['https://caseledger.example.com/admin/*'] },
    });
  });

  it('adds nothing when the browser refuses access', async () => {
    setup(false);
    await screen.findByText('No systems yet.');
    fillSystem('CaseLedger', 'https://caseledger.example.com/admin/*');
    expect((await screen.findByRole('alert')).textContent).toContain('did not grant access');
    expect((await outboxItem.getValue()).queue).toEqual([]);
  });

  it('names a pattern it cannot use and asks for nothing', async () => {
    const { requestHostPermission } = setup(true);
    await screen.findByText('No systems yet.');
    fillSystem('CaseLedger', 'caseledger.example.com');
    expect((await screen.findByRole('alert')).textContent).toContain(
      '“caseledger.example.com” is not a URL pattern',
    );
    expect(requestHostPermission).not.toHaveBeenCalled();
  });

  it('saves thresholds, refuses ones out of range, and has findings recomputed', async () => {
    const { recompute } = setup(true);
    const dormant = await screen.findByLabelText('Dormant after (days without sign-in)');
    expect((dormant as HTMLInputElement).value).toBe('45');
    fireEvent.input(dormant, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save thresholds' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Dormant after (days without sign-in):');
    fireEvent.input(dormant, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save thresholds' }));
    await waitFor(() => expect(recompute).toHaveBeenCalled());
    expect((await screen.findByText(/^Saved\./)).textContent).toContain('recomputed');
    expect(await ruleSettingsItem.getValue()).toMatchObject({ dormantDays: 30, maxAdmins: 2 });
  });
});

describe('the options page’s sign-in section', () => {
  it('lets the firm’s owner require two-step sign-in of owners and admins', async () => {
    const server = fakeServer();
    const { service, send } = startBackground({ server });
    await service.signIn({ email: 'ann@firm.test', password: 'correct horse battery' });
    render(<Options send={send} requestHostPermission={async () => true} />);
    const box = (await screen.findByLabelText(
      /Owners and admins sign in with two steps/,
    )) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    expect(await screen.findByText(/set one up at their next sign-in/)).toBeTruthy();
    expect(server.state.ruleSettings).toMatchObject({ secondFactorRequired: true });
    expect(box.checked).toBe(true);
  });

  it('is not shown to anyone signed out', async () => {
    setup(true);
    await screen.findByText('No systems yet.');
    expect(screen.queryByRole('heading', { name: 'Sign-in' })).toBeNull();
  });
});
