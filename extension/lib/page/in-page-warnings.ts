import type { PageWarningKind } from '../../../shared/schemas/page-row';
import type { PageAdapter } from './adapter-schema';
import type { EvaluatePageRows } from './evaluate';
import { renderRowBadges, setRowVerdict, unmarkRow } from './row-marks';
import type { UserList } from './user-lists';
import { defaultYield, type RowWatcher, type WatchedRow, watchUserRows } from './watch-user-rows';

export interface PageSummary {
  /** User rows on the page now, all judged. */
  checked: number;
  /** Rows carrying each kind of warning. */
  counts: Partial<Record<PageWarningKind, number>>;
  /** The first user list on the page, where the banner goes. */
  firstList: UserList | null;
}

export interface InPageWarningsOptions {
  doc?: Document;
  adapter?: PageAdapter | null;
  evaluate: EvaluatePageRows;
  onSummary?(summary: PageSummary): void;
  yieldToPage?: () => Promise<void>;
  budgetMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

/** The cell a row's badges go in: the login's own cell, else the row's first cell. */
export function markAnchor(list: UserList, row: Element): Element {
  const where = list.columns.username;
  const cell =
    typeof where === 'number'
      ? list.cells(row)[where]
      : where
        ? row.querySelector(where.selector)
        : undefined;
  return cell ?? list.cells(row).find(Boolean) ?? row;
}

/**
 * Badges go after the login, unless the list clips its cells (`overflow: hidden`, ellipsis), where
 * they would be cut off: then before it. Decided once per list, on its first marked row.
 */
function placementFor(list: UserList, anchor: Element, cache: WeakMap<UserList, 'after' | 'before'>) {
  let placement = cache.get(list);
  if (!placement) {
    const view = anchor.ownerDocument.defaultView;
    const style = view?.getComputedStyle(anchor);
    placement = style && style.overflowX !== 'visible' && style.overflowX !== '' ? 'before' : 'after';
    cache.set(list, placement);
  }
  return placement;
}

export function summarise(rows: ReadonlyMap<Element, WatchedRow>, lists: readonly UserList[]): PageSummary {
  const counts: Partial<Record<PageWarningKind, number>> = {};
  for (const { verdict } of rows.values()) {
    for (const kind of new Set(verdict.findings.map((finding) => finding.kind))) {
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
  }
  return { checked: rows.size, counts, firstList: lists[0] ?? null };
}

/**
 * Reads the page's user lists, judges every row and marks it, and keeps doing so as the page
 * changes. Stopping (or the signal aborting) takes every mark away again.
 */
export function startInPageWarnings(options: InPageWarningsOptions): RowWatcher {
  const marked = new Set<Element>();
  const placements = new WeakMap<UserList, 'after' | 'before'>();
  // Badges change the list's layout, and a big table's layout is costly: rows get their verdict
  // attribute at once, and their badges together once a batch of rows is judged, so the browser lays
  // the table out a few times rather than once per chunk. Badges too are added in chunks that fit
  // the time budget.
  const pendingBadges = new Map<Element, Pick<WatchedRow, 'list' | 'verdict'>>();
  const budget = options.budgetMs ?? 30;
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? defaultYield;
  let stopped = false;
  let flushing: Promise<void> | null = null;
  const flushBadges = async () => {
    while (pendingBadges.size > 0 && !stopped) {
      const start = now();
      for (const [element, { list, verdict }] of pendingBadges) {
        pendingBadges.delete(element);
        if (element.isConnected) {
          const anchor = markAnchor(list, element);
          const placement = verdict.findings.length > 0 ? placementFor(list, anchor, placements) : 'after';
          renderRowBadges(element, anchor, verdict, placement);
        }
        if (now() - start >= budget) break;
      }
      if (pendingBadges.size > 0) await yieldToPage();
    }
  };
  const watcher = watchUserRows({
    doc: options.doc,
    adapter: options.adapter,
    evaluate: options.evaluate,
    yieldToPage: options.yieldToPage,
    budgetMs: options.budgetMs,
    now: options.now,
    onRow(element, { list, verdict }) {
      setRowVerdict(element, verdict);
      pendingBadges.set(element, { list, verdict });
      marked.add(element);
    },
    onForget(element) {
      unmarkRow(element);
      marked.delete(element);
      pendingBadges.delete(element);
    },
    onSettled() {
      if (flushing) return;
      flushing = flushBadges().finally(() => {
        flushing = null;
        if (stopped) return;
        // Rows judged while the badges went in get theirs now.
        if (pendingBadges.size > 0) return watcherSettled();
        options.onSummary?.(summarise(watcher.rows, watcher.lists));
      });
    },
  });
  function watcherSettled(): void {
    flushing = flushBadges().finally(() => {
      flushing = null;
      if (!stopped) options.onSummary?.(summarise(watcher.rows, watcher.lists));
    });
  }
  const stop = () => {
    stopped = true;
    watcher.stop();
    pendingBadges.clear();
    for (const element of marked) unmarkRow(element);
    marked.clear();
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  return {
    get rows() {
      return watcher.rows;
    },
    get lists() {
      return watcher.lists;
    },
    async settled() {
      await watcher.settled();
      while (flushing) await flushing;
    },
    stop,
  };
}
