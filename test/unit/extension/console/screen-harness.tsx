import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { ConsoleContext, type ConsoleState } from '../../../../extension/lib/console/console-context';
import type { Send } from '../../../../extension/lib/messaging';
import { SendContext } from '../../../../extension/lib/popup/popup-context';
import type { Tables } from '../../../../extension/lib/sync/local-copy';
import type { OperationRef } from '../../../../shared/contract/refs';
import type { Finding } from '../../../../shared/schemas/findings';

/** One console screen drawn for an owner (or whoever `can` says), its background faked at `send`. */
export function renderScreen(
  screen: ComponentChildren,
  {
    send,
    can = () => true,
    tables,
    findings,
  }: { send: Send; can?: (op: OperationRef) => boolean; tables?: Tables; findings?: readonly Finding[] },
) {
  const state = {
    who: { member: { id: 'm1', name: 'Ann Owner' } },
    role: 'owner',
    can,
    tables,
    outbox: undefined,
    findings,
    needDirectory: () => undefined,
    requestHostPermission: async () => true,
  } as unknown as ConsoleState;
  return render(
    <SendContext.Provider value={send}>
      <ConsoleContext.Provider value={state}>{screen}</ConsoleContext.Provider>
    </SendContext.Provider>,
  );
}
