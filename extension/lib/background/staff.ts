import { browser } from 'wxt/browser';
import { contract } from '../../../shared/contract';
import type { EnrolmentPreview } from '../../../shared/schemas/observations';
import { done, type Result, refused } from '../result';
import { createSignInWatch } from '../sign-in/sign-in-watch';
import {
  DEFAULT_SERVER_URL,
  type NotedSignIn,
  observationQueueItem,
  type StaffEnrolment,
  serverUrlItem,
  staffEnrolmentItem,
  staffJoinDraftItem,
} from '../storage';
import type { ApiClient } from '../sync/api-client';
import { failed, type Shared } from './shared';

/** Sign-ins sent per report; the server takes up to 100. */
const BATCH = 50;
/** Reported person/login/day keys kept, so the list cannot grow without end. */
const REPORTED_KEPT = 500;
/** A device credential older than this is replaced on the next report. */
const ROTATE_AFTER_MS = 30 * 86_400_000;

const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);
/** One report per person, login and day: the browser is one person's, so login and day are the key. */
export const reportKey = (o: NotedSignIn) =>
  `${o.systemId}\n${o.login.toLowerCase()}\n${dayOf(o.observedAt)}`;

/** Adds a sign-in to the queue unless the same login was already noted or reported that day. */
export function enqueue(
  queue: { pending: NotedSignIn[]; reported: string[] },
  signIn: NotedSignIn,
): { pending: NotedSignIn[]; reported: string[] } {
  const key = reportKey(signIn);
  if (queue.reported.includes(key) || queue.pending.some((o) => reportKey(o) === key)) return queue;
  return { ...queue, pending: [...queue.pending, signIn] };
}

/**
 * The staff side of sign-in observations: joining with an enrolment code, noting sign-ins the
 * sign-in content script saw, reporting them in batches (queued while offline), and what the staff
 * member may see of their own. The admin side (enrolments, browsers) goes straight to the server.
 */
export function createStaff({
  api,
  now,
  exclusive,
  tabUrl = async (tabId) => (await browser.tabs.get(tabId).catch(() => null))?.url ?? null,
}: Pick<Shared, 'now' | 'exclusive'> & {
  api: ApiClient;
  /** Where a tab is now: its address is known only on pages this browser may see (the sign-in pages). */
  tabUrl?: (tabId: number) => Promise<string | null>;
}) {
  async function device(): Promise<StaffEnrolment | null> {
    return staffEnrolmentItem.getValue();
  }

  /** Replaces a credential past its age; a failure leaves the old one to try again next time. */
  async function rotateIfDue(enrolment: StaffEnrolment): Promise<StaffEnrolment> {
    if (now() - enrolment.credentialSince < ROTATE_AFTER_MS) return enrolment;
    const rotated = await api.asDevice(contract.observations.rotate, enrolment);
    if (!rotated.ok) return enrolment;
    const next = { ...enrolment, credential: rotated.value.credential, credentialSince: now() };
    await staffEnrolmentItem.setValue(next);
    return next;
  }

  /** Sends what waits, a batch at a time; what the server did not take stays queued. */
  async function reportPending(): Promise<Result<{ sent: number; waiting: number }>> {
    return exclusive(async () => {
      let enrolment = await device();
      let queue = await observationQueueItem.getValue();
      if (!enrolment) return done({ sent: 0, waiting: queue.pending.length });
      enrolment = await rotateIfDue(enrolment);
      let sent = 0;
      while (queue.pending.length > 0) {
        const batch = queue.pending.slice(0, BATCH);
        const answer = await api.asDevice(contract.observations.report, enrolment, {
          body: { observations: batch },
        });
        if (!answer.ok) {
          // Off, or refused as a whole (a system since removed): nothing to retry, so drop it.
          if (answer.error.status === 409 || answer.error.status === 422) {
            queue = { ...queue, pending: queue.pending.slice(batch.length) };
            await observationQueueItem.setValue(queue);
            continue;
          }
          return done({ sent, waiting: queue.pending.length });
        }
        sent += batch.length;
        queue = {
          pending: queue.pending.slice(batch.length),
          reported: [...queue.reported, ...batch.map(reportKey)].slice(-REPORTED_KEPT),
        };
        await observationQueueItem.setValue(queue);
      }
      return done({ sent, waiting: 0 });
    });
  }

  async function noteSignIn(signIn: NotedSignIn): Promise<Result> {
    const enrolment = await device();
    if (!enrolment?.observationsEnabled || !enrolment.systems.some((s) => s.id === signIn.systemId)) {
      return done();
    }
    await exclusive(async () => {
      await observationQueueItem.setValue(enqueue(await observationQueueItem.getValue(), signIn));
    });
    void reportPending();
    return done();
  }

  const watch = createSignInWatch({
    systems: async () => {
      const enrolment = await device();
      return enrolment?.observationsEnabled ? enrolment.systems : [];
    },
    note: noteSignIn,
    tabUrl,
    now,
  });

  return {
    /** Popup: what joining with this code means (for whom, where), before joining; the code stays unused. */
    async previewEnrolment(data: { serverUrl: string; code: string }): Promise<Result<EnrolmentPreview>> {
      try {
        const serverUrl = new URL(data.serverUrl).origin;
        const preview = await api.asDevice(
          contract.observations.preview,
          { serverUrl, credential: null },
          { body: { code: data.code } },
        );
        return preview.ok ? done(preview.value) : failed(preview.error);
      } catch (error) {
        return failed(error);
      }
    },
    /** Popup: join as staff with the code the admin gave (or from managed storage). */
    async joinAsStaff(data: {
      serverUrl: string;
      code: string;
      label?: string;
    }): Promise<Result<StaffEnrolment>> {
      try {
        const serverUrl = new URL(data.serverUrl).origin;
        const joined = await api.asDevice(
          contract.observations.join,
          { serverUrl, credential: null },
          { body: { code: data.code, ...(data.label ? { label: data.label } : {}) } },
        );
        if (!joined.ok) return failed(joined.error);
        const {
          credential,
          device: joinedDevice,
          organisationName,
          observationsEnabled,
          systems,
        } = joined.value;
        const enrolment: StaffEnrolment = {
          serverUrl,
          credential,
          deviceId: joinedDevice.id,
          personName: joinedDevice.personName,
          organisationName,
          observationsEnabled,
          systems,
          joinedAt: now(),
          credentialSince: now(),
        };
        await staffEnrolmentItem.setValue(enrolment);
        await staffJoinDraftItem.removeValue();
        // The firm's Rollcall is where this browser signs in too, unless another address was set:
        // the popup's sign-in form then neither points at nor reports on a server the firm has not.
        if ((await serverUrlItem.getValue()) === DEFAULT_SERVER_URL) await serverUrlItem.setValue(serverUrl);
        return done(enrolment);
      } catch (error) {
        return failed(error);
      }
    },
    /** Popup: what this browser records and where, and the staff member's own observed sign-ins. */
    async ownObservations() {
      const enrolment = await device();
      if (!enrolment) return refused('not-enrolled', 'This browser has not joined as staff.');
      const mine = await api.asDevice(contract.observations.mine, enrolment);
      if (!mine.ok) return failed(mine.error);
      // The systems and the switch may have changed since joining: the content script follows them.
      await staffEnrolmentItem.setValue({
        ...enrolment,
        systems: mine.value.systems,
        observationsEnabled: mine.value.observationsEnabled,
      });
      return done(mine.value);
    },
    noteSignIn,
    /**
     * Sign-in script: a sign-in form was submitted with this login (held until it settles); the tab
     * it was sent from is added by the messaging, from the browser.
     */
    async signInSubmitted(data: { pageUrl: string; login: string; tabId?: number }): Promise<Result> {
      await watch.submitted(data);
      return done();
    },
    reportPending,
    /** Popup: stop observing here; the credential is forgotten (the admin revokes it on the server). */
    async leaveStaff(): Promise<Result> {
      await Promise.all([
        staffEnrolmentItem.setValue(null),
        observationQueueItem.setValue({ pending: [], reported: [] }),
      ]);
      return done();
    },

    // The admin's side: straight to the server, never queued.
    /** Options: a one-time enrolment code for a person (shown once). */
    async createEnrolment(personId: string) {
      const made = await api.call(contract.observations.createEnrolment, { body: { personId } });
      return made.ok ? done(made.value) : failed(made.error);
    },
    /** Options: enrolled staff browsers, for everyone or one person. */
    async listDevices(personId?: string) {
      const listed = await api.call(contract.observations.listDevices, {
        query: personId ? { personId } : {},
      });
      return listed.ok ? done(listed.value.devices) : failed(listed.error);
    },
    /** Options: revoke one staff browser. */
    async revokeDevice(id: string): Promise<Result> {
      const revoked = await api.call(contract.observations.revokeDevice, { params: { id } });
      return revoked.ok ? done() : failed(revoked.error);
    },
    /** Options: the firm's observation settings; changing them is for owners. */
    async observationSettings() {
      const settings = await api.call(contract.observations.getSettings);
      return settings.ok ? done(settings.value) : failed(settings.error);
    },
    async saveObservationSettings(change: { enabled?: boolean; retentionDays?: number }) {
      const settings = await api.call(contract.observations.updateSettings, { body: change });
      return settings.ok ? done(settings.value) : failed(settings.error);
    },
  };
}
