import type { PageWarningKind } from '../../../shared/schemas/page-row';
import type { PageAdapter } from './adapter-schema';
import type { EvaluatePageRows } from './evaluate';
import { renderRowBadges, setRowVerdict, unmarkRow } from './row-marks';
import type { UserList } from './user-lists';
import { type RowWatcher, type WatchedRow, watchUserRows } from './watch-user-rows';

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
  return cell ?? Array.from(list.cells(row)).find(Boolean) ?? row;
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
  // Badges change the list's layout, and a big table's layout is costly (a 5,000-row table takes
  // hundreds of ms to lay out again): rows get their verdict attribute at once, and their badges all
  // together once a batch of rows is judged, so the browser lays the table out once, not per chunk.
  // Only rows with findings get badges (and rows that had some, to take them away): most rows of a
  // big list are fine and cost nothing more than their attribute.
  const pendingBadges = new Map<Element, Pick<WatchedRow, 'list' | 'verdict'>>();
  const badged = new Set<Element>();
  const flushBadges = () => {
    for (const [element, { list, verdict }] of pendingBadges) {
      if (!element.isConnected) continue;
      const anchor = markAnchor(list, element);
      const flagged = verdict.findings.length > 0;
      renderRowBadges(element, anchor, verdict, flagged ? placementFor(list, anchor, placements) : 'after');
      if (flagged) badged.add(element);
      else badged.delete(element);
    }
    pendingBadges.clear();
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
      if (verdict.findings.length > 0 || badged.has(element)) pendingBadges.set(element, { list, verdict });
      else pendingBadges.delete(element);
      marked.add(element);
    },
    onForget(element) {
      unmarkRow(element);
      marked.delete(element);
      badged.delete(element);
      pendingBadges.delete(element);
    },
    onSettled(rows, lists) {
      flushBadges();
      options.onSummary?.(summarise(rows, lists));
    },
  });
  const stop = () => {
    watcher.stop();
    pendingBadges.clear();
    for (const element of marked) unmarkRow(element);
    marked.clear();
    badged.clear();
  };
  options.signal?.addEventListener('abort', stop, { once: true });
  return {
    get rows() {
      return watcher.rows;
    },
    get lists() {
      return watcher.lists;
    },
    settled: () => watcher.settled(),
    stop,
  };
}
