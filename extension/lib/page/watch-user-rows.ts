import type { PageLogin } from '../../../shared/schemas/page-row';
import type { PageAdapter } from './adapter-schema';
import { hidingClass, MARK_TAG_PREFIX } from './cell-text';
import type { JudgePageRows, RowVerdict } from './evaluate';
import type { ShownLines } from './list-layout';
import { isDocument, isElement } from './nodes';
import { readLogin } from './read-row';
import {
  arrivalCallsForRescan,
  findUserLists,
  LIST_SELECTOR,
  RESCAN_SELECTOR,
  type UserList,
} from './user-lists';

/** The attributes a page shows or hides a part of itself by. */
const SHOWING_ATTRIBUTES = ['hidden', 'class', 'style', 'aria-hidden'];

/**
 * Whether an attribute's change showed an element that holds something: its `hidden` or
 * `aria-hidden` taken away, `display: none` or a hiding class (`hidden`, `d-none`) dropped, or a
 * class added that shows a tab's panel (Bootstrap's `active`, `show`). Ghost shows its staff by role
 * in tabs, each panel classed `hidden` until its tab is picked.
 */
function shownNow(record: MutationRecord): boolean {
  const target = record.target as Element;
  if (target.childElementCount === 0 || target.tagName.startsWith(MARK_TAG_PREFIX)) return false;
  const before = record.oldValue ?? '';
  switch (record.attributeName) {
    case 'hidden':
      return !target.hasAttribute('hidden');
    case 'aria-hidden':
      return before === 'true' && target.getAttribute('aria-hidden') !== 'true';
    case 'style':
      return DISPLAY_NONE.test(before) && !DISPLAY_NONE.test(target.getAttribute('style') ?? '');
    default: {
      const after = target.getAttribute('class') ?? '';
      return (
        (hidingClass(before) && !hidingClass(after)) ||
        (!SHOWING_CLASS.test(before) && SHOWING_CLASS.test(after))
      );
    }
  }
}
const DISPLAY_NONE = /display:\s*none/;
const SHOWING_CLASS = /(?:^|\s)(?:active|show|shown|open|is-active|is-open|in)(?:\s|$)/;

export interface WatchedRow {
  list: UserList;
  /** Who the row is, as read when it was judged (the whole row is read when the list is synced). */
  row: PageLogin;
  verdict: RowVerdict;
}

/** A row read and waiting for its verdict. */
interface Unjudged {
  element: Element;
  list: UserList;
  row: PageLogin;
}

/** Whether two reads of a row show the same login: the same verdict holds. */
const sameLogin = (a: PageLogin, b: PageLogin) =>
  a.username === b.username &&
  a.displayName === b.displayName &&
  a.email === b.email &&
  a.status === b.status;

const loginKey = (row: PageLogin) =>
  `${row.username}\u0000${row.displayName}\u0000${row.email}\u0000${row.status}`;

export interface WatchUserRowsOptions {
  /** Where the lists are: a document, or a component's shadow root (`shadow-roots.ts`). */
  root?: Document | ShadowRoot;
  adapter?: PageAdapter | null;
  /** Judges a batch of rows; may answer later (the content script asks the background). */
  evaluate: JudgePageRows;
  /** A row was read and judged (first time, or its content changed). */
  onRow(element: Element, watched: WatchedRow): void;
  /** A row left the page (paging, filtering, removal): its marks can go. */
  onForget?(element: Element): void;
  /**
   * The rows in the window of a list too long for one batch were judged ahead of the rest: time to
   * mark them. The reading of the rest waits for what this returns (the marks drawn).
   */
  onShownJudged?(rows: ReadonlyMap<Element, WatchedRow>, lists: readonly UserList[]): void | Promise<void>;
  /** A batch of work is done and the page's rows are all judged: time to refresh the summary. */
  onSettled?(rows: ReadonlyMap<Element, WatchedRow>, lists: readonly UserList[]): void;
  /** Hands control back to the page between chunks. */
  yieldToPage?: () => Promise<void>;
  /** How long one chunk of work may run before yielding, in ms (long tasks are 50 ms and up). */
  budgetMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

export interface RowWatcher {
  /** Every user row on the page now, with what was read and decided. */
  readonly rows: ReadonlyMap<Element, WatchedRow>;
  readonly lists: readonly UserList[];
  /** How many rows a list had when they were last listed (its rows may not all be judged yet). */
  listed(list: UserList): number;
  /** Resolves once every row queued so far has been judged. */
  settled(): Promise<void>;
  /**
   * Judges every row on the page again, as what decides them changed (the list was just synced): each
   * keeps its marks until its new answer comes.
   */
  rejudge(): void;
  stop(): void;
}

/** How many read rows go to be judged in one message. */
const BATCH_ROWS = 500;

/** The most rows of a list taken as in the window (a tall window of short rows). */
const ON_SCREEN_ROWS = 200;

/**
 * How long the reading waits for the answer about the rows in the window before it reads on. An
 * awake background answers a few dozen rows within a few milliseconds, and the page's thread is
 * free meanwhile; one just started answers later, with the rest.
 */
const ON_SCREEN_WAIT_MS = 50;

/**
 * The rows of a list that are in the window now, `rows` being the list's rows in document order:
 * found by a binary search over their positions (a list's rows go down the page), so a 5,000-row
 * list costs a dozen position reads. Empty where the list is off screen or has no layout.
 */
function rowsOnScreen(rows: readonly Element[], viewHeight: number): Element[] {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((rows[middle] as Element).getBoundingClientRect().bottom <= 0) low = middle + 1;
    else high = middle;
  }
  const shown: Element[] = [];
  for (let index = low; index < rows.length && shown.length < ON_SCREEN_ROWS; index++) {
    const row = rows[index] as Element;
    const { top, height } = row.getBoundingClientRect();
    if (top >= viewHeight) break;
    if (height > 0) shown.push(row);
  }
  return shown;
}

/** Resolves once `promise` settles, or after `ms` if it has not by then. */
function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.then(() => undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * `scheduler.yield()` where the browser has it (the page's input and rendering go first, then the
 * work resumes ahead of other tasks), else `yieldToTasks`.
 */
export function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return yieldToTasks();
}

/**
 * A message-channel macrotask: the tasks already waiting (a message from the extension among them)
 * run first. Unlike a nested `setTimeout(0)`, it is not clamped to 4 ms.
 */
export function yieldToTasks(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Finds the user lists of a page and judges each of their rows once: rows present at start, rows a
 * single-page app renders later, re-renders (paging, sorting, filtering) and virtualised lists. A row
 * whose content changes is read again; a row that leaves the page is forgotten. The reading runs in
 * chunks of at most `budgetMs` with the page given control between them, so a 5,000-row list never
 * blocks the page for long, and rows are sent to be judged as they are read, so the judging of one
 * chunk and the reading of the next go on side by side.
 */
export function watchUserRows(options: WatchUserRowsOptions): RowWatcher {
  const root = options.root ?? document;
  const adapter = options.adapter ?? null;
  const budget = options.budgetMs ?? 30;
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? defaultYield;
  const rows = new Map<Element, WatchedRow>();
  // Re-rendered rows with the same content (a sort, a page back) reuse the verdict already made. The
  // verdicts are put in by their content only once the page's rows were all judged: until then every
  // row read is new, and a list's first read builds no keys.
  const verdictCache = new Map<string, RowVerdict>();
  const uncached: [PageLogin, RowVerdict][] = [];
  let judgedOnce = false;
  const knownVerdict = (row: PageLogin): RowVerdict | undefined => {
    if (!judgedOnce || (uncached.length === 0 && verdictCache.size === 0)) return undefined;
    for (const [seen, verdict] of uncached) verdictCache.set(loginKey(seen), verdict);
    uncached.length = 0;
    return verdictCache.get(loginKey(row));
  };
  let lists: UserList[] = [];
  // Rows waiting to be judged, with their list when it is already known.
  const queue = new Map<Element, UserList | undefined>();
  // Of the rows queued, those in the window, queued first and judged in a batch of their own.
  const onScreen = new Set<Element>();
  // How many rows each list had when they were last listed.
  const listedRows = new WeakMap<UserList, number>();
  // Rows sent to be judged, by the read whose answer they wait for: a row read again meanwhile (or
  // forgotten) takes no answer meant for what it showed before.
  const awaited = new Map<Element, Unjudged>();
  // Batches sent and not answered yet: the page's thread reads on while the background judges them.
  const judging = new Set<Promise<void>>();
  let rescanNeeded = true;
  // Lists were found whose rows are not queued yet.
  let enqueueNeeded = false;
  let sweepNeeded = false;
  let running: Promise<void> | null = null;
  // Ends the work's wait for answers: there is something to read.
  let wake: (() => void) | null = null;
  let stopped = false;
  // Nobody answered: the extension was reloaded or removed, and its context is about to stop this
  // watcher. Stop working now rather than ask again.
  let unanswered = false;
  // Each list's shown text, read whole when its first row is read (a line per row), for the rows
  // not read since: a row's line goes once it is read, and every line goes once the page changes.
  const shown = new Map<UserList, ShownLines | null>();

  const listOf = (element: Element): UserList | undefined => lists.find((list) => list.isRow(element));

  const rowOf = (node: Node): Element | null => {
    let element: Element | null = isElement(node) ? node : node.parentElement;
    while (element) {
      const list = lists.find((candidate) => candidate.element.contains(element));
      if (!list) return null;
      const row = element.closest(list.rowSelector);
      if (!row || !list.element.contains(row)) return null;
      if (list.isRow(row)) return row;
      element = row.parentElement;
    }
    return null;
  };

  const rescan = () => {
    rescanNeeded = false;
    const found = findUserLists(root, adapter);
    const known = new Map(lists.map((list) => [list.element, list]));
    // Keep the list objects already known so rows stay attached to them.
    lists = found.map((list) => known.get(list.element) ?? list);
    for (const list of shown.keys()) if (!lists.includes(list)) shown.delete(list);
    enqueueNeeded = true;
    sweepNeeded = true;
  };

  /**
   * Queues the rows of the lists found, those not judged yet. Where they are more than one batch,
   * those in the window go first: the admin sees them marked while the rest are read.
   */
  const enqueue = () => {
    enqueueNeeded = false;
    const listed = lists.map((list) => ({ list, all: list.rows() }));
    let fresh = 0;
    for (const { list, all } of listed) {
      listedRows.set(list, all.length);
      for (const row of all) if (!rows.has(row)) fresh++;
    }
    if (fresh > BATCH_ROWS) {
      const viewHeight = (isDocument(root) ? root : root.ownerDocument).defaultView?.innerHeight ?? 0;
      for (const { list, all } of listed)
        for (const row of rowsOnScreen(all, viewHeight)) {
          if (rows.has(row)) continue;
          queue.set(row, list);
          onScreen.add(row);
        }
    }
    for (const { list, all } of listed) for (const row of all) if (!rows.has(row)) queue.set(row, list);
  };

  const sweep = () => {
    sweepNeeded = false;
    for (const [element, watched] of rows) {
      if (!element.isConnected || !lists.includes(watched.list) || !watched.list.isRow(element))
        forget(element);
    }
  };

  const forget = (element: Element) => {
    awaited.delete(element);
    if (!rows.delete(element)) return;
    options.onForget?.(element);
  };

  /**
   * Reads a queued row. A row whose content is unchanged needs nothing; one whose content was judged
   * before (a sort, a page back) gets that verdict at once; any other comes back to be judged.
   */
  const read = (element: Element, queuedIn: UserList | undefined, wholeList = true): Unjudged | null => {
    awaited.delete(element);
    const list = queuedIn && lists.includes(queuedIn) ? queuedIn : listOf(element);
    if (!list || !element.isConnected) {
      forget(element);
      return null;
    }
    const row = readLogin(list, element, wholeList ? shownLine(list, element) : undefined);
    if (!row) {
      forget(element);
      return null;
    }
    const watched = rows.get(element);
    if (watched && sameLogin(watched.row, row)) return null;
    const known = knownVerdict(row);
    if (known) {
      keep(element, { list, row }, known);
      return null;
    }
    return { element, list, row };
  };

  /** The row's line of its list's shown text, read on the list's first row; once only. */
  const shownLine = (list: UserList, element: Element): string | undefined => {
    let lines = shown.get(list);
    if (lines === undefined) {
      lines = list.shownLines?.() ?? null;
      shown.set(list, lines);
    }
    const line = lines?.get(element);
    if (line !== undefined) lines?.delete(element);
    return line;
  };

  const keep = (element: Element, { list, row }: Omit<Unjudged, 'element'>, verdict: RowVerdict) => {
    const watched = { list, row, verdict };
    rows.set(element, watched);
    options.onRow(element, watched);
  };

  // The window's rows being drawn, once their answer came: the reading waits for it before reading on.
  let drawing: Promise<void> | null = null;
  // The window's rows were sent and their answer has not come yet.
  let windowAwaited = false;

  /**
   * Sends a batch to be judged at once, so the background judges it while the rest of the chunk is
   * read, and marks its rows when the answer comes, in a task of its own. Resolves once they are.
   * The window's rows (`inWindow`) are drawn as soon as they are marked.
   */
  const judge = (batch: Unjudged[], inWindow = false): Promise<void> => {
    for (const unjudged of batch) awaited.set(unjudged.element, unjudged);
    const answered = new Promise<readonly RowVerdict[]>((resolve) =>
      resolve(options.evaluate(batch.map((unjudged) => unjudged.row))),
    )
      .then(
        (verdicts) => {
          batch.forEach((unjudged, index) => {
            const verdict = verdicts[index] ?? { findings: [] };
            uncached.push([unjudged.row, verdict]);
            // A row read again meanwhile, or gone, or queued anew, is not marked with this answer.
            if (awaited.get(unjudged.element) !== unjudged) return;
            awaited.delete(unjudged.element);
            if (stopped || !unjudged.element.isConnected || queue.has(unjudged.element)) return;
            keep(unjudged.element, unjudged, verdict);
          });
          if (inWindow && !stopped) drawing = Promise.resolve(options.onShownJudged?.(rows, lists));
        },
        () => {
          unanswered = true;
        },
      )
      .finally(() => {
        judging.delete(answered);
        if (inWindow) windowAwaited = false;
      });
    if (inWindow) windowAwaited = true;
    judging.add(answered);
    return answered;
  };

  /** The window's rows were marked: they are drawn before the reading goes on. */
  const drawWindow = async () => {
    const drawn = drawing;
    drawing = null;
    await drawn;
  };

  const toRead = () => rescanNeeded || enqueueNeeded || sweepNeeded || queue.size > 0;

  const work = async () => {
    while (!stopped && !unanswered && (toRead() || judging.size > 0)) {
      if (toRead()) {
        const start = now();
        // On a big list, finding the lists, listing their rows and reading a table whole take 10-30 ms
        // each: once half the chunk's budget is spent, the next of them waits for a chunk of its own
        // rather than make one long task of them all.
        const halfSpent = () => now() - start >= budget / 2;
        if (rescanNeeded) rescan();
        if (enqueueNeeded && !halfSpent()) enqueue();
        if (sweepNeeded) sweep();
        // Checked before each row, so a chunk that spent its time finding the lists reads none.
        let batch: Unjudged[] = [];
        // The answer about the window's rows, once they are sent.
        let windowAnswer: Promise<void> | null = null;
        for (const [element, list] of queue) {
          if (now() - start >= budget) break;
          // A list's shown text is read whole with its first row not in the window. The rows in the
          // window, a few dozen, are read cell by cell, so they go to be judged without waiting for it.
          const inWindow = onScreen.delete(element);
          if (!inWindow && list?.shownLines && !shown.has(list) && halfSpent()) break;
          queue.delete(element);
          const unjudged = read(element, list, !inWindow);
          if (unjudged) batch.push(unjudged);
          // The window's rows go as soon as they are read, in a batch of their own.
          if (inWindow && onScreen.size === 0) {
            if (batch.length > 0) windowAnswer = judge(batch, true);
            batch = [];
            break;
          }
          // Sent as they are read, a few hundred at a time, so the background judges while the rest
          // are read and the last answer is a short one.
          if (batch.length >= BATCH_ROWS) {
            judge(batch);
            batch = [];
          }
        }
        if (batch.length > 0) judge(batch);
        // User timing, for the benchmark and the browser's performance panel; no effect on the page.
        performance.measure?.('rollcall:chunk', { start, end: now() });
        // The page's thread waits a little for the answer about the window's rows (the background has
        // the machine to itself meanwhile). A later answer is taken in between the next chunks.
        if (windowAnswer) await waitAtMost(windowAnswer, ON_SCREEN_WAIT_MS);
        await drawWindow();
      } else {
        // Everything is read: the page has control until the last answers come, or a change on the
        // page calls for reading again meanwhile.
        await new Promise<void>((resolve) => {
          wake = resolve;
          Promise.all(judging).then(() => resolve());
        });
        wake = null;
      }
      // Every chunk hands control back to the page, and the settled step (which puts the badges
      // in) gets a task of its own. While the window's answer is awaited, the tasks already waiting
      // go first: its message is one (scheduler.yield would resume the reading ahead of it, and the
      // window would be drawn only once every row is read, as it was when a stopped background was
      // slow to answer).
      await (windowAwaited ? yieldToTasks() : yieldToPage());
      await drawWindow();
      if (stopped || unanswered || toRead() || judging.size > 0) continue;
      judgedOnce = true;
      options.onSettled?.(rows, lists);
    }
    running = null;
  };

  const kick = () => {
    if (stopped) return;
    if (running) wake?.();
    else running = Promise.resolve().then(work);
  };

  const isOurs = (node: Node) => isElement(node) && node.tagName.startsWith(MARK_TAG_PREFIX);

  const observer = new MutationObserver((records) => {
    let pageChanged = false;
    for (const record of records) {
      if (record.type === 'attributes') {
        // A part of the page shown (a tab's panel, a section opened) may hold a list not taken
        // before: a list that does not show is none.
        if (!rescanNeeded && shownNow(record) && !lists.some((list) => list.element.contains(record.target)))
          rescanNeeded = true;
        continue;
      }
      if (record.type === 'characterData') {
        pageChanged = true;
        const row = rowOf(record.target);
        if (row) queue.set(row, undefined);
        continue;
      }
      let changed = false;
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 && node.nodeType !== 3) continue;
        if (isOurs(node)) continue;
        changed = true;
        if (isElement(node)) {
          // A new list, or what a layout watches for (a header drawn late), needs a fresh look at the
          // page.
          if (
            node.matches(RESCAN_SELECTOR) ||
            node.querySelector(LIST_SELECTOR) ||
            (!lists.some((list) => list.element.contains(node)) && arrivalCallsForRescan(node))
          )
            rescanNeeded = true;
          else if (
            adapter?.listSelector &&
            (node.matches(adapter.listSelector) || node.querySelector(adapter.listSelector))
          )
            rescanNeeded = true;
          for (const list of lists) {
            if (!list.element.contains(node)) continue;
            if (list.isRow(node)) queue.set(node, list);
            else
              for (const row of node.querySelectorAll(list.rowSelector))
                if (list.isRow(row)) queue.set(row, list);
          }
        }
      }
      for (const node of record.removedNodes) {
        if (isOurs(node)) continue;
        changed = true;
        if (isElement(node)) sweepNeeded = true;
      }
      if (changed) {
        pageChanged = true;
        // Text or children changed inside a row: read it again.
        const row = rowOf(record.target);
        if (row) queue.set(row, undefined);
      }
    }
    // What was read of the lists' shown text may no longer be what they show.
    if (pageChanged) for (const lines of shown.values()) lines?.clear();
    kick();
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
    attributeFilter: SHOWING_ATTRIBUTES,
    attributeOldValue: true,
  });

  const stop = () => {
    stopped = true;
    observer.disconnect();
    queue.clear();
    onScreen.clear();
  };
  options.signal?.addEventListener('abort', stop, { once: true });

  // The first work starts in a task of its own, not in the one that started the watcher (the content
  // script's start, which compiles and sets up about as much again as finding the lists costs).
  running = yieldToPage().then(work);
  return {
    rows,
    get lists() {
      return lists;
    },
    listed: (list) => listedRows.get(list) ?? 0,
    async settled() {
      // Mutation records arrive as a microtask after the change; let them land first.
      await new Promise((resolve) => setTimeout(resolve, 0));
      while (running) await running;
    },
    rejudge() {
      if (stopped) return;
      // The verdicts kept by content are the old ones. The rows are as they were read: sent again
      // without reading the page.
      verdictCache.clear();
      uncached.length = 0;
      judgedOnce = false;
      const all = [...rows].map(([element, { list, row }]) => ({ element, list, row }));
      for (let at = 0; at < all.length; at += BATCH_ROWS) judge(all.slice(at, at + BATCH_ROWS));
      kick();
    },
    stop,
  };
}
