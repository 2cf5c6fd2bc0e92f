import { cellText } from '../cell-text';
import type { ListLayout, ListShape } from '../list-layout';

/**
 * Lists of users as `<ul>`/`<ol>`, one `<li>` per user: a link to the user's page, then what the app
 * says of them inline, in parentheses or in small labelled parts. MediaWiki's Special:ListUsers reads
 * `Amelia Clarke (talk | contribs) (bureaucrat, administrator) (Created on 3 December 2026 at 13:25)`
 * and appends `(blocked)` to a blocked user; forums' member lists are built the same way. With no
 * header to name its parts, the list is taken for one of users only when most of its items link to a
 * user's page and say something more than the link.
 */
const recordList: ListLayout = {
  name: 'list',
  serves: 'user lists as <ul>/<ol> records: MediaWiki Special:ListUsers (1.39), forum member lists',
  // A list with a grid role is the ARIA grid layout's.
  finds: [
    'ul:not([role=grid]):not([role=treegrid]):not([role=table])',
    'ol:not([role=grid]):not([role=treegrid]):not([role=table])',
  ],
  // Items rendered into a list that was empty (or held a "Loading…" line) when the page was read.
  watches: ['li'],
  headed: false,
  shape: recordShape,
};
export default recordList;

/**
 * A link to a user's page: `/users/12`, `/members/amy.12/`, `/u/amy`, MediaWiki's `User:Amy`, or a
 * link the page classes as one (`mw-userlink`, `username`). Not `User_talk:` or `/users?page=2`
 * (a pager), which is why the word must end at a path, query or namespace separator.
 */
export const USER_HREF =
  /(?:^|[/?&=:#])(?:users?|members?|u|people|person|profiles?|accounts?|staff|benutzer|utilisateurs?|usuarios?|gebruikers?)(?:[/:=#.-]|$)/i;
/**
 * Whether most records (a list's rows, a card's parts) link to a page of their own about a user:
 * each a different address with a user word in it (`/users/3`, `profile?userId=…`), not one link to
 * the users' list among a menu's.
 */
export function linkToUserPages(
  sample: readonly Element[],
  partsOf: (record: Element) => readonly Element[] = (record) => [record],
): boolean {
  const found = new Set<string>();
  for (const record of sample) {
    for (const link of partsOf(record).flatMap((part) => [...part.querySelectorAll('a[href]')])) {
      const href = link.getAttribute('href') ?? '';
      if (!USER_HREF.test(href)) continue;
      found.add(href);
      break;
    }
  }
  return found.size * 2 >= sample.length;
}

const USER_CLASS = /(?:^|[\s_-])(?:user|member)(?:name|link)?(?:[\s_-]|$)/i;
/** Roles of the site's navigation and controls: what is in them is never a list of users. */
export const CHROME_ROLES: ReadonlySet<string> = new Set([
  'navigation',
  'menu',
  'menubar',
  'tablist',
  'listbox',
  'toolbar',
  'tree',
]);
// Lists that are the site's navigation or a control, never content.
const NOT_CONTENT = [
  'nav',
  'header',
  'footer',
  'menu',
  ...[...CHROME_ROLES].map((role) => `[role=${role}]`),
].join(', ');
/** How many items decide whether a list holds users: a 5,000-item list is not walked to find out. */
const SAMPLE = 20;

/** A link that points at a user's page or is classed as a user's. */
function mayBeUserLink(link: Element): boolean {
  return USER_HREF.test(link.getAttribute('href') ?? '') || USER_CLASS.test(link.className);
}

function userLink(item: Element): HTMLAnchorElement | null {
  const links = item.getElementsByTagName('a');
  for (let i = 0; i < links.length && i < 8; i++) {
    const link = links[i] as HTMLAnchorElement;
    if (!mayBeUserLink(link)) continue;
    // A nested list's links are its own items'.
    if (link.parentElement?.closest('li') !== item) continue;
    const text = cellText(link);
    if (text && !/^[\d\s.,«»‹›<>|…-]*$/.test(text)) return link;
  }
  return null;
}

function ownItems(list: Element): Element[] {
  const items: Element[] = [];
  for (let child = list.firstElementChild; child; child = child.nextElementSibling)
    if (child.tagName === 'LI') items.push(child);
  return items;
}

/** How many of a list's links are looked at, at most, to tell that none is a user's. */
const LINKS_LOOKED_AT = 200;

function recordShape(list: Element): ListShape | null {
  // Most lists of a page (its tags, comments, footer links) link to no user: one look at the list's
  // links settles that, instead of a look into each of its items.
  const links = list.getElementsByTagName('a');
  if (links.length <= LINKS_LOOKED_AT && !Array.prototype.some.call(links, mayBeUserLink)) return null;
  const sample: Element[] = [];
  for (let item = list.firstElementChild; item && sample.length < SAMPLE; item = item.nextElementSibling)
    if (item.tagName === 'LI') sample.push(item);
  const logins = new Set<string>();
  let linked = 0;
  let described = 0;
  for (const item of sample) {
    const link = userLink(item);
    if (!link) continue;
    linked++;
    logins.add(cellText(link));
    // More than the link: the record's groups, dates, status or tool links.
    if ((item.textContent ?? '').trim().length > (link.textContent ?? '').trim().length + 2) described++;
  }
  // Two users or more, most items one, each a different login, most with more said of them.
  if (linked < 2 || linked * 5 < sample.length * 4 || logins.size < linked || described * 2 < linked)
    return null;
  // Asked last, of lists that look like users': it climbs to the page's root with ten selectors at
  // each step.
  if (list.closest(NOT_CONTENT)) return null;
  const isRow = (element: Element) => element.tagName === 'LI' && element.parentElement === list;
  return {
    headers: [],
    // The link names the user: their login, which on a wiki is also the name they go by.
    columns: { username: 0, displayName: 0 },
    rowSelector: 'li',
    isRow,
    rows: () => ownItems(list),
    cells: (row) => [userLink(row) ?? undefined],
    // After the record's words: inside the link, the badges would be part of it.
    markAnchor: (row) => row,
    text: (row, field) =>
      field === 'role' || field === 'status' || field === 'lastSignIn' ? details(row)[field] : undefined,
  };
}

const STATUS = /^(blocked|disabled|locked|suspended|banned|deactivated|inactive|expired)$/i;
const LAST_SIGN_IN = /^(last (seen|active|visit(ed)?|log ?in|logged in|sign(ed)? ?in))\b\W*/i;
const DATE = /\d/;
// Classes apps give an element that holds a user's groups or title.
const GROUPS_CLASS = /(?:^|[\s_-])(?:groups?|roles?|user-?title|usertitle)(?:[\s_-]|$)/i;

/**
 * What the record says of its user after the link: the groups (the first parenthesised part that is
 * neither a date nor a status, or an element classed as the groups), the status, and the last
 * sign-in where the page calls a date that.
 */
function details(item: Element): { role: string | null; status: string | null; lastSignIn: string | null } {
  const found: { role: string | null; status: string | null; lastSignIn: string | null } = {
    role: null,
    status: null,
    lastSignIn: null,
  };
  for (const element of item.querySelectorAll('[class]')) {
    if (GROUPS_CLASS.test(element.className)) {
      found.role = cellText(element) || null;
      break;
    }
  }
  // The words as written, punctuation and all ("(bureaucrat, administrator)").
  const text = (item.textContent ?? '').replace(/\s+/g, ' ');
  for (const [, part = ''] of text.matchAll(/[([]\s*([^()[\]]+?)\s*[)\]]/g)) {
    if (STATUS.test(part)) found.status ??= part;
    else if (LAST_SIGN_IN.test(part)) found.lastSignIn ??= part.replace(LAST_SIGN_IN, '');
    // Tool links ("talk | contribs") are not groups.
    else if (!DATE.test(part) && !part.includes('|')) found.role ??= part;
  }
  return found;
}
