/**
 * The text a person reads in a cell, in the pieces the page lays it out in: a user cell with an
 * avatar, a name link and a small email line reads as ["Amy Nguyen", "amy@firm.example"]. A text
 * field reads as the text in it, a menu as the option picked; buttons, other form controls, images,
 * icons, hidden and aria-hidden parts, and Rollcall's own marks are not part of it.
 */

import { isHtmlTag } from './nodes';

// Elements whose text is never the value of a cell: row actions, controls, pictures, code.
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'INPUT',
  'IMG',
  'SVG',
  'svg',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  // Angular Material's icons, whose text is an icon font's ligature ("arrow_upward", "person").
  'MAT-ICON',
]);
/** Text that may be an address's local part, ending right where its domain would start. */
const LOCAL_PART = /^\s*[^\s@]+$/;
/** Icon fonts drawn from a ligature, the icon's name as text: Google's Material Icons and Symbols. */
const ICON_FONT_CLASS = /\bmaterial-(?:icons|symbols)/;
/**
 * A class or picture address naming an avatar ("MuiAvatar-root", "ms-Persona-initials", a
 * Gravatar). In a cell, one drawn as the person's initials ("AN" in a round badge) is a picture of
 * the person, not a value: told by its class and its few letters, so a wrapper named for its avatar
 * that holds the name too is read.
 */
export const AVATAR_CLASS = /avatar|initials/i;
const MAX_INITIALS = 3;
/**
 * A class that hides an element: AngularJS's `ng-hide` (Portainer keeps a copy of each login in
 * the row so, shown to non-admins), Bootstrap's `d-none`, Tailwind's and others' `hidden`. Unless
 * another of its classes shows it on a wider screen (`d-none d-md-block`, `hidden md:table-cell`),
 * as an admin's screen is.
 */
const HIDING_CLASS = /(?:^|\s)(?:ng-hide|d-none|hidden|hide|is-hidden)(?:\s|$)/;
const SHOWN_WIDER = /(?:^|\s)(?:(?:sm|md|lg|xl|2xl):|d-(?:sm|md|lg|xl|xxl)-)(?!none|hidden)/;
// Formatting inside one run of text ("<b>Amy</b> Nguyen") does not split it into pieces.
export const FORMATTING_TAGS = new Set([
  'B',
  'STRONG',
  'I',
  'EM',
  'U',
  'MARK',
  'ABBR',
  'BDI',
  'BDO',
  'WBR',
  'SUB',
  'SUP',
]);

/** Elements besides formatting that run inline with the text round them: a link, a span, a label. */
export const INLINE_TAGS: ReadonlySet<string> = new Set(['SPAN', 'A', 'BDI', 'SMALL', 'LABEL']);

export const MARK_TAG_PREFIX = 'ROLLCALL-';
// Controls drawn with ARIA roles, whose text is a label, not the cell's value; and a tooltip kept in
// the cell, which says what a control does ("Block user" beside Joomla's enabled tick).
const SKIPPED_ROLES = new Set(['button', 'checkbox', 'switch', 'menu', 'tooltip']);

/** Whether an element's text is no part of what a cell says (a control, a picture, hidden, a mark). */
export function isSkipped(element: Element, header = false): boolean {
  const tag = element.tagName;
  // Sortable headers put their label in a button; in a header, that text is the label.
  if (header && (tag === 'BUTTON' || element.getAttribute('role') === 'button')) return false;
  if (SKIPPED_TAGS.has(tag) || tag.startsWith(MARK_TAG_PREFIX)) return true;
  // Most elements in a cell carry no attributes, or only an href or a class.
  if (!element.hasAttributes()) return false;
  return (
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    SKIPPED_ROLES.has(element.getAttribute('role') ?? '') ||
    skippedByClass(element.getAttribute('class'), element)
  );
}

/**
 * Whether a piece is the initials of the name after it, drawn as an avatar with no class saying so
 * ("t" in a circle before "Tom Smith", as Plane draws its members; "JD" before "John Doe").
 */
export function initialsOf(piece: string, name: string | undefined): boolean {
  if (!name || piece.length > MAX_INITIALS || !/^\p{L}+$/u.test(piece)) return false;
  // One letter is no one's whole name ("a" for "admin" before "Super User").
  if (piece.length === 1) return true;
  // The first letters of the name's words ("PVD" of "Pieter van Dijk"), or of its first and last.
  const initials = name
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word))
    .map((word) => word[0] ?? '')
    .join('')
    .toLowerCase();
  const folded = piece.toLowerCase();
  return initials.startsWith(folded) || folded === `${initials[0]}${initials.at(-1)}`;
}

/**
 * The icon an icon font draws from its ligature ("check", "clear"), where the element is such an
 * icon; else null.
 */
export function iconLigature(element: Element): string | null {
  if (element.tagName !== 'MAT-ICON' && !ICON_FONT_CLASS.test(element.getAttribute('class') ?? ''))
    return null;
  return element.textContent?.trim() || null;
}

/** Whether an element's classes hide it on an admin's screen. */
export function hidingClass(classes: string): boolean {
  return HIDING_CLASS.test(classes) && !SHOWN_WIDER.test(classes);
}

/** Whether an element's classes draw it as a picture (an icon, an avatar's initials) or hide it. */
function skippedByClass(classes: string | null, element: Element): boolean {
  if (!classes) return false;
  if (ICON_FONT_CLASS.test(classes)) return true;
  if (hidingClass(classes)) return true;
  return AVATAR_CLASS.test(classes) && (element.textContent?.trim().length ?? 0) <= MAX_INITIALS;
}

/**
 * The text of a cell that is one text node, alone or down a chain of only children ("<td><a><span>
 * Amy Nguyen</span></a></td>"); undefined for anything else, which takes the full walk.
 */
function singleText(cell: Element, header: boolean): string | null | undefined {
  let node: Element = cell;
  for (let depth = 0; depth < 4; depth++) {
    const elements = node.childElementCount;
    // Only text (and perhaps comments) inside: that text is the one run.
    if (elements === 0) return node.textContent;
    if (elements > 1) return undefined;
    const only = node.firstChild;
    if (only?.nodeType !== 1 || only !== node.lastChild || isSkipped(only as Element, header))
      return undefined;
    node = only as Element;
  }
  return undefined;
}

// Runs of white space as one space, none at the ends; most texts have nothing to tidy.
const UNTIDY = /[^\S ]|^ | $| {2}/;
export function tidy(text: string | null): string {
  if (!text) return '';
  return UNTIDY.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** A class word that draws an element as a button: Bootstrap's "btn", "button", "ant-btn". */
const BUTTON_CLASS = /(?:^|[\s_-])(?:btn|button)(?:$|[\s_-])/i;

/** An element drawn or announced as a button. */
export function drawnAsButton(element: Element): boolean {
  return element.getAttribute('role') === 'button' || BUTTON_CLASS.test(element.getAttribute('class') ?? '');
}

export function cellSegments(cell: Element, options?: { header?: boolean }): string[] {
  const header = options?.header ?? false;
  // Most cells hold one run of text, often inside a link or a span: skip the walk.
  const single = singleText(cell, header);
  if (single !== undefined) {
    const text = tidy(single);
    return text ? [text] : [];
  }
  const segments: string[] = [];
  let current = '';
  let currentOwner: Node | null = null;
  const flush = () => {
    const text = tidy(current);
    if (text) segments.push(text);
    current = '';
  };
  const visit = (node: Node, owner: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const value = child.nodeValue ?? '';
        if (!value.trim()) {
          current += ' ';
          continue;
        }
        // An address's domain drawn apart from its local part, greyed ("<strong>jdoe</strong><em>
        // @firm.example</em>", as iRedAdmin lists its mailboxes), is one piece with it.
        if (owner !== currentOwner && !(value.startsWith('@') && LOCAL_PART.test(current))) flush();
        currentOwner = owner;
        current += value;
      } else if (child.nodeType === 1) {
        const element = child as Element;
        if (element.tagName === 'BR') {
          flush();
          currentOwner = null;
          continue;
        }
        const value = header ? null : controlValue(element);
        if (value) {
          flush();
          segments.push(value);
          currentOwner = null;
          continue;
        }
        if (isSkipped(element, header)) continue;
        // A link drawn as a button after the value is the row's action ("Registered" then
        // "Permissions", as Joomla lists each user's groups).
        if (!header && (segments.length > 0 || current.trim()) && drawnAsButton(element)) continue;
        visit(element, FORMATTING_TAGS.has(element.tagName) ? owner : element);
      }
    }
  };
  visit(cell, cell);
  flush();
  return segments;
}

/**
 * A field's pieces of text in a user row's cell, with the text of a button that leads it. Apps draw
 * a user's name or login as a button styled as a link that opens the user's panel (Fluent UI's
 * `Link`, as the Microsoft 365 admin center lists its users; PatternFly's link button), at times with
 * a tag after it ("Disabled"); a button after the value, or one of several, is a row action and is
 * left out as in any cell.
 */
export function fieldSegments(cell: Element): string[] {
  const segments = cellSegments(cell);
  const button = leadingButton(cell);
  return button ? [...cellSegments(button, { header: true }), ...segments] : segments;
}

/** A field's text in a user row's cell (see `fieldSegments`). */
export function fieldText(cell: Element): string {
  return leadingButton(cell) ? fieldSegments(cell).join(' ') : cellText(cell);
}

/**
 * The one button a cell holds, shown, not a checkbox, switch or menu, with no text before it but a
 * picture's (an avatar's initials drawn in an SVG, as Bitwarden draws them); null where there is
 * none.
 */
function leadingButton(cell: Element): Element | null {
  const buttons = cell.querySelectorAll('button, [role=button]');
  const button = buttons.length === 1 ? buttons[0] : undefined;
  if (!button) return null;
  const role = button.getAttribute('role');
  if (role && role !== 'button' && SKIPPED_ROLES.has(role)) return null;
  for (let at: Element | null = button; at && at !== cell; at = at.parentElement)
    if (at.hasAttribute('hidden') || at.getAttribute('aria-hidden') === 'true') return null;
  const before = cell.ownerDocument.createRange();
  before.setStart(cell, 0);
  before.setEndBefore(button);
  if (before.toString().trim() === '') return button;
  const text = before.cloneContents();
  for (const element of [...text.querySelectorAll('*')]) if (isSkipped(element)) element.remove();
  return text.textContent?.trim() === '' ? button : null;
}

// Inputs that show a line of text the admin reads; a password's is never read.
const TEXT_INPUTS: ReadonlySet<string> = new Set(['text', 'email', 'search', 'tel', 'url']);

/**
 * What a form control in a row shows: the text in a text field, the option picked in a menu. Lists
 * an admin edits in place (older back offices, grids in edit mode) show each login in a field.
 * Null for anything else: a checkbox, a button, a password, a hidden field.
 */
function controlValue(element: Element): string | null {
  if (isHtmlTag(element, 'input')) return TEXT_INPUTS.has(element.type) ? tidy(element.value) : null;
  if (isHtmlTag(element, 'select') && !element.multiple)
    return tidy(element.selectedOptions[0]?.text ?? null);
  return null;
}

/** A cell's whole text, tidied: what a cell of one run of text reads as, in one call. */
export function wholeText(cell: Element): string {
  return tidy(cell.textContent);
}

export function cellText(cell: Element, options?: { header?: boolean }): string {
  const single = singleText(cell, options?.header ?? false);
  if (single !== undefined) return tidy(single);
  return cellSegments(cell, options).join(' ');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(text: string): boolean {
  return text.includes('@') && EMAIL.test(text);
}

/** Checkboxes and switches in a cell, native or ARIA, with whether each is on and its label. */
export function checkboxesIn(cell: Element): { checked: boolean; label: string }[] {
  const boxes = cell.querySelectorAll<HTMLElement>('input[type=checkbox], [role=checkbox], [role=switch]');
  return [...boxes].map((box) => ({
    checked: isHtmlTag(box, 'input')
      ? box.checked
      : box.getAttribute('aria-checked') === 'true' || box.getAttribute('aria-pressed') === 'true',
    label: checkboxLabel(box),
  }));
}

function checkboxLabel(box: HTMLElement): string {
  const aria = box.getAttribute('aria-label')?.trim();
  if (aria) return aria;
  const labelledBy = box.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => box.ownerDocument.getElementById(id)?.textContent?.trim() ?? '')
      .join(' ')
      .trim();
    if (text) return text;
  }
  const label = (isHtmlTag(box, 'input') ? box.labels?.[0] : null) ?? box.closest('label') ?? null;
  const labelText = label ? cellText(label) : '';
  if (labelText) return labelText;
  if (isHtmlTag(box, 'input') && box.value && box.value !== 'on') return box.value;
  return cellText(box);
}
