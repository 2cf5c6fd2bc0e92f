import { createBackground } from '../../../extension/lib/background/operations';
import { backgroundProxy, dispatch, type Send } from '../../../extension/lib/messaging';
import { serverUrlItem } from '../../../extension/lib/storage';
import { createApiClient } from '../../../extension/lib/sync/api-client';
import { createTokenStore } from '../../../extension/lib/sync/session-store';
import { fakeServer } from './sync/fake-server';

/**
 * A background as the browser starts it, against a fake server, and `send`: the pages' way to it,
 * through the dispatch the background serves its messages with. Arguments and answers are copied
 * as messaging copies them, so an answer that could not cross to a page fails here too.
 */
export function startBackground({
  server = fakeServer(),
  setBadge,
}: {
  server?: ReturnType<typeof fakeServer>;
  setBadge?: (text: string) => Promise<void>;
} = {}) {
  let ids = 0;
  const api = createApiClient({
    serverUrl: () => serverUrlItem.getValue(),
    tokens: createTokenStore(),
    fetchFn: server.fetchFn,
  });
  const background = createBackground({
    api,
    fetchFn: server.fetchFn,
    makeId: () => `mutation-${String(++ids).padStart(4, '0')}`,
    setBadge,
  });
  const sent: { type: string; data: unknown }[] = [];
  const send = (async (name: Parameters<Send>[0], data?: unknown) => {
    sent.push({ type: name, data });
    return structuredClone(await dispatch(background.operations, name, structuredClone(data)));
  }) as Send;
  /** The operations as the pages call them, through `send`. */
  const service = backgroundProxy(send);
  return { server, api, background, service, send, sent };
}
