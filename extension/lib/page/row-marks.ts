import { sendToBackground } from '../messaging';
import type { ConsolePlace, RowVerdict } from './evaluate';
import { inKindOrder, verdictAttribute } from './evaluate';
import { isElement, isHtmlElement } from './nodes';
import styles from './row-marks.css?inline';

/** The element that holds a row's badges; its name keeps it apart from the page's own markup. */
export const MARKS_TAG = 'rollcall-marks';
/** The attribute tests and automation read a row's verdict from. */
export const VERDICT_ATTRIBUTE = 'data-rollcall';

let nextTipId = 0;

/**
 * Where a row's badges go in the login's cell: after the login; before it where the cell clips its
 * text (they would be cut off after it); on a line of their own under it where the cell does not
 * wrap (after it they would run on into the next column).
 */
export type BadgePlacement = 'after' | 'before' | 'below';

// Beside the login in a box the page lays out as a row of flex items (BookStack's name and email
// beside the avatar), the badges are not stretched to the box's height nor squeezed.
const HOST_STYLES: Record<BadgePlacement, string> = {
  after:
    'display: inline-flex; vertical-align: middle; align-self: center; flex: none; margin-inline-start: 6px;',
  before:
    'display: inline-flex; vertical-align: middle; align-self: center; flex: none; margin-inline-end: 6px;',
  below: 'display: flex; margin-block-start: 4px;',
};

/**
 * Marks one row: `data-rollcall` on the row, and a badge per finding next to the login, each with its
 * tip on hover and on keyboard focus. The badges live in a shadow root so the page's styles and
 * Rollcall's do not touch; every text from the page or the verdict goes in as text, never as HTML.
 */
export function markRow(
  row: Element,
  anchor: Element,
  verdict: RowVerdict,
  placement: BadgePlacement = 'after',
): void {
  setRowVerdict(row, verdict);
  renderRowBadges(row, anchor, verdict, placement);
}

/** `data-rollcall` alone: cheap, and no page style depends on it, so it never costs a layout. */
export function setRowVerdict(row: Element, verdict: RowVerdict): void {
  row.setAttribute(VERDICT_ATTRIBUTE, verdictAttribute(verdict));
}

/**
 * The badges alone: they change the row's layout, so callers batch them. `after`: the node in the
 * anchor they follow (the login's text), where they do not go at its end.
 */
export function renderRowBadges(
  row: Element,
  anchor: Element,
  verdict: RowVerdict,
  placement: BadgePlacement = 'after',
  after: Node | null = null,
): void {
  let host = markHostOf(row);
  if (verdict.findings.length === 0) {
    host?.remove();
    return;
  }
  if (!host || !anchor.contains(host)) {
    host?.remove();
    host = anchor.ownerDocument.createElement(MARKS_TAG);
    // Page rules such as `td * { font-size: 11px }` match the host itself; inline `all` wins.
    host.setAttribute('style', `all: initial; flex-wrap: wrap; gap: 4px; ${HOST_STYLES[placement]}`);
    host.attachShadow({ mode: 'open' });
    if (placement === 'before') anchor.insertBefore(host, anchor.firstChild);
    else if (after?.parentNode) after.parentNode.insertBefore(host, after.nextSibling);
    else anchor.appendChild(host);
  }
  const shadow = host.shadowRoot as ShadowRoot;
  prepare(shadow);
  renderBadges(shadow, verdict);
}

/** Takes a row's marks away, e.g. when the content script is stopped or replaced. */
export function unmarkRow(row: Element): void {
  row.removeAttribute(VERDICT_ATTRIBUTE);
  markHostOf(row)?.remove();
}

function markHostOf(row: Element): Element | null {
  return row.querySelector(MARKS_TAG);
}

// One parsed stylesheet shared by every row's shadow root where the browser can adopt it; a <style>
// per root otherwise.
let sharedSheet: CSSStyleSheet | null | undefined;
function styleShadow(shadow: ShadowRoot): void {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(styles);
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet) {
    try {
      shadow.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      // A content-script world that cannot share the sheet with the page: fall back.
    }
  }
  const style = shadow.ownerDocument.createElement('style');
  style.textContent = styles;
  shadow.appendChild(style);
}

// Listeners live on the shadow root, once per row, rather than on every badge.
function listen(shadow: ShadowRoot): void {
  const badgeOf = (event: Event) =>
    isHtmlElement(event.target) && event.target.classList.contains('badge') ? event.target : null;
  const tipOf = (badge: HTMLElement) => shadow.getElementById(badge.getAttribute('aria-describedby') ?? '');
  const show = (event: Event) => {
    const badge = badgeOf(event);
    const tip = badge && tipOf(badge);
    if (badge && tip) showTip(badge, tip);
  };
  const hide = (event: Event) => {
    const badge = badgeOf(event);
    const tip = badge ? tipOf(badge) : isElement(event.target) ? event.target.closest('.tip') : null;
    if (!isHtmlElement(tip)) return;
    // Moving from a badge into its tip (to press "Open in Rollcall") or back keeps the tip open.
    const next = (event as MouseEvent | FocusEvent).relatedTarget;
    const ownBadge = shadow.querySelector(`[aria-describedby="${tip.id}"]`);
    if (isElement(next) && (tip.contains(next) || next === ownBadge)) return;
    tip.hidden = true;
  };
  shadow.addEventListener('mouseover', show);
  shadow.addEventListener('focusin', show);
  shadow.addEventListener('mouseout', hide);
  shadow.addEventListener('focusout', hide);
  shadow.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape') hide(event);
  });
  // The badges sit inside the page's row: a click on one must not reach the row's own handlers, nor
  // follow the link a card drawn as one link holds them in (FreeScout's users).
  shadow.addEventListener('click', (event) => {
    event.stopPropagation();
    if (shadow.host.closest('a[href]')) event.preventDefault();
    const place = isHtmlElement(event.target) ? placeOf(event.target) : null;
    if (place) {
      void sendToBackground('openConsole', place);
      return;
    }
    const badge = badgeOf(event);
    const tip = badge && tipOf(badge);
    if (!badge || !tip) return;
    if (tip.hidden) showTip(badge, tip);
    else tip.hidden = true;
  });
}

const prepared = new WeakSet<ShadowRoot>();

function prepare(shadow: ShadowRoot): void {
  if (prepared.has(shadow)) return;
  prepared.add(shadow);
  styleShadow(shadow);
  listen(shadow);
}

/**
 * A badge and its tip per finding, most urgent first, into `container` (a shadow root or in one).
 * Answers the badges' labels, in that order.
 */
function renderBadges(container: ShadowRoot | HTMLElement, verdict: RowVerdict): string[] {
  const doc = container.ownerDocument;
  for (const old of container.querySelectorAll('.badge, .tip')) old.remove();
  const findings = inKindOrder(verdict.findings);
  for (const finding of findings) {
    const tipId = `rollcall-tip-${++nextTipId}`;
    const badge = doc.createElement('button');
    badge.type = 'button';
    badge.className = 'badge';
    badge.dataset.kind = finding.kind;
    badge.dataset.tone = finding.tone;
    badge.textContent = finding.label;
    badge.setAttribute('aria-describedby', tipId);

    // One text run in lines (`white-space: pre-line`): the title, the evidence, why, and the fix.
    const tip = doc.createElement('span');
    tip.id = tipId;
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    tip.hidden = true;
    const title = doc.createElement('strong');
    title.textContent = finding.title;
    tip.replaceChildren(
      title,
      doc.createTextNode(`\n${finding.evidence}\n${finding.tip.why}\nFix: ${finding.tip.fix}`),
    );
    if (finding.open) {
      const open = doc.createElement('button');
      open.type = 'button';
      open.className = 'open';
      open.textContent = 'Open in Rollcall';
      open.dataset.screen = finding.open.screen;
      open.dataset.id = finding.open.id;
      tip.appendChild(open);
    }
    container.appendChild(badge);
    container.appendChild(tip);
  }
  return findings.map((finding) => finding.label);
}

/** The console place an "Open in Rollcall" button stands for, or null for anything else. */
function placeOf(element: HTMLElement): ConsolePlace | null {
  const { screen, id } = element.dataset;
  if (!element.classList.contains('open') || !id) return null;
  return screen === 'staff' || screen === 'accounts' ? { screen, id } : null;
}

// Fixed to the viewport so a cell's `overflow: hidden` cannot clip it.
function showTip(badge: HTMLElement, tip: HTMLElement): void {
  tip.hidden = false;
  const box = badge.getBoundingClientRect();
  const view = badge.ownerDocument.defaultView;
  const below = box.bottom + 6;
  const fitsBelow = !view || below + tip.offsetHeight < view.innerHeight;
  tip.style.top = `${fitsBelow ? below : Math.max(4, box.top - tip.offsetHeight - 6)}px`;
  tip.style.left = `${Math.max(4, Math.min(box.left, (view?.innerWidth ?? 1024) - tip.offsetWidth - 4))}px`;
}

/** The element that holds the badges of a big list, beside it rather than in its rows. */
export const LAYER_TAG = 'rollcall-layer';
/** A layer's group drawn as dots, where its badges would run over the next cell. */
const COMPACT = 'compact';

/**
 * The badges of a big list, kept out of its rows. Anything put into a table's rows makes the browser
 * lay the whole table out again (about 300 ms for 5,000 rows, whichever rows change), so a big list's
 * badges go in one layer just after the list instead: a zero-size element where the list ends (out
 * of the page's flow where it may be, see `mayLeaveFlow`; it scrolls with the list), with each row's
 * badges placed over the row, just after the login's text.
 * Only the groups of rows within a screen or so of the window are drawn; the others come and go as
 * the page scrolls. Tab order reaches them after the list; each group is named after its login.
 */
export interface MarkLayer {
  /** Records a row's badges (none when the verdict has none); drawn at the next `place`. */
  set(row: Element, anchor: Element, verdict: RowVerdict, login: string): void;
  remove(row: Element): void;
  /** Lines every group up with its row (after changes, or when the list moved or resized). */
  place(): void;
  /** Takes the layer off the page. */
  destroy(): void;
}

interface LayerEntry {
  anchor: Element;
  verdict: RowVerdict;
  login: string;
  /** Drawn when near the window; redrawn when the verdict changes. */
  group: HTMLElement | null;
  drawn: RowVerdict | null;
  /**
   * Where the group goes, relative to the layer; null while the row shows nothing (hidden). Where
   * the login's text ends (`inline`) and where its cell ends (`end`, the left edge in a
   * right-to-left page) are measured only once the group is about to be drawn.
   */
  spot: { inline: number | null; end: number; top: number; height: number } | null;
  /** How wide the group is as badges and as dots, worked out when its badges are made. */
  widths: { badges: number; dots: number } | null;
}

/**
 * How wide groups of badges are, worked out without laying the page out: reading an element's
 * width on a 5,000-row page lays the page out (5–10 ms a time), while the badges' style (read from
 * a hidden badge and a hidden dot in the layer, which costs no layout) and their labels' widths
 * (measured on a canvas) tell it.
 */
function badgeMeasure(shadow: ShadowRoot): (labels: readonly string[]) => { badges: number; dots: number } {
  const doc = shadow.ownerDocument;
  const probe = (group: string) => {
    const holder = doc.createElement('span');
    holder.className = group;
    holder.hidden = true;
    const badge = doc.createElement('button');
    badge.className = 'badge';
    holder.appendChild(badge);
    shadow.appendChild(holder);
    return { group: holder, badge };
  };
  const full = probe('group');
  const dot = probe(`group ${COMPACT}`);
  let metrics: { text: CanvasRenderingContext2D | null; around: number; gap: number; dot: number } | null =
    null;
  return (labels) => {
    if (!metrics) {
      const view = doc.defaultView;
      const style = view?.getComputedStyle(full.badge);
      const px = (value: string | undefined) => Number.parseFloat(value ?? '') || 0;
      const text = doc.createElement('canvas').getContext('2d');
      if (text && style)
        text.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      metrics = {
        text,
        around:
          px(style?.paddingLeft) +
          px(style?.paddingRight) +
          px(style?.borderLeftWidth) +
          px(style?.borderRightWidth),
        gap: px(view?.getComputedStyle(full.group).columnGap),
        dot: px(view?.getComputedStyle(dot.badge).width),
      };
      full.group.remove();
      dot.group.remove();
    }
    const { text, around, gap, dot: size } = metrics;
    const gaps = gap * Math.max(0, labels.length - 1);
    const badges = labels.reduce((sum, label) => sum + (text?.measureText(label).width ?? 0) + around, gaps);
    // A pixel more, for the browser rounding the text's width otherwise than the canvas does.
    return { badges: Math.ceil(badges) + 1, dots: size * labels.length + gaps };
  };
}

/** What goes beside a list: the whole table when the list is part of one (an adapter may name a <tbody>). */
export function besideList(list: Element): Element {
  return list.closest('table') ?? list;
}

/**
 * Whether the layer after `beside` may be out of the page's flow. There, what changes in it is laid
 * out and painted alone where nothing positioned holds the list: in the flow, every change to it had
 * Chromium walk the whole page before painting (17 ms on a 5,000-row table). Out of the flow it
 * scrolls and is clipped with the box it is placed in (the nearest positioned one), so not where a
 * box that scrolls or clips (a table in an `overflow: auto` wrapper) stands between the list and
 * that box: its badges would stay behind as the list scrolls, and show outside it.
 */
function mayLeaveFlow(beside: Element): boolean {
  const doc = beside.ownerDocument;
  const view = doc.defaultView;
  const root = doc.documentElement;
  if (!view || !root) return false;
  const clips = (style: CSSStyleDeclaration) =>
    style.overflowX !== 'visible' || style.overflowY !== 'visible';
  // The body's overflow is the window's, unless the root's is set.
  const bodyScrolls = clips(view.getComputedStyle(root));
  for (let box = boxAround(beside); box && box !== root; box = boxAround(box)) {
    const style = view.getComputedStyle(box);
    if (style.position !== 'static' || style.transform !== 'none') return true;
    if ((box !== doc.body || bodyScrolls) && clips(style)) return false;
  }
  return true;
}

/** The element around `element`: its parent, or the host of the shadow root it is the top of. */
function boxAround(element: Element): Element | null {
  const around = element.parentElement;
  if (around) return around;
  const root = element.getRootNode();
  return 'host' in root && isElement(root.host) ? root.host : null;
}

/**
 * Where the text in a cell stands, from its first character's left to its last's right, as one box
 * (zero wide where it holds none). The text's, not its elements': a cell whose text is in a block
 * (Element UI's `div.cell`) would otherwise measure as wide as the cell.
 */
function textBox(anchor: Element, range: Range): { left: number; right: number; width: number } {
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  const walker = anchor.ownerDocument.createTreeWalker(anchor, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue?.trim()) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width === 0) continue;
    left = Math.min(left, box.left);
    right = Math.max(right, box.right);
  }
  return right > left ? { left, right, width: right - left } : { left: 0, right: 0, width: 0 };
}

export function createMarkLayer(list: Element): MarkLayer {
  const doc = list.ownerDocument;
  const view = doc.defaultView;
  const entries = new Map<Element, LayerEntry>();
  const beside = besideList(list);
  const host = doc.createElement(LAYER_TAG);
  host.setAttribute(
    'style',
    `all: initial; display: block; position: ${mayLeaveFlow(beside) ? 'absolute' : 'relative'}; width: 0; height: 0;`,
  );
  const shadow = host.attachShadow({ mode: 'open' });
  prepare(shadow);
  const widthsOf = badgeMeasure(shadow);
  let rtl = false;

  /** Makes a group's badges, or makes them again where its verdict changed. */
  const draw = (entry: LayerEntry) => {
    if (!entry.group) {
      entry.group = doc.createElement('span');
      entry.group.className = 'group';
      entry.group.setAttribute('role', 'group');
      shadow.appendChild(entry.group);
    }
    if (entry.drawn !== entry.verdict) {
      entry.group.setAttribute('aria-label', `Rollcall: ${entry.login}`);
      const labels = renderBadges(entry.group, entry.verdict);
      entry.group.classList.remove(COMPACT);
      entry.drawn = entry.verdict;
      entry.widths = widthsOf(labels);
    }
  };

  /** How much of the login's cell is left after its text. */
  const roomOf = ({ spot }: LayerEntry) =>
    spot?.inline == null ? Number.POSITIVE_INFINITY : rtl ? spot.inline - spot.end : spot.end - spot.inline;

  /**
   * Puts a drawn group in its place, just after the login's text. Badges that would run past the
   * login's cell, over the next one's text, are drawn as dots (each keeps its name, and its tip),
   * and dots that would too end at the cell's end. A group is as tall as the cell, its badges
   * centred in it; no transforms, which would give each group a paint layer of its own.
   */
  const position = (entry: LayerEntry) => {
    const { group, spot, widths } = entry;
    if (!group || spot?.inline == null || !widths) return;
    const room = roomOf(entry);
    const compact = widths.badges > room;
    group.classList.toggle(COMPACT, compact);
    const atEnd = compact && widths.dots > room;
    const at = atEnd ? spot.end : spot.inline;
    // Mirrored in a right-to-left page.
    const side = atEnd === rtl ? `left: ${at}px` : `right: ${-at}px`;
    group.setAttribute('style', `${side}; top: ${spot.top}px; height: ${spot.height}px`);
  };

  // Groups within a screen of the window are drawn, the others taken out: a layer of thousands of
  // badges would cost every frame that lays it out.
  const showNearWindow = () => {
    if (!host.isConnected) return;
    const base = host.getBoundingClientRect();
    const height = view?.innerHeight ?? 800;
    const near: LayerEntry[] = [];
    for (const entry of entries.values()) {
      const y = entry.spot ? base.top + entry.spot.top : Number.NaN;
      if (y > -height && y < 2 * height) near.push(entry);
      else if (entry.group) {
        entry.group.remove();
        entry.group = null;
        entry.drawn = null;
      }
    }
    // Every position is read before anything is drawn, so the page is laid out once.
    const range = doc.createRange();
    for (const entry of near) {
      if (entry.spot?.inline !== null) continue;
      const text = textBox(entry.anchor, range);
      const cell = entry.anchor.getBoundingClientRect();
      const edge = text.width > 0 ? (rtl ? text.left - 6 : text.right + 6) : rtl ? cell.right : cell.left;
      entry.spot.inline = edge - base.left;
      entry.spot.end = (rtl ? cell.left + 2 : cell.right - 2) - base.left;
    }
    for (const entry of near) {
      draw(entry);
      position(entry);
    }
  };

  let scrollQueued = false;
  const onScroll = () => {
    if (scrollQueued) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      showNearWindow();
    });
  };

  // A resize observer reports once as soon as it observes: the layer was just placed then.
  let firstReport = true;
  const resized =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver(() => {
          if (firstReport) firstReport = false;
          else place();
        })
      : null;
  let watching = false;

  const place = () => {
    if (entries.size === 0) return;
    if (!host.isConnected) beside.parentNode?.insertBefore(host, beside.nextSibling);
    if (!watching) {
      watching = true;
      resized?.observe(beside);
      // Any scroll container the list is in: scroll events do not bubble, so listen in the capture phase.
      doc.addEventListener('scroll', onScroll, { capture: true, passive: true });
    }
    // Every row's place is read before anything is drawn, so the page is laid out once, with only
    // the (empty) layer new in it; where each login ends is read for the rows about to be drawn.
    rtl = view?.getComputedStyle(beside).direction === 'rtl';
    const base = host.getBoundingClientRect();
    for (const entry of entries.values()) {
      const cell = entry.anchor.getBoundingClientRect();
      entry.spot =
        cell.width === 0 && cell.height === 0
          ? null
          : { inline: null, end: 0, top: cell.top - base.top, height: cell.height };
    }
    showNearWindow();
  };

  return {
    set(row, anchor, verdict, login) {
      if (verdict.findings.length === 0) {
        this.remove(row);
        return;
      }
      const entry = entries.get(row);
      if (entry) Object.assign(entry, { anchor, verdict, login });
      else entries.set(row, { anchor, verdict, login, group: null, drawn: null, spot: null, widths: null });
    },
    remove(row) {
      entries.get(row)?.group?.remove();
      entries.delete(row);
      if (entries.size === 0) host.remove();
    },
    place,
    destroy() {
      resized?.disconnect();
      doc.removeEventListener('scroll', onScroll, { capture: true });
      entries.clear();
      host.remove();
    },
  };
}
