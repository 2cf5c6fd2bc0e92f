import '../../lib/zod-jitless';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { PageRow } from '../../../shared/schemas/page-row';
import { sendToBackground } from '../../lib/messaging';
import type { PageAdapter } from '../../lib/page/adapter-schema';
import { adapterForUrl } from '../../lib/page/adapters';
import { pageDateOrder } from '../../lib/page/date-order';
import { type JudgePageRows, verdictsOf } from '../../lib/page/evaluate';
import { watchFrameDocuments } from '../../lib/page/frames';
import { afterNextPaint, type PageSummary, startInPageWarnings } from '../../lib/page/in-page-warnings';
import { connectPageJudge } from '../../lib/page/judge-port';
import { isHtmlElement } from '../../lib/page/nodes';
import { GATHERING_EXPIRES_MS, type Gathered, gatheringKey, gatherShownPage } from '../../lib/page/paging';
import { readRow } from '../../lib/page/read-row';
import { besideList, LAYER_TAG } from '../../lib/page/row-marks';
import { watchShadowRoots } from '../../lib/page/shadow-roots';
import { defaultYield } from '../../lib/page/watch-user-rows';
import { listGatheringsItem, pageAdaptersItem } from '../../lib/storage';
import { Banner, type GatheredPaging, type SyncState, wholeListSeen } from './banner';
import bannerStyles from './banner.css?inline';

/**
 * Resolves once the page has loaded and drawn itself: a big user list is read only then, so the
 * page's own load, layout and first paint never wait on Rollcall. A hidden page draws nothing, so
 * there only the load is waited for.
 */
async function pageLoadedAndDrawn(ctx: ContentScriptContext): Promise<void> {
  if (document.readyState !== 'complete') {
    await new Promise<void>((resolve) =>
      ctx.addEventListener(window, 'load', () => resolve(), { once: true }),
    );
  }
  if (document.visibilityState !== 'visible') return;
  // A frame callback runs before its frame's layout and paint, and the task after it once they are
  // done; a big page draws twice after loading (the second repaints what the first laid out).
  const frameDrawn = () =>
    new Promise<void>((resolve) => {
      const fallback = setTimeout(resolve, 500);
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(fallback);
          resolve();
        }, 0),
      );
    });
  await frameDrawn();
  await frameDrawn();
}

export default defineContentScript({
  // Release builds register this script per configured system at run time; the development build
  // also watches local pages so the demo works with no setup.
  matches: __ROLLCALL_DEV_PAGES__ ? ['http://localhost/*', 'http://127.0.0.1/*'] : [],
  registration: __ROLLCALL_DEV_PAGES__ ? 'manifest' : 'runtime',
  // Injected before the page parses, where loading the script delays nothing (injected after the
  // page's content, Chromium lets the page's first layout run ahead of its load event, and the page
  // loads 30–50 % later); the script then does nothing until the page has loaded and drawn.
  runAt: 'document_start',
  // The banner's stylesheet is part of the script and goes straight into its shadow root: nothing
  // to fetch from the extension when the page is marked, and no file a site could probe for.
  cssInjectionMode: 'manual',
  async main(ctx) {
    // Asked of the extension while the page loads, so both are ready when reading starts: the
    // adapters from its storage, and the background (which judges the rows) told a page is coming.
    const adapters = pageAdaptersItem.getValue();
    const judge = connectPageJudge();
    await pageLoadedAndDrawn(ctx);
    if (!ctx.isValid) return;
    const named = await adapters;
    const pageAdapter = adapterForUrl(named, location.href);
    // A document's lists, and those its components draw in their shadow roots.
    const warnInDocument = (doc: Document, adapter: PageAdapter | null) => {
      warnIn(ctx, doc, judge, adapter);
      watchShadowRoots(doc, (shadow) => warnIn(ctx, shadow, judge, adapter), ctx.signal);
    };
    warnInDocument(document, pageAdapter);
    // A list in a frame of the page (an app that shows each screen in one) is the page's too: read
    // with the adapter its own address names, else the page's.
    watchFrameDocuments(
      document,
      (frameDocument) =>
        warnInDocument(frameDocument, adapterForUrl(named, frameDocument.URL) ?? pageAdapter),
      ctx.signal,
    );
  },
});

/**
 * The in-page warnings on one document or shadow root: the page's own, a frame's of the same
 * origin, or a component's. The rows are judged, and a list synced, as the page's (`location.href`,
 * the address the admin's pattern names); a paged list's pages are gathered by the document's own
 * address.
 */
function warnIn(
  ctx: ContentScriptContext,
  root: Document | ShadowRoot,
  judge: ReturnType<typeof connectPageJudge>,
  adapter: PageAdapter | null,
): void {
  // User timing marks, on the page's own document: the benchmark reads them to time the work
  // from start to all rows marked.
  const timed = root === document;
  const doc = 'defaultView' in root ? root : root.ownerDocument;
  const mark = (name: string) => {
    if (timed) performance.mark(name);
  };
  mark('rollcall:start');
  let settledOnce = false;
  let shownOnce = false;
  let bannerOnce = false;
  // The background judges the rows (page alone signed out; signed in, with what the directory
  // knows: leavers, dormant, excess, unowned and known shared logins); this script only reads the
  // page and draws the marks.
  // Signed in to a firm whose directory holds no login of this system: the banner asks for a sync.
  let unsynced = false;
  const evaluate: JudgePageRows = async (logins) => {
    const answer = await judge({ pageUrl: location.href, logins: [...logins] });
    unsynced = answer.unsynced === true;
    return verdictsOf(logins.length, answer);
  };
  let summary: PageSummary = { checked: 0, counts: [], firstList: null };
  let sync: SyncState = { state: 'idle' };
  // The banner is made once the rows are marked, in the task that puts it in: nothing of it holds
  // up the reading of the rows.
  let banner: BannerHost | null = null;
  const makeBanner = () => {
    if (banner) return;
    const made = bannerIn(doc);
    banner = made;
    ctx.onInvalidated(() => {
      render(null, made.drawn);
      made.host.remove();
    });
  };

  // The whole rows are read when they are sent: only who each row is was read to mark it.
  const snapshotRows = (): PageRow[] =>
    [...warnings.rows].flatMap(([element, { list }]) => readRow(list, element) ?? []);

  // A paged list's pages, gathered as the admin pages through it (here and on earlier page loads).
  let gathered: Gathered | null = null;
  let paging: GatheredPaging | null = null;
  const gatherings = listGatheringsItem.getValue();
  const gatherPage = async () => {
    const list = summary.firstList;
    if (!list) return;
    const shown = [...warnings.rows].filter(([, watched]) => watched.list === list);
    const key = gatheringKey(doc.URL);
    gathered ??= (await gatherings)[key] ?? null;
    const next = gatherShownPage(
      list.element,
      { count: shown.length, read: () => shown.flatMap(([element]) => readRow(list, element) ?? []) },
      gathered,
      doc.URL,
      Date.now(),
    );
    if (!next) return;
    paging = next.paging;
    drawBanner();
    if (!next.gathered) return;
    gathered = next.gathered;
    await listGatheringsItem.setValue(withGathering(await listGatheringsItem.getValue(), key, gathered));
  };

  const onSync = async (complete: boolean, confirmRemovals = false) => {
    sync = { state: 'sending' };
    drawBanner();
    try {
      const page = new URL(location.href);
      sync = await sendToBackground('syncPageSnapshot', {
        pageUrl: `${page.origin}${page.pathname}`,
        systemId: adapter?.systemId ?? null,
        capturedAt: Date.now(),
        dateOrder: pageDateOrder(doc, summary.firstList?.element.textContent),
        complete: paging ? wholeListSeen(paging) : complete,
        ...(confirmRemovals ? { confirmRemovals } : {}),
        rows: paging && gathered ? Object.values(gathered.rows) : snapshotRows(),
      });
    } catch (error) {
      sync = {
        state: 'failed',
        reason: error instanceof Error ? error.message : 'the extension did not answer',
      };
    }
    drawBanner();
    // The directory now holds the list: its rows are judged again with what it knows (owners,
    // leavers), without reloading the page.
    if (sync.state === 'synced') warnings.rejudge();
  };

  const drawBanner = () => {
    if (banner) {
      render(
        <Banner
          checked={summary.checked}
          counts={summary.counts}
          sync={sync}
          unsynced={unsynced}
          paging={paging}
          onSync={onSync}
        />,
        banner.drawn,
      );
    }
  };

  // The banner follows the first user list (beside its rows' badges, when they are in a layer; the
  // box the list scrolls in, where it has one: see listScroller), and sticks to the bottom of the
  // window while the list is on screen: put above the list, it
  // would push the whole list down, which costs a big list a full repaint. A page that re-renders
  // the list (or only shows one after load) gets it back after the new one.
  const bannerAnchor = () => {
    const list = summary.firstList?.element;
    if (!list) return null;
    const beside = besideList(list);
    const scroller = listScroller(beside);
    if (scroller) return scroller;
    const next = beside.nextElementSibling;
    return next?.tagName === LAYER_TAG.toUpperCase() ? next : beside;
  };
  const placeBanner = () => {
    const anchor = bannerAnchor();
    if (!banner || !anchor || !ctx.isValid) return;
    const { host } = banner;
    if (!host.isConnected || host.previousElementSibling !== anchor)
      anchor.parentNode?.insertBefore(host, anchor.nextSibling);
    drawBanner();
    if (!bannerOnce) {
      bannerOnce = true;
      mark('rollcall:banner');
    }
  };

  const warnings = startInPageWarnings({
    root,
    adapter,
    evaluate,
    signal: ctx.signal,
    // Between chunks the page gets control back (scheduler.yield where the browser has it); the
    // watcher stops at the next chunk once ctx.signal aborts, when the extension is reloaded or removed.
    yieldToPage: defaultYield,
    budgetMs: 20,
    onShownMarked() {
      if (shownOnce || settledOnce) return;
      shownOnce = true;
      mark('rollcall:shown');
    },
    onSummary(next) {
      summary = next;
      if (!settledOnce && next.checked > 0) {
        settledOnce = true;
        mark('rollcall:settled');
      }
      // The rows' marks are in; the banner follows once they are drawn, and a paged list's page
      // is taken into its gathering in a task of its own. Put in before, the banner (in the page's
      // flow) had the browser walk the whole page in the frame that draws the marks: on a
      // 5,000-row list that frame and the gathering made long tasks.
      void afterNextPaint().then(makeBanner).then(placeBanner).then(defaultYield).then(gatherPage);
    },
  });
}

/** How far up from a list the box it scrolls in may be: a data-table library's wrappers. */
const SCROLLER_LEVELS = 7;

/**
 * The outermost box round a list that scrolls or clips it and is shorter than the window: a data
 * table whose rows scroll under a fixed header (Ant Design, Element Plus, DataTables, Kendo UI), a
 * list in a scrolling panel. The banner goes after it: inside, it would stick to the box's bottom,
 * over the rows. Boxes the page positions on their own (a dialog, a drawer) are not left, nor the
 * page's body; null where nothing scrolls round the list. A grid that places its parts itself
 * inside a box of its own (w2ui lays its header and rows out absolutely in a box of a set size) is
 * left whole: an absolutely placed box is passed where the box it is placed in (past boxes placed
 * absolutely in turn) clips and is shorter than the window.
 */
function listScroller(beside: Element): Element | null {
  const doc = beside.ownerDocument;
  const view = doc.defaultView;
  if (!view) return null;
  const shorterThan = view.innerHeight * 0.8;
  const scrollsOrClips = (box: Element, style: CSSStyleDeclaration) =>
    (style.overflowX !== 'visible' || style.overflowY !== 'visible') &&
    box.getBoundingClientRect().height < shorterThan;
  let found: Element | null = null;
  let box = beside.parentElement;
  for (let level = 0; box && box !== doc.body && level < SCROLLER_LEVELS; level++) {
    const style = view.getComputedStyle(box);
    if (style.position === 'fixed') break;
    if (style.position === 'absolute') {
      // The box it is placed in, past boxes placed absolutely in turn.
      let holder = isHtmlElement(box) ? box.offsetParent : null;
      while (holder && holder !== doc.body && view.getComputedStyle(holder).position === 'absolute')
        holder = isHtmlElement(holder) ? holder.offsetParent : null;
      if (!holder || holder === doc.body || !scrollsOrClips(holder, view.getComputedStyle(holder))) break;
    }
    if (scrollsOrClips(box, style)) found = box;
    box = box.parentElement;
  }
  return found;
}

/** The banner's host element, and the element inside its shadow root the banner is drawn into. */
interface BannerHost {
  host: HTMLElement;
  drawn: HTMLElement;
}

/**
 * The banner's host, `<rollcall-banner>`, with its stylesheet in an open shadow root: the page's
 * styles do not reach it, nor its styles the page. All of it is made by the document it goes in:
 * in a frame's, elements the page's document made carry the page's custom element registry, and
 * Chromium then refuses to make the banner's elements there.
 */
function bannerIn(doc: Document): BannerHost {
  const host = doc.createElement('rollcall-banner');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = bannerStyles;
  const drawn = doc.createElement('div');
  shadow.append(style, drawn);
  return { host, drawn };
}

/** The gatherings with one list's updated, and those left for an hour dropped. */
function withGathering(
  all: Record<string, Gathered>,
  key: string,
  gathered: Gathered,
): Record<string, Gathered> {
  const now = Date.now();
  const kept = Object.fromEntries(
    Object.entries(all).filter(([, other]) => now - other.updatedAt <= GATHERING_EXPIRES_MS),
  );
  return { ...kept, [key]: gathered };
}
