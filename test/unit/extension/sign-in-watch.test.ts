import { describe, expect, it } from 'vitest';
import { createSignInWatch } from '../../../extension/lib/sign-in/sign-in-watch';
import type { NotedSignIn } from '../../../extension/lib/storage';

/** A watch whose tab 7 is wherever `tab.url` says when the sign-in settles. */
function watch() {
  const noted: NotedSignIn[] = [];
  const timers: (() => void)[] = [];
  const tab: { url: string | null } = { url: 'https://caseledger.example/cases' };
  const w = createSignInWatch({
    systems: async () => [{ id: 's1', signInUrlPatterns: ['https://caseledger.example/login*'] }],
    note: async (signIn) => noted.push(signIn),
    tabUrl: async (tabId) => (tabId === 7 ? tab.url : null),
    now: () => 1000,
    later: (run) => timers.push(run),
  });
  return {
    w,
    noted,
    tab,
    settle: async () => {
      for (const run of timers.splice(0)) run();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('a submitted sign-in', () => {
  it('counts once its tab has left the sign-in page for the system', async () => {
    const { w, noted, settle } = watch();
    await w.submitted({ pageUrl: 'https://caseledger.example/login', login: 'reception', tabId: 7 });
    await settle();
    expect(noted).toEqual([{ systemId: 's1', login: 'reception', observedAt: 1000 }]);
  });

  it('does not count when the tab shows the sign-in form again (a wrong password)', async () => {
    const { w, noted, tab, settle } = watch();
    await w.submitted({ pageUrl: 'https://caseledger.example/login', login: 'reception', tabId: 7 });
    tab.url = 'https://caseledger.example/login?error=1';
    await settle();
    expect(noted).toEqual([]);
  });

  it('counts when the tab was closed after signing in', async () => {
    const { w, noted, tab, settle } = watch();
    await w.submitted({ pageUrl: 'https://caseledger.example/login', login: 'reception', tabId: 7 });
    tab.url = null;
    await settle();
    expect(noted.map((n) => n.login)).toEqual(['reception']);
  });

  it('keeps only the last of two quick submits of one system', async () => {
    const { w, noted, settle } = watch();
    await w.submitted({ pageUrl: 'https://caseledger.example/login', login: 'recpetion', tabId: 7 });
    await w.submitted({ pageUrl: 'https://caseledger.example/login', login: 'reception', tabId: 7 });
    await settle();
    expect(noted.map((n) => n.login)).toEqual(['reception']);
  });

  it('is not noted on a page outside the sign-in patterns', async () => {
    const { w, noted, settle } = watch();
    await w.submitted({ pageUrl: 'https://caseledger.example/search', login: 'reception', tabId: 7 });
    await settle();
    expect(noted).toEqual([]);
  });
});
