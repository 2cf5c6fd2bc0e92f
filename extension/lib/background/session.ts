import { urgentCount } from '../findings';
import { done, type Result } from '../result';
import {
  dismissalsItem,
  homeSummaryItem,
  localCopyItem,
  outboxItem,
  syncCursorItem,
  syncStatusItem,
  unreadNotificationsItem,
} from '../storage';
import type { ApiClient } from '../sync/api-client';
import { emptyCopy } from '../sync/local-copy';
import { emptyOutbox } from '../sync/outbox';
import { failed, type Shared } from './shared';

/** Signing in, up and out. The tokens stay with the API client; pages only see who is signed in. */
export function createSession({
  api,
  exclusive,
  recompute,
  syncSoon,
  showBadge,
}: Pick<Shared, 'exclusive'> & {
  api: ApiClient;
  recompute: () => Promise<void>;
  syncSoon: () => void;
  showBadge: (urgent: number) => Promise<void>;
}) {
  /** After sign-in: a different firm than the local copy's gets a fresh copy and outbox. */
  async function startSession(organisationId: string): Promise<void> {
    const switched = await exclusive(async () => {
      const copy = await localCopyItem.getValue();
      if (copy.organisationId === organisationId) return false;
      if (copy.organisationId === null && copy.cursor === 0) {
        await localCopyItem.setValue({ ...copy, organisationId });
        return false;
      }
      // Nothing of the other firm may show: not its rows, its findings, nor that it was synced.
      await Promise.all([
        localCopyItem.setValue(emptyCopy(organisationId)),
        syncCursorItem.setValue(0),
        outboxItem.setValue(emptyOutbox()),
        dismissalsItem.setValue([]),
        syncStatusItem.setValue({ state: 'idle', lastSyncedAt: null, message: null }),
      ]);
      return true;
    });
    if (switched) await recompute();
    syncSoon();
  }

  return {
    /** Signs in to the server in serverUrlItem. */
    async signIn(data: { email: string; password: string }): Promise<Result> {
      try {
        const signedIn = await api.logIn(data);
        if (!signedIn.ok) return failed(signedIn.error);
        await startSession(signedIn.value.organisation.id);
        return done();
      } catch (error) {
        return failed(error);
      }
    },

    /** Makes a new organisation with its first member, and signs in as them. */
    async signUp(data: {
      organisationName: string;
      name: string;
      email: string;
      password: string;
    }): Promise<Result> {
      try {
        const signedIn = await api.signUp(data);
        if (!signedIn.ok) return failed(signedIn.error);
        await startSession(signedIn.value.organisation.id);
        return done();
      } catch (error) {
        return failed(error);
      }
    },

    /** Accepts an invitation with its one-time setup token: a new member, signed in. */
    async acceptInvite(data: { setupToken: string; name: string; password: string }): Promise<Result> {
      try {
        const signedIn = await api.acceptInvite(data);
        if (!signedIn.ok) return failed(signedIn.error);
        await startSession(signedIn.value.organisation.id);
        return done();
      } catch (error) {
        return failed(error);
      }
    },

    /** Ends the session; the local copy stays for the next sign-in to the same firm. */
    async signOut(): Promise<Result> {
      await api.logOut();
      await Promise.all([
        syncStatusItem.setValue({ state: 'signed-out', lastSyncedAt: null, message: null }),
        // The firm's notifications are not this browser's business once nobody is signed in.
        unreadNotificationsItem.setValue(0),
      ]);
      const { summary } = await homeSummaryItem.getValue();
      await showBadge(urgentCount(summary.counts));
      return done();
    },
  };
}
