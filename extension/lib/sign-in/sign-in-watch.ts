import { matchesUrlPattern } from '../page/adapters';
import type { NotedSignIn } from '../storage';

/**
 * Decides when a submitted sign-in counts. A submit is held; if the system's sign-in form shows
 * again soon after (the app sent the browser back to it: a wrong password), it is dropped. If the
 * browser stays away from the form for `settleMs`, it left the sign-in page for the system, and the
 * sign-in is noted with the time of the submit.
 */
export const SETTLE_MS = 8_000;

type System = { id: string; signInUrlPatterns: string[] };

export function systemOfSignInPage(systems: readonly System[], pageUrl: string): string | null {
  return systems.find((s) => s.signInUrlPatterns.some((p) => matchesUrlPattern(p, pageUrl)))?.id ?? null;
}

export function createSignInWatch({
  systems,
  note,
  now = Date.now,
  later = (run: () => void, ms: number) => setTimeout(run, ms),
  settleMs = SETTLE_MS,
}: {
  systems: () => Promise<readonly System[]>;
  note: (signIn: NotedSignIn) => Promise<unknown>;
  now?: () => number;
  later?: (run: () => void, ms: number) => unknown;
  settleMs?: number;
}) {
  /** The sign-in held per system, with a token so a later submit replaces an earlier one. */
  const held = new Map<string, { signIn: NotedSignIn; token: number }>();
  let tokens = 0;

  return {
    /** The sign-in content script saw a form submitted with this login. */
    async submitted({ pageUrl, login }: { pageUrl: string; login: string }): Promise<void> {
      const systemId = systemOfSignInPage(await systems(), pageUrl);
      if (!systemId) return;
      tokens += 1;
      const token = tokens;
      held.set(systemId, { signIn: { systemId, login, observedAt: now() }, token });
      later(() => {
        const entry = held.get(systemId);
        if (entry?.token !== token) return;
        held.delete(systemId);
        void note(entry.signIn);
      }, settleMs);
    },
    /** A sign-in form of a system is showing: a sign-in held for it failed. */
    async formShown({ pageUrl }: { pageUrl: string }): Promise<void> {
      const systemId = systemOfSignInPage(await systems(), pageUrl);
      if (systemId) held.delete(systemId);
    },
  };
}
