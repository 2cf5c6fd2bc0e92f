import { storage } from 'wxt/utils/storage';
import type { TokenPair } from '../../../shared/schemas/auth';
import type { StoredAccess, TokenStore } from './api-client';

/**
 * Who is signed in, as every page of the extension may know it: no tokens here. `expired` means
 * the server stopped accepting the session; the popup asks to sign in again and the local copy and
 * the queued changes stay, so nothing is lost.
 */
export interface SignedInAs {
  state: 'signed-in' | 'expired';
  serverUrl: string;
  member: { id: string; name: string; email: string; role: TokenPair['member']['role'] };
  organisation: { id: string; name: string };
}

export const signedInAsItem = storage.defineItem<SignedInAs | null>('local:signedInAs', {
  fallback: null,
  version: 1,
});

// Tokens: read and written by the background only. Session storage is not exposed to content
// scripts and is cleared when the browser closes; the refresh token survives a restart.
const accessTokenItem = storage.defineItem<StoredAccess | null>('session:accessToken', {
  fallback: null,
  version: 1,
});
const refreshTokenItem = storage.defineItem<string | null>('local:refreshToken', {
  fallback: null,
  version: 1,
});

export function createTokenStore(now: () => number = Date.now): TokenStore {
  // Memory first: a service worker that wakes up again reads session storage once.
  let access: StoredAccess | null | undefined;
  return {
    async getAccess() {
      access ??= await accessTokenItem.getValue();
      return access;
    },
    getRefresh: () => refreshTokenItem.getValue(),
    async save(pair, serverUrl) {
      access = { token: pair.accessToken, expiresAt: now() + pair.expiresIn * 1000 };
      const { member, organisation } = pair;
      await Promise.all([
        accessTokenItem.setValue(access),
        refreshTokenItem.setValue(pair.refreshToken),
        signedInAsItem.setValue({
          state: 'signed-in',
          serverUrl,
          member: { id: member.id, name: member.name, email: member.email, role: member.role },
          organisation: { id: organisation.id, name: organisation.name },
        }),
      ]);
    },
    async expire() {
      access = null;
      const who = await signedInAsItem.getValue();
      await Promise.all([
        accessTokenItem.setValue(null),
        refreshTokenItem.setValue(null),
        who ? signedInAsItem.setValue({ ...who, state: 'expired' }) : undefined,
      ]);
    },
    async clear() {
      access = null;
      await Promise.all([
        accessTokenItem.setValue(null),
        refreshTokenItem.setValue(null),
        signedInAsItem.setValue(null),
      ]);
    },
  };
}
