import type { PageWarningKind } from '../../../shared/schemas/page-row';
import type { PageAdapter } from './adapter-schema';
import type { EvaluatePageRows } from './evaluate';
import { markRow, unmarkRow } from './row-marks';
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
  const watcher = watchUserRows({
    doc: options.doc,
    adapter: options.adapter,
    evaluate: options.evaluate,
    yieldToPage: options.yieldToPage,
    budgetMs: options.budgetMs,
    now: options.now,
    onRow(element, { list, verdict }) {
      const anchor = markAnchor(list, element);
      markRow(
        element,
        anchor,
        verdict,
        verdict.findings.length > 0 ? placementFor(list, anchor, placements) : 'after',
      );
      marked.add(element);
    },
    onForget(element) {
      unmarkRow(element);
      marked.delete(element);
    },
    onSettled(rows, lists) {
      options.onSummary?.(summarise(rows, lists));
    },
  });
  const stop = () => {
    watcher.stop();
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
    settled: () => watcher.settled(),
    stop,
  };
}
