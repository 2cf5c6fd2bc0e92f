import { isDisabledStatus, isYesOrNo, readShownStatus } from '../../../shared/directory/read-shown-values';
import type { PageLogin, PageRow } from '../../../shared/schemas/page-row';
import type { AdapterField } from './adapter-schema';
import {
  cellText,
  checkboxesIn,
  fieldSegments,
  fieldText,
  iconLigature,
  initialsOf,
  isEmail,
  tidy,
  wholeText,
} from './cell-text';
import {
  fieldForHeader,
  headerParts,
  isRoleWord,
  isSwitchedOff,
  isSwitchedOn,
  normaliseHeader,
} from './header-fields';
import { type UserList, valueCell } from './user-lists';

/**
 * Who a user row is: its login, name, email and status, which is all a verdict needs, or null when
 * the row holds no login (a "No matches" line, a group heading, a loading placeholder). Only these
 * cells are read while the page is being marked; the rest of the row is read when the list is synced.
 * `shown`: the row's line of the list's shown text (`ShownLines`), when the list was read whole.
 */
export function readLogin(list: UserList, row: Element, shown?: string): PageLogin | null {
  return readFrom({
    list,
    row,
    reach: loginReach(list),
    plain: plainColumns(list),
    // A line that is not one text per column is not this row's cells side by side.
    shown: shown !== undefined && tabsIn(shown) === list.headers.length - 1 ? shown : undefined,
  });
}

/** How many tabs a line holds: one fewer than its cells. */
function tabsIn(line: string): number {
  let tabs = 0;
  for (let at = line.indexOf('\t'); at >= 0; at = line.indexOf('\t', at + 1)) tabs++;
  return tabs;
}

/** The text of a line's cell at a column: between its tabs, cut out without splitting the line. */
function shownCell(line: string, column: number): string {
  let start = 0;
  for (let i = 0; i < column; i++) start = line.indexOf('\t', start) + 1;
  const end = line.indexOf('\t', start);
  return end < 0 ? line.slice(start) : line.slice(start, end);
}

/**
 * How many rows' cells of a column are walked piece by piece before the column is known to hold
 * plain text: a run of text alone (or down a link or a span), with nothing to leave out.
 */
const SAMPLE_ROWS = 8;

/**
 * What the first rows of a list told of each column read while marking: whether every cell so far
 * read as one run of text equal to its whole text, and the most elements any held. A column plain
 * on its first rows is read from then on with one call per cell (its whole text), not walked; a
 * cell with more elements in it than any sampled one is walked all the same. Where the list was
 * read whole (its shown text, a line per row), a plain column whose shown text matched every sampled
 * cell is read from the line, without the cell: one read for the whole list instead of a wrapper and
 * a call per cell, which reads a 5,000-row list in about a quarter less of the page's thread. Only
 * rows read with their line tell whether the line matches (the rows in the window, read first, are
 * read without): a column is sampled until enough such rows have told.
 */
interface ColumnSample {
  rows: number;
  plain: boolean;
  elements: number;
  shown: boolean;
  shownRows: number;
}
type PlainColumns = Map<AdapterField, ColumnSample>;
const plainColumnsOf = new WeakMap<UserList, PlainColumns>();

function plainColumns(list: UserList): PlainColumns {
  let plain = plainColumnsOf.get(list);
  if (!plain) {
    plain = new Map();
    plainColumnsOf.set(list, plain);
  }
  return plain;
}

/**
 * A field's pieces of text in a row, read whole where its column is known to hold plain text, or
 * undefined where the row has no such cell.
 */
function segmentsOf(at: RowCells, field: AdapterField): string[] | undefined {
  const sample = at.plain?.get(field);
  // Sampled enough, unless the row has a line and too few rows with one have told whether it matches.
  const lineTold = !sample || sample.shownRows >= SAMPLE_ROWS || !sample.shown || at.shown === undefined;
  if (sample && sample.rows >= SAMPLE_ROWS && lineTold) {
    const shown = sample.plain && sample.shown ? shownText(at, field) : undefined;
    if (shown !== undefined) return shown ? [shown] : [];
    const cell = cellOf(at, field);
    if (!cell) return undefined;
    if (sample.plain && cell.childElementCount <= sample.elements) {
      const text = wholeText(cell);
      return text ? [text] : [];
    }
    return fieldSegments(cell);
  }
  const cell = cellOf(at, field);
  if (!cell) return undefined;
  const segments = fieldSegments(cell);
  if (!at.plain) return segments;
  const seen = sample ?? { rows: 0, plain: true, elements: 0, shown: true, shownRows: 0 };
  seen.rows++;
  seen.elements = Math.max(seen.elements, cell.childElementCount);
  const whole = segments[0] ?? '';
  seen.plain &&= segments.length <= 1 && whole === wholeText(cell);
  if (at.shown !== undefined) {
    seen.shownRows++;
    seen.shown &&= shownText(at, field) === whole;
  }
  at.plain.set(field, seen);
  return segments;
}

/**
 * A field's text in the row's shown line, or undefined where the line cannot tell it: no line, or
 * text that would not be read so from the cell (a login or an email with something beside it, such
 * as a "You" tag added to one row, which reading the cell leaves out).
 */
function shownText(at: RowCells, field: AdapterField): string | undefined {
  const where = at.list.columns[field];
  if (at.shown === undefined || typeof where !== 'number') return undefined;
  const text = tidy(shownCell(at.shown, where));
  if (field === 'username' && /\s/.test(text)) return undefined;
  if (field === 'email' && text && !isEmail(text)) return undefined;
  return text;
}

const LOGIN_FIELDS = ['username', 'displayName', 'email', 'status', 'firstName', 'lastName'] as const;

/** Each list's login reach, worked out on its first row: a list's columns never change. */
const reaches = new WeakMap<UserList, number>();

/** How many of a list's columns hold what `readLogin` reads: the rest of a row is not walked. */
function loginReach(list: UserList): number {
  let reach = reaches.get(list);
  if (reach === undefined) {
    reach = (stateColumn(list) ?? -1) + 1;
    // With no status column, the role's may say the user is switched off (`roleSaysOff`).
    const fields = list.columns.status === undefined ? [...LOGIN_FIELDS, 'role' as const] : LOGIN_FIELDS;
    for (const field of fields) {
      const where = list.columns[field];
      if (typeof where === 'number' && where >= reach) reach = where + 1;
    }
    reaches.set(list, reach);
  }
  return reach;
}

/** Each list's column of roles and statuses with no header to say so, worked out once. */
const stateColumns = new WeakMap<UserList, number | null>();

/**
 * Where a list with no status column shows each user's role or status in a column no header names:
 * Mattermost writes "Member", "System Admin" or "Deactivated" on each user's actions button. Told on
 * the first rows: an unmapped column where most cells say a role or a status in a word or two, some
 * a role, and none anything else. Null where there is none.
 */
function stateColumn(list: UserList): number | null {
  let found = stateColumns.get(list);
  if (found === undefined) {
    found = findStateColumn(list);
    stateColumns.set(list, found);
  }
  return found;
}

function findStateColumn(list: UserList): number | null {
  if (list.columns.status !== undefined || list.headers.length === 0) return null;
  const sample = list.rows().slice(0, 20);
  if (sample.length < 3) return null;
  const mapped = new Set(Object.values(list.columns).filter((where) => typeof where === 'number'));
  const sampled = sample.map((row) => list.cells(row));
  for (let index = 0; index < list.headers.length; index++) {
    if (mapped.has(index)) continue;
    let saying = 0;
    let roles = 0;
    for (const cells of sampled) {
      const text = stateWords(cells[index]);
      if (!text) continue;
      const role = isRole(text);
      if (text.length > 30 || !(role || isStatus(text))) {
        saying = -1;
        break;
      }
      saying++;
      if (role) roles++;
    }
    // Roles among them: a column of "Yes" and "No" or of counts ("0") is a column of its own.
    if (roles > 0 && saying * 2 >= sample.length) return index;
    // Or, under no header, a tag on the users who cannot sign in ("Disabled", as Grafana shows it)
    // and nothing on the others; or a status on most users in words of its own, not a "Yes" or a
    // "No" (Alfresco's dot on each avatar, its alt text "Enabled" or "Disabled").
    if (
      saying > 0 &&
      roles === 0 &&
      !list.headers[index]?.trim() &&
      (saysCannotSignIn(sampled, index) || (saying * 2 >= sample.length && saysNoYesOrNo(sampled, index)))
    )
      return index;
  }
  return null;
}

/**
 * Whether every word a column's cells say is a status a user cannot sign in with, in its own words:
 * a "No" says something only of its column's header.
 */
function saysCannotSignIn(sampled: ArrayLike<Element | undefined>[], index: number): boolean {
  return sampled.every((cells) => {
    const text = stateWords(cells[index]);
    return !text || (isDisabledStatus(text) && !isYesOrNo(text));
  });
}

/** Whether no cell of a column says a bare "Yes" or "No". */
function saysNoYesOrNo(sampled: ArrayLike<Element | undefined>[], index: number): boolean {
  return sampled.every((cells) => !isYesOrNo(stateWords(cells[index])));
}

/**
 * What a cell of a column of roles and statuses says: its text, else the status its picture says
 * (Alfresco draws a red dot whose alt text is "Disabled" on a disabled user's avatar).
 */
function stateWords(cell: Element | undefined): string {
  return cell ? fieldText(cell) || statusPictured(cell) || '' : '';
}

/** The text of the row's cell in its list's column of roles and statuses, where it has one. */
function stateText(at: RowCells): string | null {
  const index = stateColumn(at.list);
  if (index === null) return null;
  at.cells ??= at.list.cells(at.row, at.reach);
  return nullIfEmpty(stateWords(at.cells[index]), 100);
}

/** The role in the row's column of roles and statuses ("Member"), not a status ("Deactivated"). */
function stateRole(at: RowCells): string | null {
  const text = stateText(at);
  return text && !isStatus(text) && isRole(text) ? text : null;
}

/** The status in the row's column of roles and statuses ("Deactivated"), not a role ("Member"). */
function stateStatus(at: RowCells): string | null {
  const text = stateText(at);
  return text && isStatus(text) ? text : null;
}

/** One user row of a list as plain data, or null when the row holds no login. */
export function readRow(list: UserList, row: Element): PageRow | null {
  const cells = list.cells(row);
  const at: RowCells = { list, row, cells };
  const login = readFrom(at);
  if (!login) return null;
  return {
    ...login,
    role:
      roleOf(textOf(at, 'role')) ??
      (list.columns.role === undefined ? (roleBeside(at, login.username) ?? stateRole(at)) : null),
    lastSignIn: nullIfEmpty(textOf(at, 'lastSignIn'), 100),
    permissions: readPermissions(list, cells, cellOf(at, 'permissions')),
  };
}

/** A row with its cells by column position, looked up once, when first needed. */
interface RowCells {
  list: UserList;
  row: Element;
  cells?: ArrayLike<Element | undefined>;
  /** How many of the row's columns to look up: all where unset. */
  reach?: number;
  /** While marking: which of the list's columns hold plain text. */
  plain?: PlainColumns;
  /** While marking, on a row's first read: its line of shown text, a tab between its cells. */
  shown?: string;
  /** The pieces of text of the row's login cell, once read. */
  userSegments?: string[];
  /** A status tag beside the user's name, once the name is read ("Suspended", as Moodle shows it). */
  nameTag?: string;
}

function cellOf(at: RowCells, field: AdapterField): Element | undefined {
  const where = at.list.columns[field];
  if (where === undefined) return undefined;
  // The row's cells are looked up only here, and only for a field that has a column.
  if (typeof where === 'number') {
    at.cells ??= at.list.cells(at.row, at.reach);
    return valueCell(at.list, at.row, where, at.cells[where]);
  }
  return at.row.querySelector(where.selector) ?? undefined;
}

/**
 * A yes or a no under a header that asks whether the login is switched off ("Deactivated: Yes", as
 * Synapse Admin shows it; Firefly III's "È bloccato"), as the status it says: "Disabled" or "Active".
 */
function saidOff(at: RowCells, shown: string | null): string | null {
  let off = offHeaded.get(at.list);
  if (off === undefined) {
    off = isSwitchedOff(headerOf(at.list, 'status') ?? '');
    offHeaded.set(at.list, off);
  }
  if (!off || !shown || !isYesOrNo(shown)) return shown;
  return readShownStatus(shown).status === 'disabled' ? 'Active' : 'Disabled';
}
const offHeaded = new WeakMap<UserList, boolean>();

/**
 * A role that is a number is a count of groups (GitLab's "Groups" column), and a status word a status
 * ("Suspended" where Plane shows the role of those who may sign in): not a role.
 */
function roleOf(role: string | null): string | null {
  return role && (/^\d+$/.test(role) || (!/\s/.test(role) && isStatus(role))) ? null : role;
}

/**
 * A status that the role's column says in place of the role, where the list has no status column:
 * "Suspended" (Plane), "Deactivated" (Sentry's members).
 */
function roleSaysOff(at: RowCells): string | null {
  const role = textOf(at, 'role');
  return role && isDisabledStatus(role) ? clip(role, 100) : null;
}

/** What an app writes in a cell that holds nothing: "N/A", a dash. */
const PLACEHOLDER = /^(?:n\/?a|[-–—]+)$/i;

function textOf(at: RowCells, field: AdapterField): string | null {
  const text = readText(at, field);
  return text && PLACEHOLDER.test(text) ? null : text;
}

function readText(at: RowCells, field: AdapterField): string | null {
  // A layout may read the field itself (a record's inline groups).
  const own = at.list.text?.(at.row, field);
  if (own !== undefined) return nullIfEmpty(own, 200);
  const header = headerOf(at.list, field);
  if (at.plain) return nullIfEmpty(unlabelled(segmentsOf(at, field)?.join(' ') ?? null, header), 200);
  const cell = cellOf(at, field);
  if (!cell) return null;
  return nullIfEmpty(unlabelled(fieldText(cell), header), 200);
}

function headerOf(list: UserList, field: AdapterField): string | undefined {
  const where = list.columns[field];
  return typeof where === 'number' ? list.headers[where] : undefined;
}

/**
 * A cell's text without its column's header before the value, as lists that lay their rows out as
 * cards on narrow screens keep it in each cell, out of sight on wide ones ("Seen 2h", as Discourse
 * lists its users).
 */
function unlabelled(text: string | null, header: string | undefined): string | null {
  if (!text || !header || text.length <= header.length + 1) return text;
  const label = `${header.toLowerCase()} `;
  return text.slice(0, label.length).toLowerCase() === label ? text.slice(label.length) : text;
}

/**
 * The pieces of text of a row's login or email: as the layout reads the field itself, where it does
 * (the login a record writes loose beside the name; the email without the label before it or the
 * phone number after it), else its cell's.
 */
function whoSegments(at: RowCells, field: 'username' | 'email'): string[] | undefined {
  const own = at.list.text?.(at.row, field);
  if (own) return [own];
  return at.plain ? segmentsOf(at, field) : segmentsIn(cellOf(at, field));
}

function readFrom(at: RowCells): PageLogin | null {
  const userSegments = whoSegments(at, 'username');
  if (!userSegments) return null;
  at.userSegments = userSegments;
  const loginSegment =
    userSegments.length <= 1
      ? (bracketedLogin(userSegments[0]) ?? userSegments[0])
      : loginAmong(userSegments);
  // "@amy", as apps show a handle, is the login "amy".
  const username = clip((loginSegment ?? '').replace(/^@(?=[^@\s]+$)/, ''), 320);
  if (!username) return null;

  const email = (whoSegments(at, 'email') ?? userSegments).find((segment) => isEmail(segment)) ?? null;

  const { columns } = at.list;
  const namesShown =
    columns.displayName !== undefined || columns.firstName !== undefined || columns.lastName !== undefined;
  return {
    username,
    // Where the list shows no name, the login is the name the user goes by (wikis allow "Ana y
    // Pedro" as a login), and is judged as one.
    displayName:
      untagged(
        at,
        nullIfEmpty(at.list.text?.(at.row, 'displayName') ?? null, 320) ??
          readDisplayName(at, userSegments, loginSegment),
        username,
      ) ?? (namesShown ? null : username),
    email: email ? clip(email, 320) : null,
    status:
      saidOff(at, nullIfEmpty(textOf(at, 'status'), 100)) ??
      (columns.status === undefined
        ? (statusBeside(userSegments, loginSegment) ??
          at.nameTag ??
          stateStatus(at) ??
          saidBeside(at) ??
          roleSaysOff(at))
        : saidOff(at, statusByMark(at))) ??
      statusOfClass(at.row) ??
      statusOfClass(cellOf(at, 'username')) ??
      statusOfClass(cellOf(at, 'displayName')) ??
      struckThrough(cellOf(at, 'username')),
  };
}

/** A login struck through (`<s>`, `<del>`): Wekan strikes out a disabled user's login and email. */
function struckThrough(cell: Element | undefined): string | null {
  return cell && cell.childElementCount > 0 && cell.querySelector('s, del, strike') ? 'Disabled' : null;
}

/**
 * The words of a row's class, or of its login's or name's cell, that say its user cannot sign in:
 * Redmine's and OpenProject's `tr.user.locked`, Zammad's `tr.item.is-inactive`, Bugzilla's
 * `td.bz_inactive` (which strikes the login and the name through). Only these: a row's colour
 * ("danger", "warning") or state ("active", "selected") says nothing of the account.
 */
const ROW_CANNOT_SIGN_IN = new Set([
  'locked',
  'disabled',
  'inactive',
  'deactivated',
  'suspended',
  'blocked',
  'banned',
  'archived',
  // OpenMRS's `tr.retired`: a user taken out of use.
  'retired',
]);

/** The status a row's or a cell's class says, where it says the user cannot sign in; else null. */
function statusOfClass(element: Element | undefined): string | null {
  const classes = element?.getAttribute('class');
  if (!classes) return null;
  for (const word of classes.toLowerCase().split(/[\s_-]+/)) if (ROW_CANNOT_SIGN_IN.has(word)) return word;
  return null;
}

// The names icon sets give a tick and a cross, and failing those the state a class says, as words
// of an icon's class ("octicon-check", "fa-times", "icon-unpublish", "glyphicon-ok", "text-danger").
const TICKS = new Set([
  'check',
  'checked',
  'checkmark',
  'tick',
  'ok',
  'yes',
  'true',
  'publish',
  'published',
  'accept',
  'done',
]);
const CROSSES = new Set([
  'x',
  'times',
  'cross',
  'close',
  'no',
  'false',
  'ban',
  'unpublish',
  'unpublished',
  'remove',
  'clear',
  'cancel',
]);
const ON = new Set(['success', 'enabled', 'active', 'on', 'green']);
const OFF = new Set(['danger', 'disabled', 'inactive', 'off', 'error', 'red', 'blocked', 'locked']);

/**
 * The status a status cell with no text shows by a mark alone, as a word the status reader reads: a
 * switch or a checkbox on or off; an image's alt text or an icon's title or label that names a
 * status ("True", "Disabled"); an icon named for a tick or a cross. Null where it shows none.
 */
function statusByMark(at: RowCells): string | null {
  const cell = cellOf(at, 'status');
  if (!cell) return null;
  const blank = cell.childElementCount === 0 && !tidy(cell.textContent);
  return markIn(cell) ?? (blank && blankSaysOff(at.list) ? 'No' : null);
}

/** Each list's answer to whether a blank cell of its status column says "no", worked out once. */
const blankOff = new WeakMap<UserList, boolean>();

/**
 * Whether a blank cell in a list's status column says the login is switched off: the column asks
 * whether it is ("Enabled", "Activado") and its first rows show something there on other users
 * (MantisBT ticks the users who are enabled and leaves the others blank), and none "No". Not where
 * they show a switch: a row with none is one the admin may not switch (ownCloud's own row of the
 * admin).
 */
function blankSaysOff(list: UserList): boolean {
  let off = blankOff.get(list);
  if (off === undefined) {
    const where = list.columns.status;
    const cells =
      typeof where === 'number' && isSwitchedOn(list.headers[where] ?? '')
        ? list
            .rows()
            .slice(0, 20)
            .map((row) => list.cells(row, where + 1)[where])
        : [];
    const shown = cells.map((cell) => (cell ? tidy(cell.textContent) || markIn(cell) : null));
    off =
      shown.some((said) => !!said) &&
      // Where some rows say "No" themselves, a blank says something else (the admin's own row,
      // which no one may switch off, in Chamilo).
      !shown.some((said) => !!said && readShownStatus(said).status === 'disabled') &&
      !cells.some((cell) => !!cell && checkboxesIn(cell).length > 0);
    blankOff.set(list, off);
  }
  return off;
}

/**
 * The words of an element's class, of an image's file name, and of an icon font's ligature: Chamilo
 * shows an enabled user's status as `accept.png` and a disabled one's as `error.png`, their tips
 * naming what a click does; PrestaShop an employee's as Material Icons' "check" or "clear".
 */
function markWords(element: Element): string[] {
  const classes = element.getAttribute('class') ?? '';
  const file =
    element.tagName === 'IMG' ? (element.getAttribute('src') ?? '').replace(/^.*\/|[?#.].*$/g, '') : '';
  return `${classes} ${file} ${iconLigature(element) ?? ''}`.toLowerCase().split(/[\s_-]+/);
}

/**
 * Elements that say something in a tip: a title, an ARIA label, or the title Bootstrap's tooltips
 * move out of the way (`data-original-title`; `data-bs-original-title` since Bootstrap 5), leaving
 * `title` empty (Mautic's "Inactif" on a user's switch).
 */
const TIPPED = '[title], [aria-label], [data-original-title], [data-bs-original-title]';

function tipOf(element: Element): string | null {
  return (
    element.getAttribute('title') ||
    element.getAttribute('data-original-title') ||
    element.getAttribute('data-bs-original-title') ||
    element.getAttribute('aria-label')
  );
}

/** The status a cell shows by a mark alone (see `statusByMark`), or null. */
function markIn(cell: Element): string | null {
  if (cell.childElementCount === 0) return null;
  const boxes = checkboxesIn(cell);
  if (boxes.length === 1) return boxes[0]?.checked ? 'Yes' : 'No';
  const pictured = statusPictured(cell);
  if (pictured) return pictured;
  let state: string | null = null;
  for (const element of cell.querySelectorAll('[class], img[src]')) {
    for (const word of markWords(element)) {
      if (TICKS.has(word)) return 'Yes';
      if (CROSSES.has(word)) return 'No';
      if (!state && ON.has(word)) state = 'Yes';
      if (!state && OFF.has(word)) state = 'No';
    }
  }
  return state;
}

/** A status an image's alt text or an icon's tip in a cell says ("Disabled", "Inactif"), or null. */
function statusPictured(cell: Element): string | null {
  if (cell.childElementCount === 0) return null;
  for (const element of cell.querySelectorAll(`img[alt], ${TIPPED}`)) {
    const said = statusUnlabelled(tidy(element.getAttribute('alt') || tipOf(element)));
    if (said && isStatus(said)) return clip(said, 100);
  }
  return null;
}

/**
 * A status an icon beside the login or the name, or anywhere in a record, says in its tip or its
 * label, where the list has no status column ("Dieser Benutzer ist deaktiviert" on a red icon after
 * the name, as Akaunting marks a disabled user); or a tag on a record says ("Disabled" at the top of
 * Umbraco's user card, on the disabled users' cards alone). Only a status the user cannot sign in
 * with: an icon saying "Active" says nothing more than the row does. Null where none does.
 */
function saidBeside(at: RowCells): string | null {
  // A record's icons are its user's (FreeScout's card of a disabled user has one whose tip says
  // "Deaktiviert"); a table row's, outside these cells, are its actions'.
  const boxes =
    at.list.layout === 'records'
      ? [at.row]
      : (['username', 'displayName'] as const).map((field) => cellOf(at, field));
  for (const box of boxes) {
    if (!box || box.childElementCount === 0) continue;
    for (const element of box.querySelectorAll(`[role=tooltip], ${TIPPED}`)) {
      if (at.list.layout === 'records' && element.closest('button, [role=button]')) continue;
      const said = statusUnlabelled(
        tidy(element.getAttribute('role') === 'tooltip' ? element.textContent : tipOf(element)),
      );
      if (said && isDisabledStatus(said) && saysOfUser(said)) return clip(said, 100);
    }
  }
  if (at.list.layout === 'records')
    for (const tag of at.row.querySelectorAll(TAG)) {
      if (tag.childElementCount > 1) continue;
      const said = tidy(tag.textContent);
      if (said && said.length <= MAX_TAG && isDisabledStatus(said) && saysOfUser(said)) return said;
    }
  return null;
}

/** What a tag on a record is drawn as: a badge, a label, a chip, a pill. */
const TAG = '[class*=badge], [class*=label], [class*=tag], [class*=chip], [class*=pill]';
const MAX_TAG = 40;

/**
 * A tip without the name of its field before it: "Suspendu" of "Statut : Suspendu" (Craft labels a
 * user's status dot so).
 */
function statusUnlabelled(said: string): string {
  const colon = said.indexOf(':');
  return colon > 0 && fieldForHeader(said.slice(0, colon).trim()) === 'status'
    ? said.slice(colon + 1).trim()
    : said;
}

/**
 * Whether a tip's status is the user's: a word alone ("Deaktiviert", "Inactif"), or words naming the
 * user or the account ("User disabled", "Dieser Benutzer ist deaktiviert"); not "Notifications are
 * disabled" (Kanboard's bell beside each user).
 */
function saysOfUser(said: string): boolean {
  const words = normaliseHeader(said).split(' ');
  return (
    words.length === 1 ||
    words.some((word) => {
      const field = fieldForHeader(word);
      return field === 'user' || field === 'username';
    })
  );
}

/**
 * The login among a cell's pieces, where it shows the login with a name, an email or a tag beside it
 * ("Amy Nguyen / amy@firm", "jdoe [Disabled]"): an email, else the first piece without spaces; a
 * later one where the first is written as a name and the later one as a login, not a tag
 * ("frontdesk2" under "Frontdesk", as Mattermost shows the name above the login).
 */
function loginAmong(segments: string[]): string | undefined {
  const bracketed = segments.map(bracketedLogin).find(Boolean);
  if (bracketed) return bracketed;
  const email = segments.find((segment) => isEmail(segment));
  if (email) return email;
  const [first, ...later] = segments.filter((segment) => !/\s/.test(segment));
  if (first === undefined) return segments[0];
  if (writtenAsLogin(first)) return first;
  return later.find((segment) => writtenAsLogin(segment) && !isStatus(segment) && !isRole(segment)) ?? first;
}

/**
 * The login in brackets after a name, as SeedDMS writes its users "Tom Smith (tsmith)" above their
 * emails: one word written as a login (a handle's "@" taken off), not a status ("(suspended)") nor
 * the "(You)" after the admin's own.
 */
function bracketedLogin(segment: string | undefined): string | undefined {
  const login = segment?.endsWith(')') ? BRACKETED_TAG.exec(segment)?.[2]?.replace(/^@/, '') : undefined;
  return login && !/\s/.test(login) && writtenAsLogin(login) && !isStatus(login) && !isSelfTag(login)
    ? login
    : undefined;
}

/** "frontdesk2", "a.nowak", "jdoe": lower case, or with a digit or a login's punctuation. */
const writtenAsLogin = (text: string) =>
  /[\d._@-]/.test(text) || (text === text.toLowerCase() && text !== text.toUpperCase());

/**
 * A status shown as a tag beside the login, where the list has no status column ("jdoe
 * [Disabled]", as Keycloak lists a realm's users).
 */
function statusBeside(userSegments: string[], loginSegment: string | undefined): string | null {
  const tag = userSegments.find((segment) => segment !== loginSegment && isStatus(segment));
  return tag ? clip(tag, 100) : null;
}

/**
 * A role shown as a badge beside the login, where the list has no role column ("tsmith [Admin]", as
 * Gitea marks a site administrator).
 */
function roleBeside(at: RowCells, username: string): string | null {
  const badge = at.userSegments?.find((segment) => segment.replace(/^@/, '') !== username && isRole(segment));
  return badge ? clip(badge, 200) : null;
}

const isStatus = (text: string) => readShownStatus(text).understood;
const isRole = (text: string) => isRoleWord(normaliseHeader(text));

/** The tag an app puts beside the signed-in admin's own login: "You", "(you)", "Du", "Vous", "Tú". */
const SELF_TAGS = new Set([
  'you',
  'me',
  'du',
  'ich',
  'vous',
  'moi',
  'toi',
  'tu',
  'yo',
  'io',
  'jij',
  'ik',
  'voce',
  'eu',
  'ty',
  'ja',
]);
const isSelfTag = (text: string) => text.length <= 8 && SELF_TAGS.has(normaliseHeader(text));

function readDisplayName(
  at: RowCells,
  userSegments: string[],
  loginSegment: string | undefined,
): string | null {
  const nameSegments = at.plain ? segmentsOf(at, 'displayName') : segmentsIn(cellOf(at, 'displayName'));
  if (nameSegments) {
    // The person's name is the first piece that is not their email (SPAs put it on a second line);
    // single words side by side are one name written in parts ("<span>Ana</span> <span>García</span>").
    // Pieces with no letter or digit are an empty field's placeholder ("--", "—").
    const pieces = nameSegments.filter(
      (segment, index) =>
        !isEmail(segment) && /[\p{L}\p{N}]/u.test(segment) && !initialsOf(segment, nameSegments[index + 1]),
    );
    const name =
      pieces.length > 1 && pieces.every((piece) => !/\s/.test(piece)) ? pieces.join(' ') : pieces[0];
    if (pieces.length > 1) at.nameTag = pieces.find((piece) => piece !== name && isStatus(piece));
    if (name) return clip(name, 320);
  }
  const firstCell = cellOf(at, 'firstName');
  const lastCell = cellOf(at, 'lastName');
  if (firstCell || lastCell) {
    // An empty part may show a placeholder ("—", as Keycloak writes a missing last name).
    const joined = [firstCell, lastCell]
      .map((cell) => (cell ? namePart(at, cell) : ''))
      .filter((part) => /[\p{L}\p{N}]/u.test(part))
      .join(' ');
    if (joined) return clip(joined, 320);
  }
  // A cell headed as the name over the email ("Nome e-Mail", as vtiger heads its users): its piece
  // that is not the email.
  if (namesOverEmails(at.list)) {
    const beside = (at.plain ? segmentsOf(at, 'email') : segmentsIn(cellOf(at, 'email')))?.find(
      (segment) => !isEmail(segment) && /\p{L}/u.test(segment) && !isStatus(segment) && !isRole(segment),
    );
    if (beside) return clip(beside, 320);
  }
  // A user cell with a name beside the login (not a status tag, nor a role badge such as Gitea's
  // "Admin", nor the "You" beside the admin's own login).
  const other = userSegments.find(
    (segment) =>
      segment !== loginSegment &&
      !isEmail(segment) &&
      !isStatus(segment) &&
      !isRole(segment) &&
      !isSelfTag(segment),
  );
  return other ? clip(other, 320) : null;
}

/** Each list's answer to `namesOverEmails`, worked out once. */
const emailsUnderNames = new WeakMap<UserList, boolean>();

/** Whether a list's email column is headed as the name over the email too ("Nome e-Mail"). */
function namesOverEmails(list: UserList): boolean {
  let answer = emailsUnderNames.get(list);
  if (answer === undefined) {
    const header = headerOf(list, 'email');
    answer = header !== undefined && headerParts(header).includes('displayName');
    emailsUnderNames.set(list, answer);
  }
  return answer;
}

/** A name with a status in brackets after it: "John Doe (Suspended)", as Ghost lists its staff. */
const BRACKETED_TAG = /^(.*\S)\s*\(([^()]{2,30})\)$/;

/**
 * A name without the status in brackets after it, the status kept as the row's own word on it, and
 * without the "(You)" after the admin's own, or the login after it ("Tom Smith (tsmith)").
 */
function untagged(at: RowCells, name: string | null, login: string): string | null {
  const tagged = name?.endsWith(')') ? BRACKETED_TAG.exec(name) : null;
  if (!tagged?.[1] || !tagged[2]) return name;
  if (bracketedLogin(name ?? undefined) === login) return tagged[1];
  // "Super User (You)", as Outline marks the admin's own name.
  if (isSelfTag(tagged[2])) return tagged[1];
  if (!isStatus(tagged[2])) return name;
  at.nameTag ??= tagged[2];
  return tagged[1];
}

/**
 * A name cell's text without a status tag after the name ("John Doe" then "Suspended", as Moodle
 * shows a suspended user), the tag kept as the row's own word on its status.
 */
function namePart(at: RowCells, cell: Element): string {
  const segments = fieldSegments(cell);
  const tag = segments.slice(1).find((segment) => isStatus(segment));
  if (!tag) return fieldText(cell);
  at.nameTag ??= tag;
  return segments.filter((segment) => segment !== tag).join(' ');
}

/**
 * The permissions the row shows as granted: a permissions column (a list of names, or labelled
 * checkboxes), and columns that are one permission each with a checkbox per user, named by their
 * header.
 */
function readPermissions(
  list: UserList,
  cells: ArrayLike<Element | undefined>,
  permissionsCell: Element | undefined,
) {
  const granted: string[] = [];
  let shown = false;
  if (permissionsCell) {
    shown = true;
    const boxes = checkboxesIn(permissionsCell);
    if (boxes.length > 0) granted.push(...boxes.filter((box) => box.checked).map((box) => box.label));
    else
      granted.push(
        ...cellText(permissionsCell)
          .split(/\s*[,;•|·]\s*/)
          .filter(Boolean),
      );
  }
  list.permissionColumns ??= findPermissionColumns(list);
  for (const index of list.permissionColumns) {
    const cell = cells[index];
    const header = list.headers[index];
    if (!cell || !header) continue;
    const boxes = checkboxesIn(cell);
    if (boxes.length !== 1) continue;
    shown = true;
    if (boxes[0]?.checked) granted.push(header);
  }
  if (!shown) return null;
  return [...new Set(granted.map((name) => clip(name, 200)).filter(Boolean))].slice(0, 500);
}

/**
 * Unmapped columns with a header whose cells hold a single checkbox and no text, judged on the first
 * rows so that a 5,000-row list is not searched for checkboxes cell by cell.
 */
function findPermissionColumns(list: UserList): number[] {
  const sample = list.rows().slice(0, 10);
  if (sample.length === 0) return [];
  const mapped = new Set(Object.values(list.columns).filter((where) => typeof where === 'number'));
  const columns: number[] = [];
  list.headers.forEach((header, index) => {
    if (!header || mapped.has(index) || list.headers.indexOf(header) !== index) return;
    const withBox = sample.filter((row) => {
      const cell = list.cells(row)[index];
      return cell !== undefined && checkboxesIn(cell).length === 1 && !cellText(cell);
    }).length;
    if (withBox * 2 >= sample.length) columns.push(index);
  });
  return columns;
}

/** A cell's pieces of text, or undefined where there is no cell. */
function segmentsIn(cell: Element | undefined): string[] | undefined {
  return cell ? fieldSegments(cell) : undefined;
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}

function nullIfEmpty(text: string | null, max: number): string | null {
  return text ? clip(text, max) : null;
}
