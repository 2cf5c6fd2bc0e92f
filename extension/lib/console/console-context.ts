import { createContext } from 'preact';
import { useContext, useEffect } from 'preact/hooks';
import type { OperationRef } from '../../../shared/contract/refs';
import type { Finding } from '../../../shared/schemas/findings';
import type { MemberRole } from '../../../shared/schemas/members';
import type { SignedInAs } from '../storage';
import type { Tables } from '../sync/local-copy';
import type { Outbox } from '../sync/outbox';

/**
 * Asks the browser for host permission on a system's pages. Browsers only show the prompt when
 * this is called straight from a click or submit handler, so nothing may be awaited before it.
 */
export type RequestHostPermission = (origins: string[]) => Promise<boolean>;

/** What every screen of the console reads: who is signed in, what they may do, the local copy. */
export interface ConsoleState {
  who: SignedInAs;
  role: MemberRole;
  /** Whether the member's role may call the operation (the console hides what it may not). */
  can: (op: OperationRef) => boolean;
  /** The directory as the admin should see it (server rows plus queued changes), once read. */
  tables: Tables | undefined;
  outbox: Outbox | undefined;
  /** The open findings of the local copy, worst first, once read. */
  findings: readonly Finding[] | undefined;
  /** Screens that draw from the directory ask for it: it is read once, then kept current. */
  needDirectory: () => void;
  requestHostPermission: RequestHostPermission;
}

export const ConsoleContext = createContext<ConsoleState | null>(null);

export function useConsole(): ConsoleState {
  const state = useContext(ConsoleContext);
  if (!state) throw new Error('useConsole outside the console.');
  return state;
}

/** The directory and its findings; undefined until read (the first screen drawn needs neither). */
export function useDirectory(): { tables: Tables | undefined; findings: readonly Finding[] | undefined } {
  const state = useConsole();
  useEffect(() => state.needDirectory(), [state.needDirectory]);
  return { tables: state.tables, findings: state.findings };
}
