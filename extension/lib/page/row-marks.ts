import type { RowVerdict } from './evaluate';
import { KIND_LABELS, KIND_ORDER, verdictAttribute } from './evaluate';
import styles from './row-marks.css?inline';

/** The element that holds a row's badges; its name keeps it apart from the page's own markup. */
export const MARKS_TAG = 'rollcall-marks';
/** The attribute tests and automation read a row's verdict from. */
export const VERDICT_ATTRIBUTE = 'data-rollcall';

let nextTipId = 0;

/**
 * Marks one row: `data-rollcall` on the row, and a badge per finding next to the login, each with its
 * tip on hover and on keyboard focus. The badges live in a shadow root so the page's styles and
 * Rollcall's do not touch; every text from the page or the verdict goes in as text, never as HTML.
 */
export function markRow(
  row: Element,
  anchor: Element,
  verdict: RowVerdict,
  placement: 'after' | 'before' = 'after',
): void {
  setRowVerdict(row, verdict);
  renderRowBadges(row, anchor, verdict, placement);
}

/** `data-rollcall` alone: cheap, and no page style depends on it, so it never costs a layout. */
export function setRowVerdict(row: Element, verdict: RowVerdict): void {
  row.setAttribute(VERDICT_ATTRIBUTE, verdictAttribute(verdict));
}

/** The badges alone: they change the row's layout, so callers batch them. */
export function renderRowBadges(
  row: Element,
  anchor: Element,
  verdict: RowVerdict,
  placement: 'after' | 'before' = 'after',
): void {
  let host = markHostOf(row);
  if (verdict.findings.length === 0) {
    host?.remove();
    return;
  }
  if (!host || host.parentElement !== anchor) {
    host?.remove();
    host = anchor.ownerDocument.createElement(MARKS_TAG);
    // Page rules such as `td * { font-size: 11px }` match the host itself; inline `all` wins.
    host.setAttribute(
      'style',
      `all: initial; display: inline-flex; flex-wrap: wrap; gap: 4px; vertical-align: middle; margin-inline-${placement === 'after' ? 'start' : 'end'}: 6px;`,
    );
    host.attachShadow({ mode: 'open' });
    if (placement === 'after') anchor.appendChild(host);
    else anchor.insertBefore(host, anchor.firstChild);
  }
  renderBadges(host.shadowRoot as ShadowRoot, verdict);
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
    event.target instanceof HTMLElement && event.target.classList.contains('badge') ? event.target : null;
  const tipOf = (badge: HTMLElement) => shadow.getElementById(badge.getAttribute('aria-describedby') ?? '');
  const show = (event: Event) => {
    const badge = badgeOf(event);
    const tip = badge && tipOf(badge);
    if (badge && tip) showTip(badge, tip);
  };
  const hide = (event: Event) => {
    const badge = badgeOf(event);
    const tip = badge && tipOf(badge);
    if (tip) tip.hidden = true;
  };
  shadow.addEventListener('mouseover', show);
  shadow.addEventListener('focusin', show);
  shadow.addEventListener('mouseout', hide);
  shadow.addEventListener('focusout', hide);
  shadow.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape') hide(event);
  });
  // The badges sit inside the page's row: a click on one must not reach the row's own handlers.
  shadow.addEventListener('click', (event) => {
    event.stopPropagation();
    const badge = badgeOf(event);
    const tip = badge && tipOf(badge);
    if (!badge || !tip) return;
    if (tip.hidden) showTip(badge, tip);
    else tip.hidden = true;
  });
}

const prepared = new WeakSet<ShadowRoot>();

function renderBadges(shadow: ShadowRoot, verdict: RowVerdict): void {
  const doc = shadow.ownerDocument;
  if (!prepared.has(shadow)) {
    prepared.add(shadow);
    styleShadow(shadow);
    listen(shadow);
  }
  for (const old of shadow.querySelectorAll('.badge, .tip')) old.remove();
  const findings = [...verdict.findings].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  for (const finding of findings) {
    const tipId = `rollcall-tip-${++nextTipId}`;
    const badge = doc.createElement('button');
    badge.type = 'button';
    badge.className = 'badge';
    badge.dataset.kind = finding.kind;
    badge.textContent = KIND_LABELS[finding.kind];
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
    shadow.append(badge, tip);
  }
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
