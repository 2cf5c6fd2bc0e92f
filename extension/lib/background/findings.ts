import { contract } from '../../../shared/contract';
import { readRuleSettings } from '../../../shared/settings';
import { computeFindings, urgentCount } from '../findings';
import { done, type Result, refused } from '../result';
import { serialise } from '../serialise';
import { buildStaffIndex } from '../staff-index';
import {
  dismissalsItem,
  findingsItem,
  homeSummaryItem,
  type LocalDismissal,
  localCopyItem,
  outboxItem,
  ruleSettingsItem,
  signedInAsItem,
  signInObservationsItem,
  staffIndexItem,
} from '../storage';
import type { ApiClient } from '../sync/api-client';
import { overlay } from '../sync/local-copy';
import { pendingMutations } from '../sync/outbox';
import type { Shared } from './shared';

function isEmpty(table: object): boolean {
  for (const _ in table) return false;
  return true;
}

/**
 * The findings of the directory as the admin sees it here (server rows plus queued changes), and
 * the dismissals made here until the server has them.
 */
export function createFindings({
  api,
  now,
  exclusive,
  showBadge,
  syncSoon,
}: Shared & {
  api: ApiClient;
  /** Shows the urgent findings (plus unread notifications) on the toolbar button. */
  showBadge: (urgent: number) => Promise<void>;
  /** Starts a sync without waiting for it. */
  syncSoon: () => void;
}) {
  const inTurn = serialise();

  async function computeNow(): Promise<void> {
    const [copy, outbox, stored, dismissals, observations] = await Promise.all([
      localCopyItem.getValue(),
      outboxItem.getValue(),
      ruleSettingsItem.getValue(),
      dismissalsItem.getValue(),
      signInObservationsItem.getValue(),
    ]);
    const at = now();
    const tables = overlay(copy.tables, pendingMutations(outbox));
    const inForce = dismissals.filter((d) => !d.takenBack);
    const { findings, summary } = computeFindings(
      tables,
      readRuleSettings(stored),
      inForce,
      at,
      observations,
    );
    const directoryEmpty = isEmpty(tables.person) && isEmpty(tables.account);
    await Promise.all([
      findingsItem.setValue({ computedAt: at, findings }),
      homeSummaryItem.setValue({ computedAt: at, summary, top: findings.slice(0, 3), directoryEmpty }),
      staffIndexItem.setValue(buildStaffIndex(tables, findings)),
    ]);
    await showBadge(urgentCount(summary.counts));
  }

  /**
   * Findings and the badge, after any change. In turn, so an older computation never lands after a
   * newer one.
   */
  function recompute(): Promise<void> {
    return inTurn(computeNow);
  }

  /**
   * Takes the firm's dismissals in force from the server: they replace the ones the server had
   * before; those still waiting to be sent (or taken back) here stay as they are.
   */
  async function pullDismissals(): Promise<boolean> {
    const answer = await api.call(contract.findings.dismissed);
    if (!answer.ok) return false;
    return exclusive(async () => {
      const current = await dismissalsItem.getValue();
      const pending = current.filter((d) => !d.sent || d.takenBack);
      const waiting = new Set(pending.map((d) => d.findingId));
      const firm: LocalDismissal[] = answer.value.dismissals
        .filter((d) => !waiting.has(d.findingId))
        .map(({ title, ...d }) => ({ ...d, ...(title === null ? {} : { title }), sent: true }));
      const next = [...pending, ...firm];
      const key = (list: readonly LocalDismissal[]) =>
        JSON.stringify(
          list.map((d) => [d.findingId, d.fingerprint, d.expiresAt, d.takenBack ?? false]).sort(),
        );
      await dismissalsItem.setValue(next);
      return key(next) !== key(current);
    });
  }

  return {
    recompute,

    /**
     * The firm's sign-in observations, so the findings here name who signed in with a login as the
     * server's do; kept for offline. Answers whether they changed.
     */
    async pullObservations(): Promise<boolean> {
      const pulled = await api.call(contract.observations.list);
      if (!pulled.ok) return false;
      const next = pulled.value.observations;
      if (JSON.stringify(await signInObservationsItem.getValue()) === JSON.stringify(next)) return false;
      await signInObservationsItem.setValue(next);
      return true;
    },

    /**
     * Dismissals made here go to the server's findings API once it answers, so they hold for the
     * whole firm; so do the ones taken back. One the server no longer has the finding or the
     * dismissal for (fixed, or expired, meanwhile) is dropped. Then the firm's dismissals come back
     * (those other members made, from other browsers), so they apply here too. Answers whether the
     * dismissals in force here changed.
     */
    async sendDismissals(): Promise<boolean> {
      for (const dismissal of (await dismissalsItem.getValue()).filter((d) => !d.sent || d.takenBack)) {
        const isThis = (d: LocalDismissal) =>
          d.findingId === dismissal.findingId && d.dismissedAt === dismissal.dismissedAt;
        if (dismissal.takenBack && !dismissal.sent) {
          // Taken back before the server had it: nothing to tell it. (Sends run one at a time, so
          // none of this dismissal is on its way.)
          await exclusive(async () => {
            await dismissalsItem.setValue((await dismissalsItem.getValue()).filter((d) => !isThis(d)));
          });
          continue;
        }
        const sent = dismissal.takenBack
          ? await api.call(contract.findings.undismiss, { params: { id: dismissal.findingId } })
          : await api.call(contract.findings.dismiss, {
              params: { id: dismissal.findingId },
              body: { reason: dismissal.reason, expiresAt: dismissal.expiresAt },
            });
        // Offline or signed out: it waits for the next sync. Refused for good: drop it.
        if (!sent.ok && (sent.error.status === null || sent.error.status === 401)) return false;
        // A dismissal the server now has is kept (as sent, and still taken back if it was meanwhile,
        // so that goes next); one taken back there, or refused, is done with.
        const keep = sent.ok && !dismissal.takenBack;
        await exclusive(async () => {
          const current = await dismissalsItem.getValue();
          await dismissalsItem.setValue(
            current.flatMap((d) => (!isThis(d) ? [d] : keep ? [{ ...d, sent: true }] : [])),
          );
        });
      }
      return pullDismissals();
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
    }): Promise<Result> {
      const reason = data.reason.trim();
      if (!reason) return refused('invalid', 'Say why.', [{ field: 'reason', message: 'required' }]);
      if (!(data.expiresAt > now()))
        return refused('invalid', 'Pick a date in the future.', [
          { field: 'expiresAt', message: 'in the past' },
        ]);
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
      syncSoon();
      return done();
    },

    /**
     * Takes back a dismissal made here: the finding shows again at once, and the server lets the
     * dismissal go with the next sync (at once when it answers).
     */
    async undismissFinding(findingId: string): Promise<Result> {
      const found = await exclusive(async () => {
        const dismissals = await dismissalsItem.getValue();
        if (!dismissals.some((d) => d.findingId === findingId && !d.takenBack)) return false;
        await dismissalsItem.setValue(
          dismissals.map((d) => (d.findingId === findingId ? { ...d, takenBack: true } : d)),
        );
        return true;
      });
      if (!found) return refused('not-found', 'This finding is not dismissed here.');
      await recompute();
      syncSoon();
      return done();
    },
  };
}
