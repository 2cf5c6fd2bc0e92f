/**
 * Finds a locator's elements inside the page, for drivers without Playwright's locator engine
 * (Firefox over WebDriver BiDi). It follows Playwright's rules closely enough for the journeys:
 * CSS and role queries pierce open shadow roots, roles are the implicit ARIA roles of HTML
 * (https://www.w3.org/TR/html-aam-1.0/), names a simplified accessible-name computation
 * (https://www.w3.org/TR/accname-1.2/), and getByText answers the innermost elements whose text
 * matches. It is page-side JavaScript kept as text, so no build step rewrites it.
 */

export type Matcher = { string: string } | { source: string; flags: string };

export type Step =
  | { kind: 'css'; selector: string }
  | { kind: 'parent' }
  | { kind: 'role'; role: string; name?: Matcher; exact?: boolean; level?: number }
  | { kind: 'label'; text: Matcher; exact?: boolean }
  | { kind: 'text'; text: Matcher; exact?: boolean }
  | { kind: 'hasText'; text: Matcher }
  | { kind: 'nth'; index: number };

export const matcherOf = (text: string | RegExp): Matcher =>
  typeof text === 'string' ? { string: text } : { source: text.source, flags: text.flags };

/**
 * `locate(steps)` → Element[], `state(el)` → what an action needs to know of one, and `aim(el)` then
 * `landing()` for a click that lands where it was aimed.
 */
export const LOCATE_IN_PAGE = String.raw`
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const matches = (m, value, exact) => {
  if (m.source !== undefined) return new RegExp(m.source, m.flags).test(value);
  return exact ? value === norm(m.string) : value.toLowerCase().includes(norm(m.string).toLowerCase());
};
const within = (root) => {
  const all = root.shadowRoot ? within(root.shadowRoot) : [];
  for (const el of root.querySelectorAll('*')) {
    all.push(el);
    if (el.shadowRoot) all.push(...within(el.shadowRoot));
  }
  return all;
};
const parentOf = (el) => el.parentElement || (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);
const rendered = (el) => (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : el.getClientRects().length > 0);
const ariaHidden = (el) => {
  for (let at = el; at; at = parentOf(at)) if (at.getAttribute('aria-hidden') === 'true') return true;
  return false;
};
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
const textOf = (node) => {
  let text = '';
  if (node.shadowRoot) text += textOf(node.shadowRoot);
  for (const child of node.childNodes) {
    if (child.nodeType === 3) text += child.data;
    else if (child.nodeType === 1 && !SKIP.has(child.tagName)) text += textOf(child);
  }
  return text;
};
const contentName = (node, skipControls) => {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeType === 3) text += child.data;
    else if (child.nodeType === 1 && !SKIP.has(child.tagName)) {
      if (child.getAttribute('aria-hidden') === 'true') continue;
      if (skipControls && ['INPUT', 'SELECT', 'TEXTAREA'].includes(child.tagName)) continue;
      const label = child.getAttribute('aria-label');
      text += ' ' + (label ? label : contentName(child, skipControls)) + ' ';
    }
  }
  return text;
};
const byIds = (el, ids) => {
  const root = el.getRootNode();
  return ids.split(/\s+/).map((id) => (root.getElementById ? root.getElementById(id) : document.getElementById(id)));
};
const HEADINGS = { H1: 1, H2: 2, H3: 3, H4: 4, H5: 5, H6: 6 };
const INPUT_ROLES = { checkbox: 'checkbox', radio: 'radio', button: 'button', submit: 'button', reset: 'button', image: 'button', range: 'slider', number: 'spinbutton', search: 'searchbox', email: 'textbox', tel: 'textbox', text: 'textbox', url: 'textbox', '': 'textbox' };
const LANDMARK_PARENTS = new Set(['ARTICLE', 'ASIDE', 'MAIN', 'NAV', 'SECTION']);
const named = (el) => el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
const roleOf = (el) => {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0];
  const tag = el.tagName;
  if (HEADINGS[tag]) return 'heading';
  switch (tag) {
    case 'BUTTON': case 'SUMMARY': return 'button';
    case 'A': return el.hasAttribute('href') ? 'link' : null;
    case 'UL': case 'OL': case 'MENU': return 'list';
    case 'LI': return 'listitem';
    case 'NAV': return 'navigation';
    case 'MAIN': return 'main';
    case 'ASIDE': return 'complementary';
    case 'ARTICLE': return 'article';
    case 'SECTION': return named(el) ? 'region' : null;
    case 'FORM': return named(el) ? 'form' : null;
    case 'OUTPUT': return 'status';
    case 'DIALOG': return 'dialog';
    case 'TABLE': return 'table';
    case 'TR': return 'row';
    case 'TD': return 'cell';
    case 'TH': return 'columnheader';
    case 'SELECT': return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    case 'TEXTAREA': return 'textbox';
    case 'OPTION': return 'option';
    case 'FIELDSET': case 'DETAILS': return 'group';
    case 'IMG': return el.getAttribute('alt') === '' ? 'presentation' : 'img';
    case 'P': return 'paragraph';
    case 'PROGRESS': return 'progressbar';
    case 'HEADER': case 'FOOTER': {
      for (let at = parentOf(el); at; at = parentOf(at)) if (LANDMARK_PARENTS.has(at.tagName)) return null;
      return tag === 'HEADER' ? 'banner' : 'contentinfo';
    }
    case 'INPUT': return INPUT_ROLES[(el.getAttribute('type') || '').toLowerCase()] || null;
    default: return null;
  }
};
const FROM_CONTENT = new Set(['button', 'link', 'heading', 'checkbox', 'radio', 'switch', 'tab', 'option', 'menuitem', 'cell', 'gridcell', 'columnheader', 'rowheader', 'row', 'tooltip', 'treeitem']);
const nameOf = (el, role) => {
  const by = el.getAttribute('aria-labelledby');
  if (by) return norm(byIds(el, by).map((ref) => (ref ? contentName(ref, false) : '')).join(' '));
  const label = el.getAttribute('aria-label');
  if (label && norm(label)) return norm(label);
  if (el.labels && el.labels.length > 0) return norm([...el.labels].map((l) => contentName(l, true)).join(' '));
  if (el.tagName === 'IMG') return norm(el.getAttribute('alt'));
  if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) return norm(el.value);
  if (el.tagName === 'FIELDSET') { const legend = el.querySelector('legend'); if (legend) return norm(contentName(legend, true)); }
  if (FROM_CONTENT.has(role)) return norm(contentName(el, false));
  return norm(el.getAttribute('title') || el.getAttribute('placeholder') || '');
};
const labelsOf = (el) => {
  const names = [];
  const by = el.getAttribute('aria-labelledby');
  if (by) names.push(norm(byIds(el, by).map((ref) => (ref ? contentName(ref, false) : '')).join(' ')));
  if (el.hasAttribute('aria-label')) names.push(norm(el.getAttribute('aria-label')));
  if (el.labels) for (const l of el.labels) names.push(norm(contentName(l, true)));
  return names;
};
const innermost = (found) => found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
const step = (scope, s) => {
  switch (s.kind) {
    case 'css': return scope.flatMap((root) => within(root).filter((el) => el.matches(s.selector)));
    case 'parent': return scope.map(parentOf).filter(Boolean);
    case 'role': return scope.flatMap((root) => within(root).filter((el) => {
      const role = roleOf(el);
      if (role !== s.role || ariaHidden(el) || !rendered(el)) return false;
      if (s.level !== undefined && Number(el.getAttribute('aria-level') || HEADINGS[el.tagName]) !== s.level) return false;
      return s.name === undefined || matches(s.name, nameOf(el, role), s.exact);
    }));
    case 'label': return scope.flatMap((root) => within(root).filter((el) =>
      !ariaHidden(el) && labelsOf(el).some((name) => matches(s.text, name, s.exact))));
    case 'text': return scope.flatMap((root) => innermost(within(root).filter((el) =>
      !SKIP.has(el.tagName) && matches(s.text, norm(textOf(el)), s.exact))));
    case 'hasText': return scope.filter((el) => matches(s.text, norm(textOf(el)), false));
    case 'nth': return scope[s.index] ? [scope[s.index]] : [];
  }
};
const locate = (steps) => [...new Set(steps.reduce(step, [document]))];
const state = (el) => ({
  visible: rendered(el) && el.getClientRects().length > 0,
  enabled: !el.disabled && el.getAttribute('aria-disabled') !== 'true',
});
/** The next animation frame, or 100 ms if none comes (a page that draws nothing). */
const frame = () => new Promise((done) => { requestAnimationFrame(done); setTimeout(done, 100); });
const boxOf = (el) => { const b = el.getBoundingClientRect(); return [b.left, b.top, b.width, b.height].join(); };
const describeElement = (el) => el && el.tagName
  ? '<' + el.tagName.toLowerCase() + '> ' + JSON.stringify(norm(textOf(el)).slice(0, 40))
  : 'nothing';
const POINTER_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
/**
 * Where a click on el lands, as Playwright's actionability checks decide it
 * (https://playwright.dev/docs/actionability): el scrolled into view, in the same box over two
 * animation frames, and the topmost element at its middle (or inside it). With the point it arms
 * the landing's guard: the first pointer event of the click says where it landed, and a click that
 * landed elsewhere is stopped before the page sees any of it.
 */
const aim = async (el) => {
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const before = boxOf(el);
  await frame();
  await frame();
  if (boxOf(el) !== before) return { miss: 'it is moving' };
  const box = el.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit && hit.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  let on = false;
  for (let at = hit; at; at = parentOf(at)) if (at === el) on = true;
  if (!on) return { miss: describeElement(hit) + ' covers it' };
  globalThis.__rollcallLanding?.disarm();
  const guard = { landed: null, clicked: false };
  const check = (event) => {
    guard.landed ??= event.composedPath().includes(el) ? 'on it' : describeElement(event.composedPath()[0]) + ' received the click';
    if (event.type === 'click') guard.clicked = true;
    if (guard.landed === 'on it') return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  guard.disarm = () => {
    for (const type of POINTER_EVENTS) window.removeEventListener(type, check, true);
    delete globalThis.__rollcallLanding;
  };
  for (const type of POINTER_EVENTS) window.addEventListener(type, check, true);
  globalThis.__rollcallLanding = guard;
  return { x, y };
};
/**
 * After the click: null if it landed on the element aimed at (or the page it was on is gone),
 * else what received it. A click that missed is held until its last event has been stopped.
 */
const landing = async () => {
  const guard = globalThis.__rollcallLanding;
  if (!guard) return null;
  const until = performance.now() + 1000;
  while (guard.landed !== 'on it' && !guard.clicked && performance.now() < until) await frame();
  guard.disarm();
  return guard.landed === 'on it' ? null : guard.landed ?? 'nothing received the click';
};
`;
