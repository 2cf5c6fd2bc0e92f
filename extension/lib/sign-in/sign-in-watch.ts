import { matchesUrlPattern } from '../page/adapters';
import type { NotedSignIn } from '../storage';

/**
 * Decides when a submitted sign-in counts. A submit is held for `settleMs`; if its tab then still
 * shows the system's sign-in page (the app sent the browser back to the form: a wrong password), it
 * is dropped. If the tab has left the sign-in page for the system (or was closed), the sign-in is
 * noted with the time of the submit. The tab is looked at from the background, so the sign-in page
 * itself does no work until a form is sent.
 */
export const SETTLE_MS = 8_000;

type System = { id: string; signInUrlPatterns: string[] };

export function systemOfSignInPage(systems: readonly System[], pageUrl: string): string | null {
  return systems.find((s) => s.signInUrlPatterns.some((p) => matchesUrlPattern(p, pageUrl)))?.id ?? null;
}

export function createSignInWatch({
  systems,
  note,
  tabUrl,
  now = Date.now,
  later = (run: () => void, ms: number) => setTimeout(run, ms),
  settleMs = SETTLE_MS,
}: {
  systems: () => Promise<readonly System[]>;
  note: (signIn: NotedSignIn) => Promise<unknown>;
  /** Where a tab is now (null when it is closed or on a page this browser may not see). */
  tabUrl: (tabId: number) => Promise<string | null>;
  now?: () => number;
  later?: (run: () => void, ms: number) => unknown;
  settleMs?: number;
}) {
  /** The sign-in held per system, with a token so a later submit replaces an earlier one. */
  const held = new Map<string, { signIn: NotedSignIn; token: number }>();
  let tokens = 0;

  async function settle(systemId: string, token: number, tabId: number | undefined): Promise<void> {
    const entry = held.get(systemId);
    if (entry?.token !== token) return;
    held.delete(systemId);
    const url = tabId === undefined ? null : await tabUrl(tabId);
    if (url !== null && systemOfSignInPage(await systems(), url) === systemId) return;
    await note(entry.signIn);
  }

  return {
    /** The sign-in script saw a form submitted with this login, in this tab. */
    async submitted({ pageUrl, login, tabId }: { pageUrl: string; login: string; tabId?: number }) {
      const systemId = systemOfSignInPage(await systems(), pageUrl);
      if (!systemId) return;
      tokens += 1;
      const token = tokens;
      held.set(systemId, { signIn: { systemId, login, observedAt: now() }, token });
      later(() => void settle(systemId, token, tabId), settleMs);
    },
  };
}
