import type { PageAdapter } from './adapter-schema';
import { FORMATTING_TAGS, INLINE_TAGS } from './cell-text';
import { inKindOrder, type JudgePageRows, type KindCount } from './evaluate';
import {
  type BadgePlacement,
  createMarkLayer,
  type MarkLayer,
  renderRowBadges,
  setRowVerdict,
  unmarkRow,
} from './row-marks';
import { loginCell, type UserList } from './user-lists';
import { type RowWatcher, type WatchedRow, watchUserRows } from './watch-user-rows';

export interface PageSummary {
  /** User rows on the page now, all judged. */
  checked: number;
  /** Rows carrying each kind of warning, most urgent kind first. */
  counts: KindCount[];
  /** The first user list on the page, where the banner goes. */
  firstList: UserList | null;
}

export interface InPageWarningsOptions {
  /** Where the lists are: a document, or a component's shadow root. */
  root?: Document | ShadowRoot;
  adapter?: PageAdapter | null;
  evaluate: JudgePageRows;
  onSummary?(summary: PageSummary): void;
  /** The rows in the window of a long list were marked ahead of the rest. */
  onShownMarked?(): void;
  yieldToPage?: () => Promise<void>;
  budgetMs?: number;
  signal?: AbortSignal;
  now?: () => number;
  /** From how many rows a list's badges go in a layer beside it rather than in its rows. */
  layerFromRows?: number;
}

/**
 * Lists from this many rows get their badges in a layer (see createMarkLayer): measured in Chromium,
 * badges in the rows of a 250-row table cost a 30–100 ms relayout, of a 1,000-row one 100–160 ms,
 * while the layer costs 10–25 ms at either size. Small firms' lists, mostly well under this, keep
 * their badges in the rows, where they never cover the page's text.
 */
export const LAYER_FROM_ROWS = 200;

/** Where a row's badges go: where its layout says, else the login's cell, else the row's first cell. */
export function markAnchor(list: UserList, row: Element): Element {
  if (list.markAnchor) return list.markAnchor(row);
  return loginCell(list, row) ?? Array.from(list.cells(row)).find(Boolean) ?? row;
}

/**
 * What a row's badges follow in its anchor, where the login is not the anchor's last content: the
 * login's text with the inline elements round it (its link, its bold), so that they sit on the
 * login's line, not after the row's actions, an avatar or a block under it (WordPress writes an
 * avatar, the login in `<strong><a>`, then a line of row actions). Never inside the link. Null where
 * they simply go at the end.
 */
export function badgeSpot(anchor: Element, login: string): Node | null {
  const walker = anchor.ownerDocument.createTreeWalker(anchor, NodeFilter.SHOW_TEXT);
  const wanted = login.trim().toLowerCase();
  let text: Node | null = null;
  // The login may be written in pieces ("reception" in bold, "@firm.example" greyed, as iRedAdmin
  // draws its addresses): the badges go after the last.
  let rest = wanted;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const content = (node.nodeValue ?? '').trim().toLowerCase();
    if (!content) continue;
    text ??= node;
    if (wanted && content.includes(wanted)) {
      text = node;
      break;
    }
    rest = rest.startsWith(content)
      ? rest.slice(content.length)
      : wanted.startsWith(content)
        ? wanted.slice(content.length)
        : wanted;
    if (wanted && !rest) {
      text = node;
      break;
    }
  }
  if (!text) return null;
  let spot: Node = text;
  while (
    spot.parentElement &&
    spot.parentElement !== anchor &&
    (INLINE_TAGS.has(spot.parentElement.tagName) || FORMATTING_TAGS.has(spot.parentElement.tagName))
  )
    spot = spot.parentElement;
  // A link that holds blocks (Sentry's name over the email, both in the member's link) is left
  // whole: the badges go after it.
  const link = spot.parentElement?.closest('a');
  if (link && link !== anchor && anchor.contains(link)) spot = link;
  if (spot.parentNode !== anchor) return spot;
  // Nothing after it in the anchor but blank text: the anchor's end is the same place.
  let next = spot.nextSibling;
  while (next && next.nodeType === Node.TEXT_NODE && !(next.nodeValue ?? '').trim()) next = next.nextSibling;
  return next ? spot : null;
}

/**
 * Badges go after the login; before it where the list clips its cells (`overflow: hidden`,
 * ellipsis); under it where the cells do not wrap (`white-space: nowrap`). Decided once per list, on
 * its first marked row.
 */
function placementFor(list: UserList, anchor: Element, cache: WeakMap<UserList, BadgePlacement>) {
  let placement = cache.get(list);
  if (!placement) {
    const style = anchor.ownerDocument.defaultView?.getComputedStyle(anchor);
    const clips = !!style && style.overflowX !== 'visible' && style.overflowX !== '';
    const wraps = !style || !/^(nowrap|pre)$/.test(style.whiteSpace);
    placement = clips ? 'before' : wraps ? 'after' : 'below';
    cache.set(list, placement);
  }
  return placement;
}

/**
 * Resolves once the browser has drawn the next frame (the task after its animation frame), or after
 * `capMs` where it draws none (a tab in the background).
 */
export function afterNextPaint(capMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, capMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

export function summarise(rows: ReadonlyMap<Element, WatchedRow>, lists: readonly UserList[]): PageSummary {
  const counts = new Map<string, KindCount>();
  for (const { verdict } of rows.values()) {
    if (verdict.findings.length === 0) continue;
    const seen = new Set<string>();
    for (const { kind, label, tone, rank } of verdict.findings) {
      if (seen.has(kind)) continue;
      seen.add(kind);
      const counted = counts.get(kind);
      if (counted) counted.count++;
      else counts.set(kind, { kind, label, tone, rank, count: 1 });
    }
  }
  return { checked: rows.size, counts: inKindOrder([...counts.values()]), firstList: lists[0] ?? null };
}

/**
 * Reads the page's user lists, judges every row and marks it, and keeps doing so as the page
 * changes. Stopping (or the signal aborting) takes every mark away again.
 */
export function startInPageWarnings(options: InPageWarningsOptions): RowWatcher {
  const placements = new WeakMap<UserList, BadgePlacement>();
  const layerFrom = options.layerFromRows ?? LAYER_FROM_ROWS;
  // A list's badges go in its rows, or in a layer beside a big list (decided on its first badges, by
  // all its rows: the first may be only those in the window) or a list the grid draws again over
  // itself, whose rows' heights the grid keeps in line with its copies'.
  const layers = new Map<UserList, MarkLayer | null>();
  const layerOf = (list: UserList): MarkLayer | null => {
    let layer = layers.get(list);
    if (layer === undefined) {
      let size = 0;
      for (const watched of watcher.rows.values()) if (watched.list === list) size++;
      const big = Math.max(size, watcher.listed(list)) >= layerFrom;
      layer = big || list.drawnAgain ? createMarkLayer(list.marksOn ?? list.element) : null;
      layers.set(list, layer);
    }
    return layer;
  };
  // Badges change the list's layout, and a big table's layout is costly: rows get their verdict
  // attribute at once, and their badges all together once a batch of rows is judged, so the browser
  // lays the page out once, not per chunk. Only rows with findings get badges (and rows that had
  // some, to take them away): most rows of a big list are fine and cost nothing more than their
  // attribute.
  const pendingBadges = new Map<Element, Pick<WatchedRow, 'list' | 'row' | 'verdict'>>();
  const badged = new Map<Element, MarkLayer | null>();
  const flushBadges = () => {
    for (const [element, { list, row, verdict }] of pendingBadges) {
      if (!element.isConnected) continue;
      const anchor = markAnchor(list, element);
      const flagged = verdict.findings.length > 0;
      const layer = layerOf(list);
      if (layer) layer.set(element, anchor, verdict, row.username);
      else {
        const placement = flagged ? placementFor(list, anchor, placements) : 'after';
        const after = flagged && placement === 'after' ? badgeSpot(anchor, row.username) : null;
        renderRowBadges(element, anchor, verdict, placement, after);
      }
      if (flagged) badged.set(element, layer);
      else badged.delete(element);
    }
    pendingBadges.clear();
    // Rows of a big list may have moved (sorted, filtered, grown): line its badges up again.
    for (const layer of layers.values()) layer?.place();
  };
  const forgetLists = (lists: readonly UserList[]) => {
    for (const [list, layer] of layers) {
      if (lists.includes(list)) continue;
      layer?.destroy();
      layers.delete(list);
    }
  };
  const watcher = watchUserRows({
    root: options.root,
    adapter: options.adapter,
    evaluate: options.evaluate,
    yieldToPage: options.yieldToPage,
    budgetMs: options.budgetMs,
    now: options.now,
    onRow(element, { list, row, verdict }) {
      setRowVerdict(element, verdict);
      if (verdict.findings.length > 0 || badged.has(element))
        pendingBadges.set(element, { list, row, verdict });
      else pendingBadges.delete(element);
    },
    onForget(element) {
      unmarkRow(element);
      badged.get(element)?.remove(element);
      badged.delete(element);
      pendingBadges.delete(element);
    },
    onShownJudged() {
      flushBadges();
      options.onShownMarked?.();
      return afterNextPaint();
    },
    onSettled(rows, lists) {
      forgetLists(lists);
      flushBadges();
      options.onSummary?.(summarise(rows, lists));
    },
  });
  const stop = () => {
    watcher.stop();
    pendingBadges.clear();
    // Every row the watcher holds is marked.
    for (const element of watcher.rows.keys()) unmarkRow(element);
    forgetLists([]);
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
    listed: (list) => watcher.listed(list),
    settled: () => watcher.settled(),
    rejudge: () => watcher.rejudge(),
    stop,
  };
}
