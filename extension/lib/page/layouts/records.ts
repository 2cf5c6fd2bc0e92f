import { STATUS_WORDS } from '../../../../shared/directory/read-shown-values';
import {
  AVATAR_CLASS,
  cellSegments,
  cellText,
  drawnAsButton,
  FORMATTING_TAGS,
  INLINE_TAGS,
  initialsOf,
  isEmail,
  isSkipped,
  MARK_TAG_PREFIX,
} from '../cell-text';
import { type ColumnField, fieldForHeader, isRoleWord, normaliseHeader, saysWho } from '../header-fields';
import type { ListColumns, ListLayout, ListShape } from '../list-layout';
import { isDocument } from '../nodes';
import { RECORD_WORDS } from '../page-words';
import { CHROME_ROLES, linkToUserPages, USER_HREF } from './record-list';

/**
 * User lists with no table, no grid roles and no headers: card grids and `div` lists that
 * single-page apps draw, `<ul>`/`<ol>` items that are not links to user pages, `<dl>`s. Such a list
 * is a run of sibling records of the same shape (tag and class), whose fields line up from record
 * to record; it holds users when one field reads as a login, an email or a person's name on nearly
 * every record, and something else says these are people: another such field, a role or status
 * word, an avatar, a link to the user's page, or a label or header naming a user field.
 *
 * The page is walked once; tables, grids and lists the other layouts found are passed over, and so
 * is the site's navigation. Only runs of records whose text is short enough to be a user's are
 * read further, a dozen records each.
 */
const records: ListLayout = {
  name: 'records',
  serves: 'card grids, div lists, <ul>/<ol>/<dl> records with no headers (single-page apps, admin consoles)',
  finds: [],
  watches: [],
  headed: false,
  discover,
  // A list drawn at once (a container of records), or a record added to a run of them.
  arrives: (added) =>
    added.childElementCount >= 2 ||
    (added.previousElementSibling !== null && signature(added.previousElementSibling) === signature(added)),
  shape: recordsShape,
};
export default records;

/** Elements whose insides are never a list of records, or are another layout's. */
const OPAQUE = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'HEAD',
  'SVG',
  'svg',
  'SELECT',
  'DATALIST',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'PICTURE',
  'TABLE',
  'PRE',
  'CODE',
  'NAV',
  // A sidebar: the app's sections under their own labels ("Administration", "Developer", as Plane's
  // settings list them), never its users.
  'ASIDE',
  'MENU',
  'BUTTON',
  'TEXTAREA',
]);
const GRID_ROLES = new Set(['grid', 'treegrid', 'table']);
/** Records a list has at least, and at most how many decide what its fields hold. */
const MIN_RECORDS = 2;
const SAMPLE = 12;
/** A user's record says little: a record longer than this is an article, a post, a form. */
const MAX_RECORD_TEXT = 600;
const MAX_FIELDS = 40;
const MAX_RECORD_FIELDS = 16;
const MAX_DEPTH = 8;

/** Tag and first class (digits dropped): what records of one run share. */
function signature(element: Element): string {
  const classes = element.getAttribute('class');
  if (!classes) return element.tagName;
  const first = /\S+/.exec(classes)?.[0] ?? '';
  return `${element.tagName}.${first.replace(/\d+/g, '')}`;
}

/**
 * A menu or navigation bar built of plain lists and named so by its id or a class ("main-navigation",
 * "app-nav", "navbar-nav", "sf-menu", "dropdown-menu"): its links are the app's pages, not records.
 */
const NAVIGATION_NAME = /(?:^|[\s_-])(?:nav|navbar|navigation|menu|menubar)(?:$|[\s_-])/i;
/** A class that names the page's layout or main content, even with "nav" in it. */
const LAYOUT_NAME = /(?:^|[_-])(?:main|content|layout)(?:$|[_-])/i;

/**
 * Whether an id or class names navigation: one of its names has a navigation word, and is not the
 * name of the page's layout around the content ("main-layout-nav-to-stack", the box Pydio Cells
 * draws its whole console in).
 */
function namesNavigation(names: string): boolean {
  if (!NAVIGATION_NAME.test(names)) return false;
  return names.split(/\s+/).some((name) => NAVIGATION_NAME.test(name) && !LAYOUT_NAME.test(name));
}

/** The page's own header and footer, and its navigation: not content. */
function isChrome(element: Element): boolean {
  if (isOpaque(element.tagName) && !isHeaderlessTable(element)) return true;
  return element.hasAttributes() && hasChromeAttributes(element, element.getAttribute('class'));
}

/** A role, a name or a state that makes an element the site's navigation, or hides it. */
function hasChromeAttributes(element: Element, classes: string | null): boolean {
  const role = element.getAttribute('role');
  if (role && (CHROME_ROLES.has(role) || GRID_ROLES.has(role))) return true;
  if (namesNavigation(element.id) || (classes !== null && namesNavigation(classes))) return true;
  return element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true';
}

/** Code, pictures and Rollcall's own marks: told by their tag alone. */
function isOpaque(tag: string): boolean {
  return OPAQUE.has(tag) || tag.startsWith(MARK_TAG_PREFIX);
}

/**
 * A table with no header at all (no `<thead>`, no `<th>` in its first row): older back offices
 * list their users so, a row per user with the login, the name and the email side by side. The
 * table layout reads tables by their headers and leaves these; here their rows are records like any
 * other, and their body is a run of them. Any other table is passed over whole.
 */
function isHeaderlessTable(element: Element): boolean {
  if (element.tagName !== 'TABLE') return false;
  let first: Element | null = null;
  for (let child = element.firstElementChild; child && !first; child = child.nextElementSibling) {
    const tag = child.tagName;
    if (tag === 'THEAD') return false;
    if (tag === 'TR') first = child;
    else if (tag === 'TBODY') first = child.firstElementChild;
  }
  if (!first) return false;
  for (let cell = first.firstElementChild; cell; cell = cell.nextElementSibling)
    if (cell.tagName === 'TH') return false;
  return true;
}

/** The row of a table of one row and no header: a record's fields laid out in cells, not a list. */
function layoutRow(element: Element): HTMLTableRowElement | null {
  if (!(element instanceof HTMLTableElement) || element.rows.length !== 1 || !isHeaderlessTable(element))
    return null;
  return element.rows[0] ?? null;
}

function isPageFurniture(element: Element, tag = element.tagName): boolean {
  // A card may have a <header> and a <footer> of its own; the page's are not content.
  return (
    (tag === 'HEADER' || tag === 'FOOTER') &&
    !element.parentElement?.closest('article, section, li, [role=listitem], [role=article]')
  );
}

/** The records of a run: the children of the most common shape, if they are most of the children. */
function recordsOf(container: Element): Element[] | null {
  if (container.tagName === 'DL') return termsOf(container);
  // Records are most of the children, so their tag and their shape are each the children's
  // majority: found in one pass without counting every kind (Boyer–Moore), tags first, which most
  // elements with children fail (an article's heading, paragraphs and figure).
  const total = container.childElementCount;
  const tag = majority(container, (child) => child.tagName);
  if (!tag) return null;
  const best = majority(container, (child) => (child.tagName === tag ? signature(child) : ''));
  if (!best) return null;
  let bestCount = 0;
  for (let child = container.firstElementChild; child; child = child.nextElementSibling)
    if (child.tagName === tag && !isSkipped(child) && signature(child) === best) bestCount++;
  // A header, a "load more" button and the like may sit beside the records, but not many.
  if (bestCount < MIN_RECORDS || bestCount * 5 < total * 3) return null;
  const out: Element[] = [];
  for (let child = container.firstElementChild; child; child = child.nextElementSibling)
    if (child.tagName === tag && signature(child) === best && !isSkipped(child)) out.push(child);
  // The column names drawn as the first record ("Benutzername", "Name", "Gruppen", as Paperless-ngx
  // lists its users in a Bootstrap list group) are no user.
  if (out.length > MIN_RECORDS && headerFields(out[0] as Element)) out.shift();
  return out;
}

/**
 * What a record's fields name, where it is a row of column names: two fields or more, most of them
 * headers, one naming who the user is. Null for any other record.
 */
function headerFields(record: Element): Map<string, ColumnField> | null {
  const fields = fieldsOf(record);
  if (fields.length < 2) return null;
  const named = new Map<string, ColumnField>();
  for (const { key, element } of fields) {
    const field = fieldForHeader(cellText(element));
    if (field) named.set(key, field);
  }
  return [...named.values()].some(saysWho) && named.size >= 2 && named.size * 2 >= fields.length
    ? named
    : null;
}

/** The key most children share, where it is at least three in five of them; else null. */
function majority(container: Element, keyOf: (child: Element) => string): string | null {
  let candidate = '';
  let lead = 0;
  for (let child = container.firstElementChild; child; child = child.nextElementSibling) {
    const key = keyOf(child);
    if (lead === 0) {
      candidate = key;
      lead = 1;
    } else lead += key === candidate ? 1 : -1;
  }
  if (!candidate) return null;
  let count = 0;
  for (let child = container.firstElementChild; child; child = child.nextElementSibling)
    if (keyOf(child) === candidate) count++;
  return count >= MIN_RECORDS && count * 5 >= container.childElementCount * 3 ? candidate : null;
}

/** A `<dl>` with a `<dt>` per user and `<dd>`s saying more: each `<dt>` is a record. */
function termsOf(list: Element): Element[] | null {
  const terms: Element[] = [];
  for (let child = list.firstElementChild; child; child = child.nextElementSibling)
    if (child.tagName === 'DT') terms.push(child);
  return terms.length >= MIN_RECORDS ? terms : null;
}

/** The elements a record is made of: itself, and for a `<dt>` the `<dd>`s after it. */
function partsOf(record: Element): Element[] {
  if (record.tagName !== 'DT') return [record];
  const parts = [record];
  for (let next = record.nextElementSibling; next && next.tagName === 'DD'; next = next.nextElementSibling)
    parts.push(next);
  return parts;
}

/**
 * The runs of records that may hold users. The page is walked once, element by element, past the
 * lists other layouts found and the site's navigation, looking only for signs of people: an email,
 * a role or status word standing alone, a label naming a user field, an avatar, a link to a user's
 * page, a heading that says "Users". Only from those does it climb to the runs of records around
 * them; a page with none (articles, forms) costs the walk and nothing more.
 */
function discover(root: Document | Element | ShadowRoot, found: ReadonlySet<Element>): Element[] {
  const signs: Element[] = [];
  const visit = (element: Element | ShadowRoot, depth: number) => {
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      // An element with elements inside is passed over, with all it holds, where it is the page's
      // chrome. An element without is looked at for what it says, and told chrome or not only if it
      // is a sign: the climb from a sign to the page's root starts with the sign itself. (Most of a
      // page's elements hold no other. Calls into the page are most of the walk's time, so each is
      // made once per element.)
      if (found.has(child)) continue;
      const tag = child.tagName;
      if (isOpaque(tag) && !isHeaderlessTable(child)) continue;
      const inner = child.firstElementChild;
      let classes: string | null = null;
      if (inner) {
        if (child.hasAttributes()) {
          classes = child.getAttribute('class');
          if (hasChromeAttributes(child, classes)) continue;
        }
        if (isPageFurniture(child, tag)) continue;
      } else classes = child.getAttribute('class');
      if (classes !== null && SIGN_CLASS.test(classes)) signs.push(child);
      else if (tag === 'IMG') {
        if (AVATAR_CLASS.test(child.getAttribute('src') ?? '')) signs.push(child);
      } else if (tag === 'A') {
        if (USER_HREF.test(child.getAttribute('href') ?? '')) signs.push(child);
      } else if (HEADINGS.has(tag) && fieldForHeader(cellText(child)) === 'user' && !isChrome(child)) {
        // "Users", "Team members", "Benutzer": the records under it, past wrappers of one child.
        let under = child.nextElementSibling;
        while (under && under.childElementCount === 1) under = under.firstElementChild;
        if (under?.firstElementChild) signs.push(under.firstElementChild);
      }
      // Words stand in elements of their own in the records this layout reads; the text between
      // elements is not looked at.
      if (inner) {
        if (depth < 200) visit(child, depth + 1);
      } else if (isSign(child.textContent ?? '')) signs.push(child);
    }
  };
  const start = isDocument(root) ? root.documentElement : root;
  if (!start) return [];
  visit(start, 0);

  // From each sign up to the page's root, remembering where climbs have been: every run of
  // records around a sign is a candidate, unless it sits in the site's navigation or another list.
  const candidates: [Element, Element[]][] = [];
  const shut = new Map<Element, boolean>();
  for (const sign of signs) {
    const path: Element[] = [];
    let closed = false;
    for (let element: Element | null = sign; element; element = element.parentElement) {
      const known = shut.get(element);
      if (known !== undefined) {
        closed = known;
        break;
      }
      if (found.has(element) || isChrome(element) || isPageFurniture(element)) {
        closed = true;
        break;
      }
      path.push(element);
      if (element === root) break;
    }
    for (const element of path) {
      shut.set(element, closed);
      if (closed || element.childElementCount < MIN_RECORDS) continue;
      const records = recordsOf(element);
      if (records) candidates.push([element, records]);
    }
  }
  // Of lists inside one another (cards in groups, fields inside a card), the one with more records
  // holds the users; the outer one where they tie.
  const accepted = candidates
    .map(([element, records]) => ({ element, analysis: analyse(element, records) }))
    .filter(
      (candidate): candidate is { element: Element; analysis: Analysis } => candidate.analysis !== null,
    );
  return accepted
    .filter(
      ({ element, analysis }) =>
        !accepted.some(
          (other) =>
            other.element !== element &&
            ((other.element.contains(element) && other.analysis.count >= analysis.count) ||
              (element.contains(other.element) && other.analysis.count > analysis.count)),
        ),
    )
    .map(({ element }) => element);
}

/**
 * One field of a record: where it sits in the record (its path of shapes), and its element; or the
 * words an element writes loose beside the fields inside it ("@tsmith" of
 * `<span>@tsmith<span class="light"> - Tom Smith</span></span>`, as Mattermost lists its users).
 */
interface Field {
  key: string;
  element: Element;
  loose?: true;
}

/** How the key of an element's loose words ends. */
const LOOSE = '/~';

/** The words written loose in an element, between the elements inside it. */
function looseText(element: Element): string {
  let text = '';
  for (let node = element.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 3) text += node.nodeValue ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

/** What a field says. */
function saidBy(field: Field): string {
  return field.loose ? looseText(field.element) : fieldText(field.element);
}

/**
 * The fields of a record in document order: the elements holding one run of text (formatting
 * inside it aside), keyed by their path of tags and classes from the record, so that the same
 * field of every record has the same key.
 */
function fieldsOf(record: Element): Field[] {
  const fields: Field[] = [];
  let crowded = false;
  const walk = (element: Element, path: string, depth: number) => {
    const seen = new Map<string, number>();
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      if (fields.length >= MAX_FIELDS) return;
      if (isSkipped(child) || isHiddenMenu(child)) continue;
      // A table of one row and no header is no list but the record's own layout (Mastodon's
      // accounts: a row each, its fields in a table's cells): its row is read as one element.
      const laidOut = layoutRow(child);
      if (laidOut) {
        walk(laidOut, `${path}/${signature(child)}`, depth + 1);
        continue;
      }
      // A table or a menu inside a record makes it no user's record: counted as many fields.
      if (
        OPAQUE.has(child.tagName) &&
        child.tagName !== 'SVG' &&
        child.tagName !== 'svg' &&
        child.tagName !== 'PICTURE'
      ) {
        if (child.tagName === 'TABLE' || child.tagName === 'NAV') crowded = true;
        continue;
      }
      const sig = signature(child);
      const n = seen.get(sig) ?? 0;
      seen.set(sig, n + 1);
      const key = `${path}/${sig}${n ? `:${n}` : ''}`;
      if (isLeaf(child)) {
        const element = cellText(child) ? child : linkButtonIn(child);
        if (element) fields.push({ key, element });
      } else if (depth < MAX_DEPTH) {
        if (HAS_WORD.test(looseText(child)))
          fields.push({ key: `${key}${LOOSE}`, element: child, loose: true });
        walk(child, key, depth + 1);
      }
    }
  };
  partsOf(record).forEach((part, index) => {
    if (isLeaf(part, true)) {
      if (cellText(part)) fields.push({ key: `${index}`, element: part });
    } else walk(part, `${index}`, 0);
  });
  return crowded ? [] : fields;
}

const MENU_CLASS = /dropdown|menu|popover/i;
/** A button drawn as a link: Bootstrap's "btn-link", PatternFly's "pf-m-link". */
const LINK_BUTTON = /(?:^|[\s_-])link(?:$|[\s_-])/i;

/**
 * The button drawn as a link that is all an element shows, holding the login or the name that
 * opens the user's page ("<div class="col"><button class="btn btn-link">tsmith</button></div>", as
 * Paperless-ngx lists its users); null where there is none.
 */
function linkButtonIn(element: Element): Element | null {
  const button = element.firstElementChild;
  return button?.tagName === 'BUTTON' &&
    button === element.lastElementChild &&
    LINK_BUTTON.test(button.getAttribute('class') ?? '') &&
    cellText(button)
    ? button
    : null;
}

/**
 * A menu of the record's actions, kept out of sight until it is opened ("View profile", "Edit",
 * "Disable", as Kanboard's and Bootstrap's drop-downs hold them): its words are no field. Only lists
 * and elements named as menus are asked, as asking whether an element shows costs the page a style.
 */
function isHiddenMenu(element: Element): boolean {
  const tag = element.tagName;
  if (tag !== 'UL' && tag !== 'OL' && !MENU_CLASS.test(element.getAttribute('class') ?? '')) return false;
  return !element.checkVisibility();
}

/**
 * An element holding one run of text: only formatting and skipped parts inside. (Of a record that
 * writes words between its elements, "<a>Anna Schmidt</a> — groups: …", the elements are the fields.)
 */
function isLeaf(element: Element, atRoot = false): boolean {
  let inline = 0;
  let alike: string | null = '';
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    if (FORMATTING_TAGS.has(child.tagName) || isSkipped(child)) continue;
    if (atRoot || !INLINE_TAGS.has(child.tagName) || !isLeaf(child)) return false;
    inline++;
    const sig = signature(child);
    if (alike === '') alike = sig;
    else if (alike !== sig) alike = null;
  }
  // A handle or an email in an element of its own beside other words: values of their own, even
  // where the words are only formatted ("<bdi><strong>Tom Smith</strong></bdi> <span>@tsmith</span>",
  // as Mastodon writes an account).
  if (element.childElementCount > 1 && element.textContent?.includes('@') && handleBesideWords(element))
    return false;
  if (inline === 0) return true;
  // Values of their own side by side: an email among them, or links among unlike elements
  // ("<span class="category">Manager</span> <span>tsmith</span> <span><a href="mailto:…">…</a></span>",
  // as Kanboard lists a user's details). Like elements are one value's parts, or a list of its
  // values ("<small><a>Viewer</a>,</small> <small><a>Accounts</a></small>").
  if (inline > 1 && (element.textContent?.includes('@') || (alike === null && element.querySelector('a'))))
    return false;
  // A role or a status beside a name in unlike elements ("<span class="emp-name">Tom Smith</span>
  // <span class="emp-designation">Manager</span>", as Sentrifugo writes an employee's designation
  // after the name).
  if (alike === null) {
    const shapes = { stated: new Set<string>(), other: new Set<string>() };
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
      const text = cellText(child);
      if (!text) continue;
      const stated = kindsOf(text).some((kind) => kind === 'role' || kind === 'status');
      shapes[stated ? 'stated' : 'other'].add(signature(child));
    }
    for (const shape of shapes.stated) if (shapes.other.size > 0 && !shapes.other.has(shape)) return false;
  }
  // Inside a record, words in spans side by side with only spaces or punctuation between are one
  // run of text, as an app's display template writes a name ("<span>Ana</span> <span>García</span>")
  // or roles ("<a>Viewer</a>,").
  for (let node = element.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 3 && HAS_WORD.test(node.nodeValue ?? '')) return false;
  return true;
}

/** A handle ("@tsmith", "@tsmith@social.example"). */
const HANDLE = /^@[\p{L}\p{N}._-]+(?:@[^\s@]+)?$/u;

/** Whether an element's children hold a handle or an email beside other words. */
function handleBesideWords(element: Element): boolean {
  let texts = 0;
  let handle = false;
  for (let child = element.firstElementChild; child; child = child.nextElementSibling) {
    const text = cellText(child);
    if (!text) continue;
    texts++;
    if (HANDLE.test(text) || isEmail(text)) handle = true;
  }
  return handle && texts > 1;
}

// What a field's values read as.
const LOGIN = /^@?[\p{L}\p{N}][\p{L}\p{N}._+'@\\-]{1,63}$/u;
const HAS_LETTER = /\p{L}/u;
const HAS_WORD = /[\p{L}\p{N}]/u;
/** A key made by a machine: a UUID, a long hexadecimal or a long run of letters mixed with digits. */
const MACHINE_ID =
  /^(?:[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}|[\da-f]{16,}|(?=(?:[a-z]*\d){3})[a-z\d]{20,})$/i;
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const NAME_WORD = "\\p{Lu}[\\p{L}'’.-]*";
const PARTICLE = '(?:van|von|de|der|den|da|di|du|del|della|la|le|ten|ter|y|e|zu|af|al|bin|ibn)';
const ONE_NAME = /^\p{Lu}[\p{Ll}'’-]{2,}$/u;
const PERSON = new RegExp(`^${NAME_WORD}(?:\\s+(?:${NAME_WORD}|${PARTICLE})){1,4}$`, 'u');
const PRICE =
  /^[-+]?(?:(?:[$£€¥]|usd|eur|gbp|chf)\s?\d[\d.,\s]*|\d[\d.,\s]*\s?(?:[$£€¥]|kr|zł|usd|eur|gbp|chf))$/i;
// Normalised as the values they are compared with.
const statusWords = new Set(
  [...STATUS_WORDS.active, ...STATUS_WORDS.disabled, ...Object.values(RECORD_WORDS.status).flat()].map(
    normaliseHeader,
  ),
);

type Kind = 'email' | 'login' | 'name' | 'role' | 'status';

/** What values read as, remembered: the same values come back on every record and every look. */
const kindCache = new Map<string, Kind[]>();
function kindsOf(value: string): Kind[] {
  let kinds = kindCache.get(value);
  if (!kinds) {
    kinds = readKinds(value);
    if (kindCache.size > 5000) kindCache.clear();
    kindCache.set(value, kinds);
  }
  return kinds;
}

function readKinds(value: string): Kind[] {
  const kinds: Kind[] = [];
  const word = normaliseHeader(value);
  if (statusWords.has(word)) kinds.push('status');
  if (isRoleWord(word)) kinds.push('role');
  if (kinds.length > 0) return kinds;
  if (isEmail(value) || isEmail(firstPiece(value))) return ['email'];
  // A name as people go by it: "Amelia Clarke", "Piet de Vries", or one word ("Empfang", "Reception").
  if (value.length <= 50 && (PERSON.test(value) || ONE_NAME.test(value))) kinds.push('name');
  if (LOGIN.test(value) && HAS_LETTER.test(value) && !DATE_LIKE.test(value) && !value.endsWith(':'))
    kinds.push('login');
  return kinds;
}

/** A field's words; pieces with no letter or digit are an empty field's placeholder ("Administratie --"). */
function fieldText(element: Element): string {
  return (
    cellSegments(element)
      .filter((piece) => HAS_WORD.test(piece))
      .join(' ')
      // A dash or a dot setting the field off from the one before: "@tsmith - Tom Smith".
      .replace(/^[-–—·•|]\s+/, '')
  );
}

/** How a list's fields are laid out, from a sample of its records. */
interface Analysis {
  count: number;
  /** The keys of the fields read, by column position. */
  keys: string[];
  columns: ListColumns;
  /** A label each value of a field starts with ("Last seen"), by the field's key. */
  lead: ReadonlyMap<string, string>;
  /** The fields whose emails have more written after them ("anna@firm.example, +34 911 234 501"). */
  emailsFirst: ReadonlySet<string>;
}

/** What sets a field's pieces apart: a dash, a dot or a bar with blanks on each side. */
const SEPARATOR = /\s+[-–—·•|]\s+/;
/** How a piece's key ends: its place in its field. */
const PIECE = /#(\d)$/;

/**
 * A field that says a few things in one text, set apart the same way on most records ("tsmith -
 * Standard - 2 ruoli", as Pydio Cells lists its people): each piece is a field of its own, keyed by
 * its place after the field's key. The values are rewritten in place, in the fields' order.
 */
function piecesApart(values: Map<string, string[]>): void {
  const apart = [...values].flatMap(([key, list]): [string, string[]][] => {
    const split = list.map((value) => value.split(SEPARATOR));
    const count = split[0]?.length ?? 0;
    if (
      count < 2 ||
      count > 4 ||
      split.filter((pieces) => pieces.length === count).length * 5 < list.length * 4
    )
      return [[key, list]];
    return Array.from({ length: count }, (_, at) => [
      `${key}#${at}`,
      split.map((pieces) => pieces[at] ?? ''),
    ]);
  });
  if (apart.length === values.size) return;
  values.clear();
  for (const [key, list] of apart) values.set(key, list);
}

/** A key's field, and the place of its piece where the key is a piece's. */
function pieceOf(key: string): { field: string; at?: number } {
  const piece = PIECE.exec(key);
  return piece ? { field: key.slice(0, piece.index), at: Number(piece[1]) } : { field: key };
}

/** The first of a text's pieces set apart by commas, semicolons or bars. */
function firstPiece(text: string): string {
  return text.split(/\s*[,;|·]\s*/, 1)[0] ?? text;
}

function analyse(container: Element, records = recordsOf(container)): Analysis | null {
  if (!records) return null;
  const sample = records.slice(0, SAMPLE);
  // Cheap first: a user's record is short.
  let short = 0;
  for (const record of sample) {
    // Counted without the blanks that indent the page's source.
    const length = partsOf(record).reduce((sum, part) => sum + wordsLength(part.textContent ?? ''), 0);
    if (length > 0 && length <= MAX_RECORD_TEXT) short++;
  }
  if (short * 5 < sample.length * 4) return null;
  // A row of buttons ("Create New", "Show Deleted Users", "Export", each a link to the users' pages)
  // is the page's actions.
  if (sample.every(drawnAsButton)) return null;
  // A menu kept hidden until opened (an account menu's "Settings", "Log out") is no list on the page.
  if (container.checkVisibility?.() === false) return null;

  // Each field's values over the sample, in the order fields first appear.
  const values = new Map<string, string[]>();
  const sampleFields = sample.map(fieldsOf);
  // A user's record has a few fields; one with dozens is a panel, a form, a post.
  if (
    sampleFields.filter((fields) => fields.length > 0 && fields.length <= MAX_RECORD_FIELDS).length * 5 <
    sample.length * 4
  )
    return null;
  for (const fields of sampleFields)
    for (const field of fields) {
      const { key } = field;
      const text = saidBy(field);
      if (!values.has(key)) values.set(key, []);
      values.get(key)?.push(text);
    }
  piecesApart(values);
  // Fields on most records; a label that is the same on every record names the field after it.
  const keys = [...values.keys()].filter((key) => (values.get(key)?.length ?? 0) * 5 >= sample.length * 3);
  if (keys.length === 0) return null;
  const labelled = new Map<string, ReturnType<typeof fieldForHeader>>();
  // The row of column names before the records, drawn as one of them.
  const head = records[0]?.previousElementSibling;
  if (head && signature(head) === signature(records[0] as Element))
    for (const [key, field] of headerFields(head) ?? []) if (keys.includes(key)) labelled.set(key, field);
  keys.forEach((key, index) => {
    const seen = new Set(values.get(key));
    const next = keys[index + 1];
    if (sample.length >= 2 && seen.size === 1 && next) {
      const [label = ''] = seen;
      const field = fieldForHeader(label.replace(/[:：]\s*$/, ''));
      if (field) labelled.set(next, field);
    }
  });

  const kindShare = (key: string, kind: Kind) => {
    const list = values.get(key) ?? [];
    return list.filter((value) => kindsOf(value).includes(kind)).length / Math.max(1, list.length);
  };
  const distinct = (key: string) => {
    const list = values.get(key) ?? [];
    return new Set(list).size / Math.max(1, list.length);
  };
  const columns: ListColumns = {};
  const position = (key: string) => keys.indexOf(key);
  const pick = (kind: Kind, field: keyof ListColumns, unique: boolean, excluded: Set<string>) => {
    const key = keys.find(
      (candidate) =>
        !excluded.has(candidate) &&
        kindShare(candidate, kind) >= 0.7 &&
        (!unique || distinct(candidate) >= 0.8 || sample.length < 3),
    );
    if (key !== undefined) {
      columns[field] = position(key);
      excluded.add(key);
    }
    return key;
  };
  // A value written after its label in the same text: a time ("Last seen 5 days ago", as Jellyfin's
  // cards show it), or any field after a label and a colon ("電子メールアドレス: anna@firm.example",
  // as Mattermost lists its users).
  const lead = new Map<string, string>();
  for (const key of keys) {
    const list = values.get(key) ?? [];
    const label = labelled.has(key) ? undefined : sharedLead(list);
    const field = label === undefined ? null : fieldForHeader(label);
    if (label === undefined || field === null) continue;
    if (field !== 'lastSignIn' && !list.every((value) => /^[:：]/.test(value.slice(label.length)))) continue;
    labelled.set(key, field);
    lead.set(key, label);
  }
  const used = new Set<string>();
  // Labels first ("Benutzername:", "E-Mail:"), then what the values read as.
  for (const [key, field] of labelled) {
    const target = field === 'user' ? 'username' : field;
    // "User ID" may name the database's key of the user ("ユーザーID: ddekp3s9pk6oqdatcbf9tk1fmu", as
    // Mattermost shows it), not the login.
    if (
      target === 'username' &&
      (values.get(key) ?? []).every((value) => MACHINE_ID.test(afterLabel(value, lead.get(key))))
    )
      continue;
    if (target && columns[target] === undefined) {
      columns[target] = position(key);
      used.add(key);
    }
  }
  const role = columns.role === undefined ? pick('role', 'role', false, used) : undefined;
  const status = columns.status === undefined ? pick('status', 'status', false, used) : undefined;
  const email = columns.email === undefined ? pick('email', 'email', true, used) : undefined;
  const name = columns.displayName === undefined ? pick('name', 'displayName', true, used) : undefined;
  // Of fields that read as logins, the one most like a login: lower case, dots, digits.
  let login: string | undefined;
  if (columns.username === undefined) {
    // An avatar drawn as the name's initials ("RD" over "Reception Desk", as Ghost draws its staff)
    // reads as a login too.
    const names = name === undefined ? undefined : values.get(name);
    const initials = (key: string) =>
      !!names && (values.get(key) ?? []).every((value, index) => initialsOf(value, names[index]));
    const logins = keys.filter(
      (key) =>
        !used.has(key) &&
        kindShare(key, 'login') >= 0.7 &&
        (distinct(key) >= 0.8 || sample.length < 3) &&
        !initials(key) &&
        !serial(values.get(key)),
    );
    const likeness = (key: string) =>
      (values.get(key) ?? []).filter(
        (value) => /[a-z]/.test(value) && (/[._\d@-]/.test(value) || value === value.toLowerCase()),
      ).length;
    login = logins.sort((a, b) => likeness(b) - likeness(a))[0];
    if (login !== undefined) columns.username = position(login);
  }

  // Prices say goods, not people.
  if (keys.some((key) => (values.get(key) ?? []).every((value) => PRICE.test(value)))) return null;
  const who = columns.username ?? columns.email ?? columns.displayName;
  if (typeof who !== 'number') return null;
  columns.username ??= columns.email ?? columns.displayName;
  // Something besides the one field says these are people.
  const signals = [
    labelled.size > 0 || headedByUserFields(container, records),
    role !== undefined || status !== undefined,
    email !== undefined && (login !== undefined || name !== undefined),
    login !== undefined && name !== undefined && loginsFollowNames(values.get(login), values.get(name)),
    linkToUserPages(sample, partsOf),
    sample.filter((record) => record.querySelector(AVATAR)).length * 5 >= sample.length * 3,
  ].filter(Boolean).length;
  // Words alone, one each ("Pessoas", "Grupos" in an admin's side menu, each a link to the people
  // pages), take more than one sign to be people's names.
  const wordsAlone =
    login === undefined &&
    email === undefined &&
    name !== undefined &&
    (values.get(name) ?? []).filter((value) => !/\s/.test(value)).length * 2 > sample.length;
  if (signals < (wordsAlone ? 2 : 1)) return null;
  const emailsFirst = new Set(
    keys.filter((key) =>
      (values.get(key) ?? []).some((value) => !isEmail(value) && isEmail(firstPiece(value))),
    ),
  );
  return { count: records.length, keys, columns, lead, emailsFirst };
}

/** How long a text is with each run of blanks counted as one. */
function wordsLength(text: string): number {
  let length = text.length;
  for (const blanks of text.matchAll(/\s{2,}/g)) length -= blanks[0].length - 1;
  return length;
}

/** A number after a prefix of letters: the prefix. */
const SERIAL = /^(\p{L}+[-_/]?)\d+$/u;

/**
 * Numbers under one prefix on every record ("EMPP0002", "EMPP0003", as Sentrifugo numbers its
 * employees): a register's numbers, not logins people chose or were given by name.
 */
function serial(values: readonly string[] = []): boolean {
  const prefix = SERIAL.exec(values[0] ?? '')?.[1];
  return (
    values.length >= 3 && prefix !== undefined && values.every((value) => SERIAL.exec(value)?.[1] === prefix)
  );
}

/** A value without the label it is written after ("Last seen", "E-mail:"), where it has one. */
function afterLabel(value: string, label: string | undefined): string {
  return label !== undefined && value.startsWith(label)
    ? value.slice(label.length).replace(/^[:：]?\s*/, '')
    : value;
}

/**
 * The words every value starts with, one to three of them, where something follows on each ("Last
 * seen" of "Last seen 5 days ago"; "Last login" of "Last login: 01.12.2026"): the field's label.
 * Undefined where the values share none.
 */
function sharedLead(values: readonly string[]): string | undefined {
  const [first] = values;
  if (!first || values.length < 2) return undefined;
  const words = first.split(' ');
  for (let count = Math.min(3, words.length - 1); count >= 1; count--) {
    const start = `${words.slice(0, count).join(' ')} `;
    if (values.every((value) => value.startsWith(start) && value.length > start.length))
      return start.trim().replace(/[:：]$/, '');
  }
  return undefined;
}

/**
 * A text that says a person is near: an email, or standing alone a role or status word
 * ("Administrator", "Gesperrt") or a label naming a user field ("Benutzername:").
 */
function isSign(value: string): boolean {
  if (value.length > 120) return false;
  if (value.includes('@')) return EMAIL_IN_TEXT.test(value);
  if (value.length > 40) return false;
  const text = value.trim();
  if (text.length < 3) return false;
  if (text.endsWith(':')) {
    const field = fieldForHeader(text.slice(0, -1));
    return field === 'username' || field === 'email' || field === 'user';
  }
  const word = NON_ASCII.test(text) ? normaliseHeader(text) : text.toLowerCase();
  return isRoleWord(word) || statusWords.has(word);
}
const EMAIL_IN_TEXT = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const NON_ASCII = /[^\u0020-\u007e]/;
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/**
 * A class that says an element shows a person: an avatar, initials, or a word naming users
 * ("listentry_idm-users-tsmith", as Pydio Cells draws its people); not an icon's name ("fa-user",
 * "mdi-account"), as menus draw them beside their links.
 */
const SIGN_CLASS = new RegExp(
  `${AVATAR_CLASS.source}|(?:^|[\\s_-])(?<!(?:^|\\s)(?:fa[srlbd]?|mdi|bi|icon|glyphicon|ti|la|pi|ion|material-icons)-)(?:users?|members?|accounts?|people|persons?|employees?|staff)(?:$|[\\s_-])`,
  'i',
);

/** A picture of the person, or their initials in a round badge, as apps draw avatars. */
// Few selectors: each is one more test of every element of the page.
const AVATAR = '[class*=vatar], img[src*=vatar], [class*=initials]';

/**
 * Logins made from their users' names ("jsmith" for John Smith, "frontdesk" for Front Desk) on most
 * records: what tells a list of people from one of products with codes.
 */
function loginsFollowNames(logins: string[] = [], names: string[] = []): boolean {
  const fold = (text: string) => normaliseHeader(text).replace(/ /g, '');
  let related = 0;
  logins.forEach((login, index) => {
    const folded = fold(login);
    const words = normaliseHeader(names[index] ?? '')
      .split(' ')
      .filter((word) => word.length >= 3);
    if (words.some((word) => folded.includes(word.slice(0, 3)))) related++;
  });
  return related * 2 >= logins.length && related > 0;
}

/** A header before the records (a row of column names drawn with `div`s) that names a user field. */
function headedByUserFields(container: Element, records: Element[]): boolean {
  const first = records[0];
  const header = first?.previousElementSibling ?? container.previousElementSibling;
  if (!header || (header.textContent?.length ?? 0) > 300) return false;
  // A heading that calls what follows users ("Users", "Benutzer", "Team members").
  if (/^H[1-6]$/.test(header.tagName) && fieldForHeader(cellText(header)) === 'user') return true;
  // A row of column names: a few short cells.
  if (header.childElementCount < 2) return false;
  const texts = [...header.querySelectorAll('*')]
    .filter((element) => isLeaf(element))
    .map((element) => cellText(element));
  // A row of column names, not a page's title ("Users").
  const fields = texts.map((text) => fieldForHeader(text)).filter((field) => field !== null);
  return fields.length >= 2 && fields.some(saysWho);
}

function recordsShape(container: Element): ListShape | null {
  const analysis = analyse(container);
  if (!analysis) return null;
  const { keys } = analysis;
  const isDl = container.tagName === 'DL';
  const isRow = (element: Element): boolean =>
    element.parentElement === container &&
    (isDl ? element.tagName === 'DT' : recordSignature === signature(element));
  const first = recordsOf(container)?.[0];
  /** The fields read, each once, where the list reads pieces of them. */
  const known = new Set(keys.map((key) => pieceOf(key).field));
  const recordSignature = first ? signature(first) : '';
  return {
    headers: [],
    columns: analysis.columns,
    rowSelector: first?.tagName.toLowerCase() ?? '*',
    isRow,
    rows: () => recordsOf(container) ?? [],
    cells: (row) => {
      const fields = fieldsOf(row);
      const byKey = new Map(fields.map((field) => [field.key, field.element]));
      // A field drawn a level less deep in this record than in the others (Sentry writes a
      // deactivated member's "Deactivated" straight into the role's box, where the others' roles
      // are in a box inside it), or split deeper (Taiga's "Pendiente" tag beside one member's email,
      // in the box that holds the others' email alone), stands where theirs do.
      const unknown = (field: Field) => !known.has(field.key);
      return keys.map((each) => {
        const key = pieceOf(each).field;
        return (
          byKey.get(key) ??
          (
            fields.find((field) => key.startsWith(`${field.key}/`) && unknown(field)) ??
            fields.find((field) => field.key.startsWith(`${key}/`) && unknown(field))
          )?.element
        );
      });
    },
    // A field as the record says it: its piece, without the label it is written after ("E-mail:"),
    // an email without what is written after it (a phone number), the words written loose beside
    // other fields alone, a name written in parts ("<span>Ana</span> <span>de Wit</span>") whole.
    text: (row, field) => {
      const where = analysis.columns[field];
      const key = typeof where === 'number' ? keys[where] : undefined;
      if (key === undefined) return undefined;
      const label = analysis.lead.get(key);
      const emailFirst = analysis.emailsFirst.has(key);
      const { field: whole, at } = pieceOf(key);
      if (
        label === undefined &&
        field !== 'displayName' &&
        !emailFirst &&
        at === undefined &&
        !whole.endsWith(LOOSE)
      )
        return undefined;
      const cell = fieldsOf(row).find((each) => each.key === whole);
      if (!cell) return undefined;
      const said = saidBy(cell);
      const text = afterLabel(at === undefined ? said : (said.split(SEPARATOR)[at] ?? ''), label);
      return emailFirst ? firstPiece(text) : text;
    },
    // Beside the login, not inside its link, where the badges would be part of it; but on the
    // login's line inside a link around more of the record (Sentrifugo's link around the employee's
    // number, email and phone), rather than under all it holds.
    markAnchor: (row) => {
      const where = analysis.columns.username;
      const key = typeof where === 'number' ? keys[where] : undefined;
      const fields = fieldsOf(row);
      const cell = key === undefined ? undefined : fields.find((field) => field.key === pieceOf(key).field);
      const element = cell?.element ?? row;
      const link = element.closest('a, button');
      if (!link || link === row || !row.contains(link)) return element;
      const holdsMore = fields.some(
        (field) => field !== cell && field.element !== element && link.contains(field.element),
      );
      return holdsMore ? element : (link.parentElement ?? row);
    },
  };
}
