import { urgentCount } from '../findings';
import { homeSummaryItem, unreadNotificationsItem } from '../storage';

/**
 * The toolbar badge: the critical and high findings plus the notifications nobody has read yet
 * ('' hides it).
 */
export function createBadge({
  setBadge,
  recompute,
}: {
  setBadge: (text: string) => Promise<void>;
  /** Computes the findings afresh, which shows the badge again. */
  recompute: () => Promise<void>;
}) {
  async function show(urgent: number): Promise<void> {
    const count = urgent + (await unreadNotificationsItem.getValue());
    await setBadge(count > 0 ? String(count) : '');
  }

  return {
    show,

    /**
     * A browser (or service worker) start, or a new unread count: the badge comes back from the
     * stored summary. The findings were computed when the data last changed, and only this
     * background changes it.
     */
    async restore(): Promise<void> {
      const { summary, computedAt } = await homeSummaryItem.getValue();
      // Nothing computed yet (a first start, or a summary an older version stored that was set aside).
      if (computedAt === 0) return recompute();
      await show(urgentCount(summary.counts));
    },
  };
}

export type Badge = ReturnType<typeof createBadge>;
