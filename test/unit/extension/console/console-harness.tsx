import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Console } from '../../../../extension/lib/console/console';
// The screens the console loads when first opened, loaded here up front: a test waits for what a
// screen draws, not for the test runner to compile it.
import '../../../../extension/lib/console/account';
import '../../../../extension/lib/console/accounts';
import '../../../../extension/lib/console/members';
import '../../../../extension/lib/console/reviews';
import type { Send } from '../../../../extension/lib/messaging';
import { done, type Result, refused } from '../../../../extension/lib/result';
import { localCopyItem, type SignedInAs, signedInAsItem } from '../../../../extension/lib/storage';
import type { Tables } from '../../../../extension/lib/sync/local-copy';

export const OWNER: SignedInAs = {
  state: 'signed-in',
  serverUrl: 'https://rollcall.example.com',
  member: { id: 'm-ann', name: 'Ann Owner', email: 'ann@firm.test', role: 'owner', secondFactor: false },
  organisation: { id: 'org', name: 'Harbour & Vale' },
};

/** What the fake background answers: API operations by `group.name`, other operations by name. */
export type Answers = Record<string, (request: never) => Result<unknown> | Promise<Result<unknown>>>;

/**
 * The console at a route, signed in as `who`, with a background that answers from `answers`; every
 * message sent is recorded in `sent` (API calls as `group.name`). `tables` is the local copy.
 */
export async function renderConsole(
  hash: string,
  answers: Answers,
  who: SignedInAs = OWNER,
  tables?: Tables,
) {
  fakeBrowser.reset();
  await signedInAsItem.setValue(who);
  if (tables)
    await localCopyItem.setValue({ organisationId: who.organisation.id, tables, cursor: 1, pulledAt: 1 });
  location.hash = hash;
  const sent: { name: string; data: unknown }[] = [];
  const send = vi.fn(async (name: string, data?: unknown) => {
    if (name === 'callApi') {
      const call = data as { group: string; name: string; request: unknown };
      const key = `${call.group}.${call.name}`;
      sent.push({ name: key, data: call.request });
      const answer = answers[key];
      return answer ? answer(call.request as never) : refused('offline', `No answer for ${key}.`);
    }
    sent.push({ name, data });
    const answer = answers[name];
    return answer ? answer(data as never) : done();
  }) as unknown as Send;
  const view = render(<Console send={send} requestHostPermission={async () => true} />);
  return { ...view, sent };
}
