import { contract } from '../../../shared/contract';
import type { SignInAnswer } from '../../../shared/schemas/auth';
import { urgentCount } from '../findings';
import { done, type Result, refused } from '../result';
import {
  dismissalsItem,
  homeSummaryItem,
  knownBrowsersItem,
  localCopyItem,
  outboxItem,
  serverUrlItem,
  signedInAsItem,
  signInChallengeItem,
  signInStepItem,
  syncCursorItem,
  syncStatusItem,
  unreadNotificationsItem,
} from '../storage';
import type { ApiClient } from '../sync/api-client';
import { emptyCopy } from '../sync/local-copy';
import { emptyOutbox } from '../sync/outbox';
import { failed, type Shared } from './shared';

/** What a sign-in answers the popup: signed in (nothing), or the step it asks for next. */
export type SignInProgress = { next: 'code' | 'enrol' } | undefined;
export type Enrolment = { otpauthUri: string; manualKey: string };

const knownBrowserKey = (serverUrl: string, email: string) => `${serverUrl} ${email.trim().toLowerCase()}`;

/** Signing in, up and out. The tokens stay with the API client; pages only see who is signed in. */
export function createSession({
  api,
  now,
  exclusive,
  recompute,
  syncSoon,
  showBadge,
}: Pick<Shared, 'exclusive' | 'now'> & {
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

  /** Where a sign-in goes after an answer: one more step (kept for the popup), or signed in. */
  async function proceed(answer: SignInAnswer, email: string): Promise<Result<SignInProgress>> {
    if ('next' in answer) {
      await Promise.all([
        signInChallengeItem.setValue(answer.challengeToken),
        signInStepItem.setValue({ step: answer.next, email, expiresAt: now() + answer.expiresIn * 1000 }),
      ]);
      return done({ next: answer.next });
    }
    if (answer.knownBrowser) {
      const key = knownBrowserKey(await serverUrlItem.getValue(), email);
      const known = await knownBrowsersItem.getValue();
      await knownBrowsersItem.setValue({ ...known, [key]: answer.knownBrowser });
    }
    await startSession(answer.organisation.id);
    return done<SignInProgress>(undefined);
  }

  /** The challenge of the sign-in under way, or why there is none. */
  async function challenge(): Promise<string | null> {
    const [token, step] = await Promise.all([signInChallengeItem.getValue(), signInStepItem.getValue()]);
    return token && step && step.expiresAt > now() ? token : null;
  }
  const challengeEnded = () =>
    refused('signed-out', 'This sign-in has expired. Start again with your email and password.');

  /** Forgets a sign-in under way (done, or given up), so the popup shows what comes next. */
  async function endSignInStep(): Promise<Result> {
    await Promise.all([signInChallengeItem.setValue(null), signInStepItem.setValue(null)]);
    return done();
  }

  return {
    /**
     * Signs in to the server in serverUrlItem, as this browser's known-browser token says. Answers
     * the next step when the member has a second factor, or must set one up.
     */
    async signIn(data: { email: string; password: string }): Promise<Result<SignInProgress>> {
      try {
        const known = (await knownBrowsersItem.getValue())[
          knownBrowserKey(await serverUrlItem.getValue(), data.email)
        ];
        const answered = await api.signIn(contract.auth.login, {
          ...data,
          ...(known ? { knownBrowser: known } : {}),
        });
        if (!answered.ok) return failed(answered.error);
        return await proceed(answered.value, data.email);
      } catch (error) {
        return failed(error);
      }
    },

    /** Makes a new organisation with its first member, and signs in as them (or sets up their second factor). */
    async signUp(data: {
      organisationName: string;
      name: string;
      email: string;
      password: string;
      secondFactorRequired?: boolean;
    }): Promise<Result<SignInProgress>> {
      try {
        const answered = await api.signIn(contract.auth.signup, data);
        if (!answered.ok) return failed(answered.error);
        return await proceed(answered.value, data.email);
      } catch (error) {
        return failed(error);
      }
    },

    /** The second step of a sign-in: the authenticator app's code, or a recovery code. */
    async giveSecondFactor(
      answer: { code: string } | { recoveryCode: string },
    ): Promise<Result<SignInProgress>> {
      try {
        const [challengeToken, step] = await Promise.all([challenge(), signInStepItem.getValue()]);
        if (!challengeToken || !step) return challengeEnded();
        const answered = await api.signIn(contract.auth.secondFactor, { challengeToken, ...answer });
        if (!answered.ok) return failed(answered.error);
        await endSignInStep();
        return await proceed(answered.value, step.email);
      } catch (error) {
        return failed(error);
      }
    },

    /**
     * A new secret for an authenticator app: during a sign-in that must set one up, or for the
     * signed-in member.
     */
    async startSecondFactor(): Promise<Result<Enrolment>> {
      try {
        const step = await signInStepItem.getValue();
        if (step) {
          const challengeToken = await challenge();
          if (!challengeToken) return challengeEnded();
          const started = await api.callPublic(contract.auth.startEnrolment, { challengeToken });
          return started.ok ? done(started.value) : failed(started.error);
        }
        const started = await api.call(contract.me.startSecondFactor);
        return started.ok ? done(started.value) : failed(started.error);
      } catch (error) {
        return failed(error);
      }
    },

    /**
     * Confirms the new second factor with the app's first code; answers the recovery codes, shown
     * once. During a sign-in it signs in too; the step stays (`enrolled`) until the popup has shown
     * the codes and calls `endSignInStep`.
     */
    async confirmSecondFactor(data: { code: string }): Promise<Result<{ recoveryCodes: string[] }>> {
      try {
        const step = await signInStepItem.getValue();
        if (!step) {
          const confirmed = await api.call(contract.me.confirmSecondFactor, { body: data });
          if (!confirmed.ok) return failed(confirmed.error);
          const who = await signedInAsItem.getValue();
          if (who) await signedInAsItem.setValue({ ...who, member: { ...who.member, secondFactor: true } });
          return done(confirmed.value);
        }
        const challengeToken = await challenge();
        if (!challengeToken) return challengeEnded();
        const confirmed = await api.signIn(contract.auth.confirmEnrolment, { challengeToken, ...data });
        if (!confirmed.ok) return failed(confirmed.error);
        await Promise.all([
          signInChallengeItem.setValue(null),
          signInStepItem.setValue({ ...step, step: 'enrolled' }),
        ]);
        const signedIn = await proceed(confirmed.value, step.email);
        if (!signedIn.ok) return signedIn;
        return done({ recoveryCodes: confirmed.value.recoveryCodes });
      } catch (error) {
        return failed(error);
      }
    },

    endSignInStep,

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
