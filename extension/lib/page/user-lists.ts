import type { AdapterField, ColumnRef, PageAdapter } from './adapter-schema';
import { isEmail, MARK_TAG_PREFIX, tidy } from './cell-text';
import {
  type ColumnField,
  fieldForHeader,
  isNameAlone,
  isSwitchedOn,
  normaliseHeader,
} from './header-fields';
import { linkToUserPages } from './layouts/record-list';
import { rowCells, tableRows } from './layouts/table';
import type { ListColumns, ListLayout, ListShape } from './list-layout';
import { isElement, isHtmlTag } from './nodes';

/**
 * Every kind of list layout, one file each in `layouts/` (see list-layout.ts): a file there is a
 * layout, nothing else lists them.
 */
export const LIST_LAYOUTS: readonly ListLayout[] = Object.entries(
  import.meta.glob<ListLayout>('./layouts/*.ts', { eager: true, import: 'default' }),
)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([, layout]) => layout);

const LIST_FINDS = LIST_LAYOUTS.flatMap((layout) => layout.finds);
/** The elements that may be a user list, of any layout. */
export const LIST_SELECTOR = LIST_FINDS.join(', ');
/**
 * The selectors of one element of a given tag (`table`, `ul:not([role=grid])`), by their tag; the
 * rest (`[role=grid]`, anything with a combinator) as one selector list.
 */
const TAGGED_SELECTORS = LIST_FINDS.flatMap((selector) => {
  const tag = /^[a-z]+(?![\w-])/.exec(selector)?.[0];
  const combined = /[\s>+~,]/.test(selector.replace(/\[[^\]]*\]|\([^)]*\)/g, ''));
  return tag && !combined ? [[tag, selector] as const] : [];
});
const UNTAGGED_SELECTOR = LIST_FINDS.filter(
  (selector) => !TAGGED_SELECTORS.some(([, tagged]) => tagged === selector),
).join(', ');
/** Added elements after which the page is looked at again: lists, and what the layouts watch for. */
export const RESCAN_SELECTOR = LIST_LAYOUTS.flatMap((layout) => [...layout.finds, ...layout.watches]).join(
  ', ',
);
const LAYOUT_SELECTORS = LIST_LAYOUTS.filter((layout) => layout.finds.length > 0).map(
  (layout) => [layout, layout.finds.join(', ')] as const,
);
/**
 * Layouts whose lists are told by their shape, found by a walk of the page; those with headers
 * first, as a list they find is theirs, not a run of records.
 */
const DISCOVERING = LIST_LAYOUTS.filter((layout) => layout.discover).sort(
  (a, b) => Number(b.headed) - Number(a.headed),
);

/** Whether an added element calls for a fresh look at the page, for a layout that walks it. */
export function arrivalCallsForRescan(added: Element): boolean {
  return DISCOVERING.some((layout) => layout.arrives?.(added));
}

/**
 * A user list found on a page: a `<table>`, an ARIA grid, a list of records, or whatever an adapter
 * points at. It knows which of its rows hold users and which column holds what; reading a row into
 * data is `readRow`'s job.
 */
export interface UserList extends Omit<ListShape, 'columns'> {
  element: Element;
  /** The layout's name, or `adapter` for a list an adapter points at. */
  layout: string;
  columns: ListColumns;
  /**
   * Columns that are one permission each, with a checkbox per user (payments portals draw their
   * "Users" page this way): found on the first rows read, then kept.
   */
  permissionColumns?: number[];
  /**
   * The grid draws the list more than once, copies over it for its fixed columns (`withoutCopies`),
   * and sets each row's height in every copy itself: badges in a row would make it taller than its
   * copies' rows.
   */
  drawnAgain?: true;
  /**
   * Where the badges are drawn, where not on the list itself: a copy of its fixed columns the grid
   * draws over it (`withoutPartCopies`), whose rows show the logins the list's own rows hide.
   */
  marksOn?: Element;
}

/** The layout an element is read by: the one whose selectors it matches (no two layouts share one). */
function layoutOf(element: Element): ListLayout | null {
  for (const [layout, selector] of LAYOUT_SELECTORS) if (element.matches(selector)) return layout;
  return null;
}

/** Every user list in a document or subtree, of every layout, or those an adapter names. */
export function findUserLists(
  root: Document | Element | ShadowRoot = document,
  adapter?: PageAdapter | null,
): UserList[] {
  if (adapter?.listSelector) {
    return [...root.querySelectorAll(adapter.listSelector)]
      .map((element) => describeList(element, adapter))
      .filter((list): list is UserList => list !== null);
  }
  const candidates = listCandidates(root);
  if (isElement(root) && root.matches(LIST_SELECTOR)) candidates.add(root);
  const described: UserList[] = [];
  for (const element of candidates) {
    if (element.tagName.startsWith(MARK_TAG_PREFIX)) continue;
    const list = describeList(element, adapter ?? null);
    if (list) described.push(list);
  }
  const found = described.filter((list) => !readWithin(list, described));
  const lists = withoutPartCopies(withoutCopies(found));
  // Layouts told by shape rather than selector walk the rest of the page once, past every list
  // the others found, copies too (a list they looked at and left may still be one of records).
  const passed = new Set<Element>(found.map((list) => list.element));
  const discovered: UserList[] = [];
  for (const layout of DISCOVERING)
    for (const element of layout.discover?.(root, passed) ?? []) {
      const list = describeWith(layout, element, adapter ?? null);
      if (!list) continue;
      discovered.push(list);
      passed.add(element);
    }
  // A list inside one discovered around it that reads the same rows is that one's: the first row's
  // table of a grid drawing a table per row.
  const all =
    discovered.length > 0 ? [...lists.filter((list) => !readWithin(list, discovered)), ...discovered] : lists;
  return all.length > 1 ? all.sort((a, b) => inDocumentOrder(a.element, b.element)) : all;
}

/**
 * Every element of the layouts' selectors, in no set order (the lists found are put in document
 * order; a news page's hundreds of `<ul>`s, put in order first, cost 1-4 ms of comparisons). A
 * selector that starts with a tag is answered from the browser's list of that tag's elements and
 * each one checked, which costs next to nothing; the others are asked in one query, one walk of the
 * page. On a 5,000-row table (40,000 elements) each query walks them all: the five queries this
 * replaced took 5-21 ms, these 3-7 ms.
 */
function listCandidates(root: Document | Element | ShadowRoot): Set<Element> {
  const found = new Set<Element>();
  // A shadow root has no list of its elements by tag: asked, as its trees are small.
  for (const [tag, selector] of TAGGED_SELECTORS)
    for (const element of 'getElementsByTagName' in root
      ? root.getElementsByTagName(tag)
      : root.querySelectorAll(tag))
      if (tag === selector || element.matches(selector)) found.add(element);
  if (UNTAGGED_SELECTOR) for (const element of root.querySelectorAll(UNTAGGED_SELECTOR)) found.add(element);
  return found;
}

/** How far up from two lists their grid's box may be, for one to be a copy of the other. */
const COPY_LEVELS = 4;

/**
 * The lists with each set of copies of one list read once. Grids that keep some columns in place
 * while the rest scroll sideways may draw the whole table again over itself for the columns fixed
 * on each side (Element UI 2 and View UI 4, as many Vue 2 admin templates use them), hiding in each
 * copy the cells of the columns it does not show: the same headers (in any order), as many rows and
 * the same first login, in the same box of the grid a few levels up. Each user would be counted and
 * marked once per copy. Of such copies the one read is the one whose login shows (where the admin
 * sees the badges), else the first.
 */
function withoutCopies(lists: UserList[]): UserList[] {
  if (lists.length < 2) return lists;
  const alike = new Map<string, UserList[]>();
  for (const list of lists) {
    if (list.headers.length === 0) continue;
    // In any order: View UI's copy for the columns fixed on the right puts them first.
    const key = `${list.layout}\u0000${[...list.headers].sort().join('\u0000')}`;
    alike.set(key, [...(alike.get(key) ?? []), list]);
  }
  const copies = new Set<UserList>();
  for (const group of alike.values()) {
    if (group.length < 2) continue;
    const looks = new Map(group.map((list) => [list, firstLogin(list)]));
    const alikeIn = (a: UserList, b: UserList) => {
      const [first, other] = [looks.get(a), looks.get(b)];
      return !!first?.text && first.rows === other?.rows && first.text === other.text && sameBox(a, b);
    };
    const left = [...group];
    while (left.length > 1) {
      const first = left.shift() as UserList;
      const same = left.filter((other) => alikeIn(first, other));
      if (same.length === 0) continue;
      const set = [first, ...same];
      const kept = set.find((list) => shows(looks.get(list)?.cell)) ?? first;
      kept.drawnAgain = true;
      for (const list of set) if (list !== kept) copies.add(list);
      for (const list of same) left.splice(left.indexOf(list), 1);
    }
  }
  return copies.size === 0 ? lists : lists.filter((list) => !copies.has(list));
}

/**
 * The lists without the copies a grid draws over a list of only its fixed columns (Ant Design 3 and
 * ant-design-vue 1, as many Vue 2 and React admin templates use them): a list of fewer headers, each
 * one of the list's in its order, as many rows and the same first login, in the same box of the grid.
 * The list is read, as its rows have every field; where the copy's login shows, the list's badges
 * are drawn over the copy's rows, in a layer beside it (the copy covers the list's own login cells).
 */
function withoutPartCopies(lists: UserList[]): UserList[] {
  if (lists.length < 2) return lists;
  const parts = new Set<UserList>();
  for (const part of lists) {
    const whole = lists.find(
      (list) =>
        list !== part &&
        !parts.has(list) &&
        list.layout === part.layout &&
        list.headers.length > part.headers.length &&
        inOrderWithin(part.headers, list.headers) &&
        sameBox(list, part),
    );
    if (!whole) continue;
    const [mine, its] = [firstLogin(part), firstLogin(whole)];
    if (!mine.text || mine.text !== its.text || mine.rows !== its.rows) continue;
    parts.add(part);
    whole.drawnAgain = true;
    if (shows(mine.cell)) drawOnCopy(whole, part);
  }
  return parts.size === 0 ? lists : lists.filter((list) => !parts.has(list));
}

/** Whether each of a list's headers is one of the other's, in the same order. */
function inOrderWithin(part: readonly string[], whole: readonly string[]): boolean {
  let at = 0;
  for (const header of part) {
    while (at < whole.length && whole[at] !== header) at++;
    if (at++ >= whole.length) return false;
  }
  return true;
}

/** A row's login cell, where the list knows its login column. */
export function loginCell(list: UserList, row: Element): Element | undefined {
  const where = list.columns.username;
  if (typeof where === 'number') return valueCell(list, row, where, list.cells(row, where + 1)[where]);
  return (where && row.querySelector(where.selector)) ?? undefined;
}

/**
 * A row's cell at a column, or where the column's header spans the next column too and this cell
 * holds no text (TYPO3's "Benutzername / Name" over the avatar's cell and the login's), the next.
 */
export function valueCell(list: UserList, row: Element, where: number, cell: Element | undefined) {
  if (list.headers[where + 1] !== list.headers[where] || !cell || cell.textContent?.trim()) return cell;
  return list.cells(row, where + 2)[where + 1] ?? cell;
}

/** Badges of a list's rows drawn on the login cells of the same rows of a copy over it. */
function drawOnCopy(list: UserList, copy: UserList): void {
  if (copy.columns.username === undefined) return;
  // The row's place in the list, found once per drawing of the rows rather than per row.
  let places = new Map<Element, number>();
  let copyRows: Element[] = [];
  list.marksOn = copy.element;
  list.markAnchor = (row) => {
    if (!places.has(row)) {
      places = new Map(list.rows().map((each, at) => [each, at]));
      copyRows = copy.rows();
    }
    const copyRow = copyRows[places.get(row) ?? -1];
    return (copyRow && loginCell(copy, copyRow)) ?? loginCell(list, row) ?? row;
  };
}

/** Whether two lists stand in the same box a few levels up: one grid's parts. */
function sameBox(a: UserList, b: UserList): boolean {
  let box: Element | null = a.element.parentElement;
  for (let level = 0; box && level < COPY_LEVELS; level++, box = box.parentElement)
    if (box.contains(b.element)) return true;
  return false;
}

/** How many rows a list has, and the cell and text of its first row's login. */
function firstLogin(list: UserList): { rows: number; cell?: Element; text?: string } {
  const rows = list.rows();
  const where = list.columns.username ?? list.columns.email ?? list.columns.displayName;
  const cell = rows[0] && typeof where === 'number' ? list.cells(rows[0], where + 1)[where] : undefined;
  return { rows: rows.length, cell, text: cell?.textContent?.trim() };
}

/** Whether what is in a cell shows: not hidden, nor in a box kept out of sight (`display: none`). */
function shows(cell: Element | undefined): boolean {
  if (!cell) return false;
  // The copies hide a cell's content (Element UI hides what is inside the cell, not the cell).
  let inside = cell;
  while (inside.firstElementChild) inside = inside.firstElementChild;
  return inside.checkVisibility({ visibilityProperty: true });
}

/**
 * Whether another list around this one reads the same rows: an ARIA table whose rows are those of a
 * `<table>` inside it (DataTables gives its scrolling wrapper `role=table` and rows, and its two
 * tables `role=none`). The list around is the one the page declares, and its rows are read once.
 */
function readWithin(list: UserList, lists: readonly UserList[]): boolean {
  const around = lists.filter((other) => other !== list && other.element.contains(list.element));
  if (around.length === 0) return false;
  const [first] = list.rows();
  return !!first && around.some((other) => other.isRow(first));
}

function inDocumentOrder(a: Element, b: Element): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/**
 * The user list an element is, or null when it does not look like one. The list an adapter points at
 * is read by a layout with headers where it is one (a table, a grid), else by its children, whose
 * positions the adapter's columns count.
 */
export function describeList(element: Element, adapter: PageAdapter | null = null): UserList | null {
  return describeWith(layoutOf(element), element, adapter);
}

function describeWith(
  found: ListLayout | null,
  element: Element,
  adapter: PageAdapter | null,
): UserList | null {
  const layout = found && (found.headed || !adapter?.listSelector) ? found : null;
  const shape = layout ? layout.shape(element) : adapter?.listSelector ? childShape(element) : null;
  if (!shape) return null;
  const name = adapter?.listSelector ? 'adapter' : (layout?.name ?? 'adapter');
  let columns: ListColumns;
  if (shape.columns) {
    // The layout said where each field is: the list holds users.
    columns = { ...shape.columns };
  } else {
    const headerFields = shape.headers.map((header) => fieldForHeader(header));
    const resolved = resolveColumns(headerFields, shape.headers);
    columns = resolved.columns;
    if (adapter) applyAdapterColumns(columns, shape.headers, adapter.columns);
    let headed: boolean | undefined;
    const isHeaded = () => (headed ??= headedAsPeople(element));
    let linked: boolean | undefined;
    const linksToUsers = () => (linked ??= linkToUserPages(shape.rows().slice(0, USER_LINK_ROWS)));
    if (
      !adapter?.listSelector &&
      !resolved.named &&
      !hasSupportingColumns(columns, shape.headers, resolved.userHeaded) &&
      // Names and emails, with a role or a last sign-in each or both a name and an email, under a
      // heading that says they are users ("Browse list of users", as Moodle heads its users: full
      // name, email, last access; "User Details", as Invoice Ninja heads its users' names and emails;
      // "Leden", as Silverstripe heads its members' first names, surnames and emails), or each row
      // linking to a page of its user's (HumHub's avatars link to "/u/tsmith/", under "Übersicht").
      !(
        (columns.role !== undefined ||
          columns.lastSignIn !== undefined ||
          (columns.email !== undefined &&
            (columns.displayName !== undefined ||
              columns.firstName !== undefined ||
              columns.lastName !== undefined))) &&
        (isHeaded() || linksToUsers())
      ) &&
      // A column headed "User" alone, each row linking to its user's page, under a heading that says
      // they are users (Webmin's "Użytkownik" and "Moduły" under "Użytkownicy Webmin").
      !(resolved.userHeaded && isHeaded() && linksToUsers())
    )
      return null;
    // The name was taken as the login for want of one: an email is a better one.
    if (
      columns.email === undefined &&
      columns.username !== undefined &&
      columns.username === columns.displayName
    )
      emailsUnnamed(shape, element, headerFields, columns);
  }
  if (columns.username === undefined) return null;
  const list: UserList = { ...shape, element, layout: name, columns };
  if (!adapter?.listSelector && repeatsLogins(list)) return null;
  if (adapter?.rowSelector) {
    const rowSelector = adapter.rowSelector;
    list.rowSelector = rowSelector;
    list.isRow = (candidate: Element) =>
      candidate.matches(rowSelector) && element.contains(candidate) && candidate !== element;
    list.rows = () => [...element.querySelectorAll(rowSelector)];
  }
  return list;
}

/** How many of a list's first rows tell whether each links to a page of its user's. */
const USER_LINK_ROWS = 8;

/** How many of a list's first rows tell whether it names each user once. */
const FIRST_ROWS = 20;

/**
 * Whether a list's first rows repeat a few logins: a log of what users did (Proxmox's tasks, each
 * with the user who ran it), not a list of them, which names each user once. Only the first rows
 * are read.
 */
function repeatsLogins(list: UserList): boolean {
  const where = list.columns.username;
  if (typeof where !== 'number') return false;
  const logins = firstTexts(list, list.element, where, FIRST_ROWS);
  return logins.length >= 3 && new Set(logins).size * 2 < logins.length;
}

/**
 * The texts of a column's cells in a list's first rows, the blank ones left out. Only the first few
 * of the elements found are looked at: the page makes a script object of an element only when it is.
 */
function firstTexts(shape: ListShape, element: Element, where: number, count: number): string[] {
  const texts: string[] = [];
  const found = element.querySelectorAll(shape.rowSelector);
  for (let index = 0; index < found.length && index < count * 3 && texts.length < count; index++) {
    const row = found[index] as Element;
    if (!shape.isRow(row)) continue;
    const text = tidy(shape.cells(row, where + 1)[where]?.textContent ?? null);
    if (text) texts.push(text);
  }
  return texts;
}

/** How many of a list's first rows tell that a column its header does not name holds emails. */
const EMAIL_ROWS = 8;

/**
 * Where a list names no login and no email column: a column whose header names no field and whose
 * first rows all show an email is the email, and the login (Bugzilla heads its users' emails, their
 * logins, "Edit user...").
 */
function emailsUnnamed(
  shape: ListShape,
  element: Element,
  fields: readonly (ColumnField | null)[],
  columns: Columns,
): void {
  const where = fields.findIndex((field, index) => {
    if (field !== null) return false;
    const texts = firstTexts(shape, element, index, EMAIL_ROWS);
    return texts.length >= 3 && texts.every((text) => isEmail(text));
  });
  if (where < 0) return;
  columns.email = where;
  columns.username = where;
}

/** An adapter's list that is neither a table nor a grid (a `<ul>`, cards): its rows' children are cells. */
function childShape(element: Element): ListShape {
  const isRow = (candidate: Element) => candidate.parentElement === element;
  return {
    headers: [],
    rowSelector: '*',
    isRow,
    rows: () => [...element.children],
    cells: (row) => [...row.children],
  };
}

type Columns = ListColumns;

/** A header that names the role itself, in the languages that say "role" so. */
const NAMED_ROLE =
  /(?:^| )(?:(?:user |access )?roles?|rollen?|rol|roller|rola|ruol[oi]|papel|роль|роли)(?: |$)|角色|ロール|역할/;

/** A header that names an ID: "User ID", "Gebruikers-ID", "ID utente". */
const NAMED_ID = /(?:^| )(?:user)?id(?: |$)/;

/** Whether a column's header is named so and another column's is not. */
function namedOver(
  named: RegExp,
  headers: readonly string[],
  column: Columns[AdapterField],
  other: Columns[AdapterField],
): boolean {
  if (typeof column !== 'number' || typeof other !== 'number') return false;
  return (
    named.test(normaliseHeader(headers[column] ?? '')) && !named.test(normaliseHeader(headers[other] ?? ''))
  );
}

/**
 * Which column holds what. `named` says whether a header names the login outright ("Username",
 * "Login ID"); an email or "User" column is on every contact list and audit log too, so it makes a
 * user list only together with two of role, status, last sign-in and permissions, with a column
 * saying whether each is switched on, or, for a "User" column, with both an email and a role
 * (`userHeaded`: the login came from a "User" column; see hasSupportingColumns).
 */
function resolveColumns(
  fields: (ColumnField | null)[],
  headers: readonly string[],
): { columns: Columns; named: boolean; userHeaded: boolean } {
  const columns: Columns = {};
  let user: number | undefined;
  const names: number[] = [];
  fields.forEach((field, index) => {
    if (field === null) return;
    if (field === 'user') {
      user ??= index;
      return;
    }
    if (field === 'displayName' && headers[index] !== headers[index - 1]) names.push(index);
    // Colspans repeat a header over several positions: keep the first. A column named the role
    // outright is the role beside one of groups ("Groups" then "Role", as Bitwarden lists members);
    // a login named otherwise is the login beside one named an ID ("Gebruikers-ID" then
    // "Gebruikersnaam", as LimeSurvey lists its users: the ID is a number).
    if (
      columns[field] === undefined ||
      (field === 'role' && namedOver(NAMED_ROLE, headers, index, columns.role)) ||
      (field === 'username' && namedOver(NAMED_ID, headers, columns.username, index))
    )
      columns[field] = index;
  });
  const nameAlone = names.find((index) => isNameAlone(headers[index] ?? ''));
  if (nameAlone !== undefined) {
    const fullName = names.find((index) => index !== nameAlone);
    if (fullName !== undefined && columns.username === undefined) {
      // "Name" beside "Real Name" (Request Tracker), "Name" beside "Vollständiger Name": the name
      // alone is the login, the other the person's.
      columns.username = nameAlone;
      columns.displayName = fullName;
    } else if (
      fullName === undefined &&
      (columns.firstName === undefined) !== (columns.lastName === undefined)
    ) {
      // "Prénom" and "Nom", "Vorname" and "Name", "Nombre" and "Apellidos": a name alone beside
      // one part of the name is the other part.
      if (columns.firstName === undefined) columns.firstName = nameAlone;
      else columns.lastName = nameAlone;
      delete columns.displayName;
    }
  }
  const named = columns.username !== undefined;
  // "User" is the login where nothing else is, otherwise the person's name.
  if (user !== undefined) {
    if (columns.username === undefined) columns.username = user;
    else if (columns.displayName === undefined) columns.displayName = user;
  }
  if (columns.username === undefined && columns.email !== undefined) columns.username = columns.email;
  // No login or email shown: the name is what the app signs its users in with or knows them by, and
  // is judged alone (the classifier tells a person's name from a role's).
  if (columns.username === undefined && columns.displayName !== undefined)
    columns.username = columns.displayName;
  return { columns, named, userHeaded: user !== undefined && columns.username === user };
}

function hasSupportingColumns(columns: Columns, headers: readonly string[], userHeaded: boolean): boolean {
  const present = (['role', 'status', 'lastSignIn', 'permissions'] as const).filter(
    (field) => columns[field] !== undefined,
  );
  // Only accounts are switched on and off ("Active: No"): a mail server's list of mailboxes shows
  // its addresses, their names and that alone.
  const status = columns.status;
  return (
    present.length >= 2 ||
    (typeof status === 'number' && isSwitchedOn(headers[status] ?? '')) ||
    // A column headed "User" beside the email and the groups or role of each: DokuWiki's user
    // manager in most of its languages ("User", "Real Name", "Email", "Groups"); or beside the email
    // and the first or last name apart, as Redmine and the Django admin head their users in Russian,
    // Polish or Bulgarian ("Пользователь", "Имя", "Фамилия", "Email"). A contact list has no one's
    // role and no "User" column, an audit log no one's email.
    // Or beside the email and each one's last sign-in, as Mattermost lists its users ("User details",
    // "Email", "Last login").
    (userHeaded &&
      columns.email !== undefined &&
      (columns.role !== undefined ||
        columns.firstName !== undefined ||
        columns.lastName !== undefined ||
        columns.lastSignIn !== undefined)) ||
    // Or beside the first and the last name apart, as XWiki lists its users ("Utilisateur",
    // "Prénom", "Nom"): a person's names in two columns beside a login are an account's.
    (userHeaded && columns.firstName !== undefined && columns.lastName !== undefined)
  );
}

/** Headings' words for a team, besides the user words of the headers' vocabulary ("Users"). */
const TEAM_WORDS = new Set(['team', 'teams', 'equipe', 'equipes', 'equipo', 'equipa', 'squadra', 'zespol']);
/** German and Dutch compounds that start with a user word ("Benutzerverwaltung", "Gebruikersbeheer"). */
const USER_COMPOUND = /^(?:(?:be)?nutzer|anwender|mitglied|mitarbeit|gebruiker|medewerker)\p{L}{3,}/u;

/** Whether a heading or title says the page is about users or a team: "Team", "Users", "Mitglieder". */
function namesPeople(heading: string): boolean {
  // Without the count after it: "Users (12)", "成员12" (Plane's members, the count in a badge).
  const text = heading.replace(/[\s(（[]*\d[\d\s,.]*[)）\]]?$/u, '');
  if (!text || text.length > 80) return false;
  if (fieldForHeader(text) === 'user') return true;
  return normaliseHeader(text)
    .split(' ')
    .some((word) => TEAM_WORDS.has(word) || USER_COMPOUND.test(word) || fieldForHeader(word) === 'user');
}

// Headings drawn as styled boxes too: Vuetify's "headline" (Wiki.js heads its users so), a page's,
// card's or widget's title (Portainer's "toolBarTitle" over its users); and a form's legend
// (SeedDMS heads its users "Benutzerübersicht" so).
const HEADING = 'h1, h2, h3, h4, h5, h6, legend, [role=heading], .headline, [class*="title" i]';
/** How far up from a list its heading may be, and how many siblings back at each level. */
const HEADING_LEVELS = 8;
const HEADING_SIBLINGS = 4;

/**
 * Whether the list's heading says its rows are people: its caption or label, else the nearest
 * heading before it (a few siblings back at each of a few levels up), else the page's title. A list
 * of names and emails with a role each is a team's access under "Team" or "Users", and a CRM's
 * contacts under "Contacts".
 */
function headedAsPeople(element: Element): boolean {
  const label =
    element.querySelector(':scope > caption')?.textContent ??
    element.getAttribute('aria-label') ??
    titleRow(element);
  if (label?.trim()) return namesPeople(label.trim());
  let level: Element | null = element;
  for (let up = 0; level && up < HEADING_LEVELS; up++, level = level.parentElement) {
    let sibling = level.previousElementSibling;
    for (let back = 0; sibling && back < HEADING_SIBLINGS; back++, sibling = sibling.previousElementSibling) {
      const heading = sibling.matches(HEADING) ? sibling : [...sibling.querySelectorAll(HEADING)].at(-1);
      // A title with no text (an icon's box) heads nothing.
      const text = heading?.textContent?.trim();
      if (text) return namesPeople(text);
    }
  }
  return namesPeople(element.ownerDocument.title.trim());
}

/**
 * A table's title in a row of its header of its own, one cell across the table: Silverstripe titles
 * its grids so ("Leden" over "Voornaam", "Achternaam", "E-mail"), as do admin pages laid out by hand.
 * The heading in the cell where it holds one, else the cell's text; null where no such row says
 * anything (a row of one cell holding a search form's box).
 */
function titleRow(element: Element): string | null {
  if (!isHtmlTag(element, 'table')) return null;
  for (const row of tableRows(element, ['THEAD'])) {
    const cells = rowCells(row);
    const [cell] = cells;
    if (cells.length !== 1 || !cell) continue;
    const text = (cell.querySelector(HEADING) ?? cell).textContent?.trim();
    if (text) return text;
  }
  return null;
}

function applyAdapterColumns(
  columns: Columns,
  headers: string[],
  refs: Partial<Record<AdapterField, ColumnRef>>,
): void {
  for (const [field, ref] of Object.entries(refs) as [AdapterField, ColumnRef][]) {
    if ('index' in ref) columns[field] = ref.index - 1;
    else if ('selector' in ref) columns[field] = { selector: ref.selector };
    else {
      const wanted = normaliseHeader(ref.header);
      const index = headers.findIndex((header) => normaliseHeader(header) === wanted);
      if (index >= 0) columns[field] = index;
    }
  }
}
