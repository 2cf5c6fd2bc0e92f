import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readAhead, useStored } from '../../../extension/lib/popup/popup-context';
import { serverUrlItem, syncStatusItem } from '../../../extension/lib/storage';

beforeEach(() => fakeBrowser.reset());
afterEach(() => cleanup());

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function SyncState() {
  const status = useStored(syncStatusItem);
  return <p>{status ? `Sync: ${status.state}` : 'Loading…'}</p>;
}

function Server() {
  const url = useStored(serverUrlItem);
  return <p>{url === undefined ? 'Loading…' : `Server: ${url}`}</p>;
}

describe('the first screen’s storage, read ahead', () => {
  it('is drawn as the screen opens, with no wait for storage', async () => {
    await syncStatusItem.setValue({ state: 'synced', lastSyncedAt: 1, message: null });
    readAhead([syncStatusItem]);
    await settled();
    render(<SyncState />);
    expect(screen.getByText('Sync: synced')).toBeTruthy();
  });

  it('is read afresh once it changes, never drawn as it was', async () => {
    await syncStatusItem.setValue({ state: 'synced', lastSyncedAt: 1, message: null });
    readAhead([syncStatusItem]);
    await settled();
    await syncStatusItem.setValue({ state: 'error', lastSyncedAt: 1, message: 'The server refused.' });
    await settled();
    render(<SyncState />);
    expect(screen.queryByText('Sync: synced')).toBeNull();
    expect(await screen.findByText('Sync: error')).toBeTruthy();
  });

  it('leaves what was not read ahead to load as the screen asks for it', async () => {
    await serverUrlItem.setValue('https://rollcall.example');
    render(<Server />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(await screen.findByText('Server: https://rollcall.example')).toBeTruthy();
  });
});
