import { fireEvent, screen } from '@testing-library/preact';
import { createBackgroundService } from '../../../extension/lib/background-service';
import type { Send } from '../../../extension/lib/popup/popup-context';
import { createReviewsService } from '../../../extension/lib/reviews-service';
import { serverUrlItem } from '../../../extension/lib/storage';
import { createApiClient } from '../../../extension/lib/sync/api-client';
import { createTokenStore } from '../../../extension/lib/sync/session-store';
import { fakeServer } from './sync/fake-server';

export const PASSWORD = 'correct horse battery';

/** The popup's `send`, wired to a real background service that talks to a fake server. */
export function popupHarness() {
  const server = fakeServer();
  let ids = 0;
  const api = createApiClient({
    serverUrl: () => serverUrlItem.getValue(),
    tokens: createTokenStore(),
    fetchFn: server.fetchFn,
  });
  const reviews = createReviewsService({ api });
  const service = createBackgroundService({
    api,
    makeId: () => `mutation-${String(++ids).padStart(4, '0')}`,
  });
  const handlers: Record<string, (data: never) => Promise<unknown>> = {
    getServerStatus: async () => ({ state: 'online', url: 'http://127.0.0.1:8787', version: '0.1.0' }),
    signIn: service.signIn,
    signOut: service.signOut,
    syncNow: service.syncNow,
    queueChange: service.queueChange,
    resolveConflict: service.resolveConflict,
    discardRejection: service.discardRejection,
    dismissFinding: service.dismissFinding,
    recomputeFindings: async () => service.recompute().then(() => ({ ok: true })),
    listNotifications: reviews.listNotifications,
    listFollowUps: reviews.listFollowUps,
  };
  const sent: { type: string; data: unknown }[] = [];
  const send = ((type: string, data: never) => {
    sent.push({ type, data });
    return handlers[type]?.(data);
  }) as unknown as Send;
  return { server, service, send, sent };
}

export async function signIn(password = PASSWORD) {
  fireEvent.input(await screen.findByLabelText('Email'), { target: { value: 'ann@firm.test' } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}
