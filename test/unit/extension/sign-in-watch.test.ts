import { describe, expect, it } from 'vitest';
import { createSignInWatch } from '../../../extension/lib/sign-in/sign-in-watch';
import type { NotedSignIn } from '../../../extension/lib/storage';

function watch() {
  const noted: NotedSignIn[] = [];
  const timers: (() => void)[] = [];
  const w = createSignInWatch({
    systems: async () => [{ id: 's1', signInUrlPatterns: ['https://caseledger.example/login*'] }],
    note: async (signIn) => noted.push(signIn),
    now: () => 1000,
    later: (run) => timers.push(run),
  });
  return {
    w,
    noted,
    settle: () => {
      for (const run of timers.splice(0)) run();
    },
  };
}

describe('a submitted sign-in', () => {
  it('counts once the browser has stayed away from the sign-in form', async () => {
    const { w, noted, settle } = watch();
    await w.submitted({ pageUrl: 'https://caseledger.example/login', login: 'reception' });
    settle();
    expect(noted).toEqual([{ systemId: 's1', login: 'reception', observedAt: 1000 }]);
  });

  it('does not count when the form comes back (a wrong password)', async () => {
    const { w, noted, settle } = watch();
    await w.submitted({ pageUrl: 'https://caseledger.example/login', login: 'reception' });
    await w.formShown({ pageUrl: 'https://caseledger.example/login?error=1' });
    settle();
    expect(noted).toEqual([]);
  });

  it('is not noted on a page outside the sign-in patterns', async () => {
    const { w, noted, settle } = watch();
    await w.submitted({ pageUrl: 'https://caseledger.example/search', login: 'reception' });
    settle();
    expect(noted).toEqual([]);
  });
});
