import { accessTokenItem, refreshTokenItem, signedInAsItem } from '../storage';
import type { StoredAccess, TokenStore } from './api-client';

/** The tokens the API client holds, in the items storage.ts declares for them. */
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
          member: {
            id: member.id,
            name: member.name,
            email: member.email,
            role: member.role,
            secondFactor: member.secondFactor,
          },
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
