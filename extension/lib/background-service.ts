import { contract } from '../../shared/contract';
import type { FieldError } from '../../shared/schemas/problem';
import { type OrganisationSettingsInput, readRuleSettings } from '../../shared/settings';
import { computeFindings, urgentCount } from './findings';
import type { ActionResult } from './messaging';
import { serialise } from './serialise';
import {
  dismissalsItem,
  findingsItem,
  homeSummaryItem,
  localCopyItem,
  outboxItem,
  ruleSettingsItem,
  type SyncStatus,
  signedInAsItem,
  syncCursorItem,
  syncStatusItem,
  unreadNotificationsItem,
} from './storage';
import { type ApiClient, ApiError } from './sync/api-client';
import { checkChange } from './sync/check-change';
import { emptyCopy, overlay } from './sync/local-copy';
import {
  type ChangeInput,
  ConflictPendingError,
  createsRow,
  discardRejection,
  emptyOutbox,
  enqueue,
  pendingMutations,
  resolveConflict,
  retriedChange,
} from './sync/outbox';
import { sendQueuedSnapshots } from './sync/page-link';
import { runSync } from './sync/sync-engine';

export interface BackgroundDeps {
  api: ApiClient;
  now?: () => number;
  makeId?: () => string;
  /** Shows urgent findings plus unread notifications on the toolbar button ('' hides it). */
  setBadge?: (text: string) => Promise<void>;
}

const ok: ActionResult = { ok: true };

function isEmpty(table: object): boolean {
  for (const _ in table) return false;
  return true;
}

function failed(error: unknown): ActionResult {
  if (error instanceof ApiError)
    return { ok: false, kind: error.kind, message: error.message, fields: error.fields };
  if (error instanceof ConflictPendingError)
    return { ok: false, kind: 'conflict', message: error.message, fields: [] };
  return {
    ok: false,
    kind: 'error',
    message: error instanceof Error ? error.message : String(error),
    fields: [],
  };
}

/**
 * Everything the background does for the popup and the options page, as plain functions over the
 * API client and extension storage (the entrypoint only wires messages and alarms to them).
 */
export function createBackgroundService({
  api,
  now = Date.now,
  makeId = () => crypto.randomUUID(),
  setBadge = async () => undefined,
}: BackgroundDeps) {
  const exclusive = serialise();
  let running: Promise<SyncStatus> | null = null;

  const inTurn = serialise();
  /**
   * Findings of the directory as the admin sees it here, and the badge, after any change. In turn,
   * so an older computation never lands after a newer one.
   */
  function recompute(): Promise<void> {
    return inTurn(computeNow);
  }

  async function computeNow(): Promise<void> {
    const [copy, outbox, stored, dismissals] = await Promise.all([
      localCopyItem.getValue(),
      outboxItem.getValue(),
      ruleSettingsItem.getValue(),
      dismissalsItem.getValue(),
    ]);
    const at = now();
    const tables = overlay(copy.tables, pendingMutations(outbox));
    const { findings, summary } = computeFindings(tables, readRuleSettings(stored), dismissals, at);
    const directoryEmpty = isEmpty(tables.person) && isEmpty(tables.account);
    await Promise.all([
      findingsItem.setValue({ computedAt: at, findings }),
      homeSummaryItem.setValue({ computedAt: at, summary, top: findings.slice(0, 3), directoryEmpty }),
    ]);
    await showBadge(urgentCount(summary.counts));
  }

  /** Critical and high findings, plus the notifications nobody has read yet. */
  async function showBadge(urgent: number): Promise<void> {
    const count = urgent + (await unreadNotificationsItem.getValue());
    await setBadge(count > 0 ? String(count) : '');
  }

  async function syncOnce(): Promise<SyncStatus> {
    const previous = await syncStatusItem.getValue();
    if (!(await signedInAsItem.getValue())) {
      const status: SyncStatus = { ...previous, state: 'signed-out', message: null };
      await syncStatusItem.setValue(status);
      return status;
    }
    await syncStatusItem.setValue({ ...previous, state: 'syncing' });
    // User lists read off admin pages while offline go first, so the pull below brings their effect.
    await sendQueuedSnapshots(api);
    const { status, changed } = await runSync(
      {
        api,
        now,
        readCopy: () => localCopyItem.getValue(),
        readCursor: () => syncCursorItem.getValue(),
        writeCopy: (copy) =>
          exclusive(async () => {
            await Promise.all([localCopyItem.setValue(copy), syncCursorItem.setValue(copy.cursor)]);
          }),
        readOutbox: () => outboxItem.getValue(),
        update: (change) =>
          exclusive(async () => {
            const next = change(await outboxItem.getValue(), await localCopyItem.getValue());
            await Promise.all([outboxItem.setValue(next.outbox), localCopyItem.setValue(next.copy)]);
          }),
      },
      previous,
    );
    await syncStatusItem.setValue(status);
    let thresholdsChanged = false;
    if (status.state === 'synced') {
      await sendDismissals();
      thresholdsChanged = await pullRuleSettings();
    }
    // Evaluating a big directory costs; a sync that brought and sent nothing changes no finding.
    if (changed || thresholdsChanged) await recompute();
    return status;
  }

  /** The firm's thresholds, as the owner last set them; answers whether they changed here. */
  async function pullRuleSettings(): Promise<boolean> {
    const organisation = await api.call(contract.organisation.get);
    if (!organisation.ok) return false;
    const next = readRuleSettings(organisation.value.settings);
    if (JSON.stringify(readRuleSettings(await ruleSettingsItem.getValue())) === JSON.stringify(next))
      return false;
    await ruleSettingsItem.setValue(next);
    return true;
  }

  /**
   * Dismissals made here go to the server's findings API once it answers, so they hold for the
   * whole firm. One the server no longer has the finding for (fixed meanwhile) is dropped.
   */
  async function sendDismissals(): Promise<void> {
    for (const dismissal of (await dismissalsItem.getValue()).filter((d) => !d.sent)) {
      const sent = await api.call(contract.findings.dismiss, {
        params: { id: dismissal.findingId },
        body: { reason: dismissal.reason, expiresAt: dismissal.expiresAt },
      });
      // Offline or signed out: it waits for the next sync. Refused for good: drop it.
      if (!sent.ok && (sent.error.status === null || sent.error.status === 401)) return;
      const keep = sent.ok;
      await exclusive(async () => {
        const current = await dismissalsItem.getValue();
        await dismissalsItem.setValue(
          current.flatMap((d) =>
            d.findingId !== dismissal.findingId || d.dismissedAt !== dismissal.dismissedAt
              ? [d]
              : keep
                ? [{ ...d, sent: true }]
                : [],
          ),
        );
      });
    }
  }

  let again = false;
  /**
   * One sync at a time. A request while one runs is answered by a second run right after it, so a
   * change queued mid-sync does not wait for the next alarm.
   */
  function syncNow(): Promise<SyncStatus> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let status = await syncOnce();
      while (again && status.state === 'synced') {
        again = false;
        status = await syncOnce();
      }
      again = false;
      return status;
    })().finally(() => {
      running = null;
    });
    return running;
  }

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
    void syncNow();
  }

  /**
   * Queues a change once it passes the server's own checks here (so nothing queued can block the
   * queue), and syncs. A refused retry goes back among the refusals untouched.
   */
  async function queueChecked(change: ChangeInput, retrying: string | null): Promise<ActionResult> {
    let problems: FieldError[] = [];
    try {
      await exclusive(async () => {
        const [outbox, copy] = [await outboxItem.getValue(), await localCopyItem.getValue()];
        const rest = retrying ? discardRejection(outbox, retrying) : outbox;
        problems = checkChange(change, { creating: createsRow(rest, copy, change) });
        if (problems.length > 0) return;
        await outboxItem.setValue(enqueue(rest, copy, change, makeId(), now()));
      });
    } catch (error) {
      return failed(error);
    }
    if (problems.length > 0)
      return {
        ok: false,
        kind: 'invalid',
        message: problems.map((p) => p.message).join(' '),
        fields: problems,
      };
    await recompute();
    void syncNow();
    return ok;
  }

  return {
    recompute,
    syncNow,

    /**
     * A browser (or service worker) start, or a new unread count: the badge comes back from the
     * stored summary. The findings were computed when the data last changed, and only this
     * background changes it.
     */
    async restoreBadge(): Promise<void> {
      const { summary, computedAt } = await homeSummaryItem.getValue();
      // Nothing computed yet (a first start, or a summary an older version stored that was set aside).
      if (computedAt === 0) return recompute();
      await showBadge(urgentCount(summary.counts));
    },

    async signIn(data: { email: string; password: string }): Promise<ActionResult> {
      try {
        const signedIn = await api.logIn(data);
        if (!signedIn.ok) return failed(signedIn.error);
        await startSession(signedIn.value.organisation.id);
        return ok;
      } catch (error) {
        return failed(error);
      }
    },

    async signUp(data: {
      organisationName: string;
      name: string;
      email: string;
      password: string;
    }): Promise<ActionResult> {
      try {
        const signedIn = await api.signUp(data);
        if (!signedIn.ok) return failed(signedIn.error);
        await startSession(signedIn.value.organisation.id);
        return ok;
      } catch (error) {
        return failed(error);
      }
    },

    /** Ends the session; the local copy stays for the next sign-in to the same firm. */
    /**
     * New thresholds from the options page. Signed in, they are the firm's: the server keeps them
     * (owners only) and every member's findings follow. Signed out, they apply in this browser.
     */
    async saveRuleSettings(settings: OrganisationSettingsInput): Promise<ActionResult> {
      const who = await signedInAsItem.getValue();
      if (who?.state === 'signed-in') {
        const organisation = await api.call(contract.organisation.update, {
          body: { settings: readRuleSettings(settings) },
        });
        if (!organisation.ok) return failed(organisation.error);
        await ruleSettingsItem.setValue(readRuleSettings(organisation.value.settings));
      } else {
        await ruleSettingsItem.setValue(readRuleSettings(settings));
      }
      await recompute();
      return ok;
    },

    async signOut(): Promise<ActionResult> {
      await api.logOut();
      await Promise.all([
        syncStatusItem.setValue({ state: 'signed-out', lastSyncedAt: null, message: null }),
        // The firm's notifications are not this browser's business once nobody is signed in.
        unreadNotificationsItem.setValue(0),
      ]);
      const { summary } = await homeSummaryItem.getValue();
      await showBadge(urgentCount(summary.counts));
      return ok;
    },

    async resolveConflict(data: { conflictId: string; choice: 'mine' | 'theirs' }): Promise<ActionResult> {
      await exclusive(async () => {
        await outboxItem.setValue(
          resolveConflict(await outboxItem.getValue(), data.conflictId, data.choice, makeId(), now()),
        );
      });
      await recompute();
      void syncNow();
      return ok;
    },

    /** A refused change sent again, as it was or corrected: checked and queued like a new one. */
    queueChange: (change: ChangeInput) => queueChecked(change, null),

    async retryRejection(data: {
      mutationId: string;
      data: Record<string, unknown> | null;
    }): Promise<ActionResult> {
      const change = retriedChange(await outboxItem.getValue(), data.mutationId, data.data);
      if (!change) return ok;
      return queueChecked(change, data.mutationId);
    },

    async discardRejection(data: { mutationId: string }): Promise<ActionResult> {
      await exclusive(async () => {
        await outboxItem.setValue(discardRejection(await outboxItem.getValue(), data.mutationId));
      });
      await recompute();
      return ok;
    },

    /**
     * Accepts a finding's risk for a while: the dismissal applies here at once, and goes to the
     * server's findings API with the next sync (at once when the server answers).
     */
    async dismissFinding(data: {
      findingId: string;
      fingerprint: string;
      reason: string;
      expiresAt: number;
    }): Promise<ActionResult> {
      const reason = data.reason.trim();
      if (!reason)
        return {
          ok: false,
          kind: 'invalid',
          message: 'Say why.',
          fields: [{ field: 'reason', message: 'required' }],
        };
      if (!(data.expiresAt > now()))
        return {
          ok: false,
          kind: 'invalid',
          message: 'Pick a date in the future.',
          fields: [{ field: 'expiresAt', message: 'in the past' }],
        };
      const who = await signedInAsItem.getValue();
      await exclusive(async () => {
        const dismissals = (await dismissalsItem.getValue()).filter((d) => d.findingId !== data.findingId);
        dismissals.push({
          ...data,
          reason,
          dismissedAt: now(),
          dismissedBy: who?.member.id ?? '',
          sent: false,
        });
        await dismissalsItem.setValue(dismissals);
      });
      await recompute();
      void syncNow();
      return ok;
    },
  };
}

export type BackgroundService = ReturnType<typeof createBackgroundService>;
