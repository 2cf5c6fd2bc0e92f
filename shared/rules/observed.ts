import type { Person, SignInObservation } from '../schemas/directory.ts';
import { DAY_MS } from './dates.ts';

/**
 * What staff browsers saw of the logins, worked out once per evaluation: the context groups the
 * sign-ins by login in one pass, and a login's summary is made the first time a rule asks for it
 * (shared-login, used-by-non-owner, unowned-account, rotate-password, dormant-account, never-used).
 * So each rule does work in proportion to its logins, and evidence that several rules give of the
 * same sign-ins is written once.
 */

/** A moment's date as YYYY-MM-DD (the context's, which works each day out once per evaluation). */
export type DateText = (at: number) => string;

/** Some people's latest sign-ins with one login, newest first, with what evidence says of them. */
export class SignIns {
  /** Each person's latest sign-in. */
  readonly list: readonly SignInObservation[];
  /** The person of each sign-in, in the same order. */
  readonly people: readonly Person[];
  readonly #date: DateText;
  #ids: string[] | undefined;
  #named: string | undefined;

  constructor(list: readonly SignInObservation[], people: readonly Person[], date: DateText) {
    this.list = list;
    this.people = people;
    this.#date = date;
  }

  /** The people's ids in order, for facts that stay the same from run to run. */
  get sortedIds(): readonly string[] {
    if (!this.#ids) {
      const ids = new Array<string>(this.people.length);
      for (let i = 0; i < ids.length; i++) ids[i] = (this.people[i] as Person).id;
      this.#ids = inOrder(ids);
    }
    return this.#ids;
  }

  /** "Tom Lee and Rose Baker". */
  get names(): string {
    const people = this.people;
    const last = people.length - 1;
    let text = '';
    for (let i = 0; i <= last; i++) {
      if (i > 0) text += i === last ? ' and ' : ', ';
      text += (people[i] as Person).name;
    }
    return text;
  }

  /** "Tom Lee (2026-11-22) and Rose Baker (2026-11-20)": who signed in, with the date last seen. */
  get namedWithDates(): string {
    if (this.#named === undefined) {
      // One string from its pieces, rather than a string per person and another joining them.
      const last = this.list.length - 1;
      const parts = new Array<string>(Math.max(0, 5 * last + 4));
      for (let i = 0, at = 0; i <= last; i++) {
        if (i > 0) parts[at++] = i === last ? ' and ' : ', ';
        parts[at++] = (this.people[i] as Person).name;
        parts[at++] = ' (';
        parts[at++] = this.#date((this.list[i] as SignInObservation).lastObservedAt);
        parts[at++] = ')';
      }
      this.#named = parts.join('');
    }
    return this.#named;
  }

  /**
   * These sign-ins without those of `personId` and of `alsoLeftOut`: the same ones, texts and all,
   * when none is left out, and undefined when none is left. Nothing is allocated unless some, but
   * not all, are left out.
   */
  without(personId: string, alsoLeftOut: readonly string[]): SignIns | undefined {
    const people = this.people;
    let kept = 0;
    for (let i = 0; i < people.length; i++)
      if (!leftOut((people[i] as Person).id, personId, alsoLeftOut)) kept++;
    if (kept === 0) return undefined;
    if (kept === people.length) return this;
    const list = new Array<SignInObservation>(kept);
    const keptPeople = new Array<Person>(kept);
    for (let i = 0, at = 0; i < people.length; i++) {
      const person = people[i] as Person;
      if (leftOut(person.id, personId, alsoLeftOut)) continue;
      list[at] = this.list[i] as SignInObservation;
      keptPeople[at++] = person;
    }
    return new SignIns(list, keptPeople, this.#date);
  }

  /** The first `count`. */
  first(count: number): SignIns {
    return count === this.list.length
      ? this
      : new SignIns(this.list.slice(0, count), this.people.slice(0, count), this.#date);
  }
}

/**
 * One login as staff browsers saw it: the latest sign-in of each person on the staff list seen
 * signing in with it (it is its users' SignIns, rather than holding one), and what else was seen.
 * One object per login, holding a sign-in rather than its time: these live till the evaluation
 * ends, and every minor GC before then copies them (a separate SignIns and a boxed number made
 * three objects of each login).
 */
export class ObservedLogin extends SignIns {
  /** The latest sign-in anyone was seen making with it. */
  readonly #newest: SignInObservation | undefined;
  /** The people seen who are no longer on the staff list, each once. */
  readonly #gone: readonly string[];
  #since = Number.NaN;
  #recent: SignIns | undefined;

  /**
   * `observations` is the evaluation's own list for the login: it is sorted in place, and kept as
   * the users' list when every sign-in in it is a different listed person's (the server keeps one
   * per person and login, so it nearly always is).
   */
  constructor(observations: SignInObservation[], people: ReadonlyMap<string, Person>, date: DateText) {
    sortNewestFirst(observations);
    // As long as the list, cut short if some are left out: an empty array grows to 16 places at its
    // first push, and most logins are used by one person.
    const persons = new Array<Person>(observations.length);
    let kept = 0;
    let list: SignInObservation[] | null = null;
    let gone: string[] | null = null;
    const seen = observations.length > SHORT_LIST ? new Set<Person>() : null;
    // Newest first, so each person's first sign-in in the list is their latest. A repeat is told by
    // the person object it names, which is quicker than comparing ids.
    for (let i = 0; i < observations.length; i++) {
      const o = observations[i] as SignInObservation;
      const person = people.get(o.personId);
      if (person && !(seen ? seen.has(person) : includes(persons, kept, person))) {
        seen?.add(person);
        persons[kept++] = person;
        list?.push(o);
        continue;
      }
      if (!person && !gone?.includes(o.personId)) {
        gone ??= [];
        gone.push(o.personId);
      }
      // Left out: the users' list is the ones before it, and those after it that are kept.
      if (!list) list = observations.slice(0, i);
    }
    if (kept < persons.length) persons.length = kept;
    super(list ?? observations, persons, date);
    this.#newest = observations[0];
    this.#gone = gone ?? NONE;
  }

  /** Each person on the staff list seen signing in with it, at their latest sign-in. */
  get users(): SignIns {
    return this;
  }

  /** The latest sign-in anyone was seen making with it. */
  get latest(): number {
    return this.#newest?.lastObservedAt ?? Number.NEGATIVE_INFINITY;
  }

  /** Everyone seen signing in with it (on the staff list or no longer) and these people, each once, in order. */
  personIdsWith(others: readonly string[]): string[] {
    const ids = [...this.sortedIds];
    for (const id of this.#gone) if (!ids.includes(id)) ids.push(id);
    for (const id of others) if (!ids.includes(id)) ids.push(id);
    return ids.length === this.sortedIds.length ? ids : inOrder(ids);
  }

  /** The users seen within the last `days` days of `now`: as the list is newest first, its start. */
  within(days: number, now: number): SignIns {
    const since = now - days * DAY_MS;
    if (since !== this.#since || !this.#recent) {
      const list = this.list;
      let inside = 0;
      while (inside < list.length && (list[inside] as SignInObservation).lastObservedAt >= since) inside++;
      this.#recent = this.first(inside);
      this.#since = since;
    }
    return this.#recent;
  }
}

function leftOut(id: string, personId: string, alsoLeftOut: readonly string[]): boolean {
  return id === personId || (alsoLeftOut.length > 0 && alsoLeftOut.includes(id));
}

const NONE: readonly string[] = [];

/** Is `item` among the first `count` of `items`? */
function includes<T>(items: readonly T[], count: number, item: T): boolean {
  for (let i = 0; i < count; i++) if (items[i] === item) return true;
  return false;
}

/** Up to this many sign-ins of one login, a scan finds a repeat (and sorts) faster than a set (or sort). */
const SHORT_LIST = 16;

const newestFirst = (a: SignInObservation, b: SignInObservation) =>
  b.lastObservedAt - a.lastObservedAt || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);

/** Newest first, ties by person id; by insertion for the short lists most logins have. */
function sortNewestFirst(list: SignInObservation[]): void {
  if (list.length > SHORT_LIST) {
    list.sort(newestFirst);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const o = list[i] as SignInObservation;
    let j = i - 1;
    for (; j >= 0 && newestFirst(list[j] as SignInObservation, o) > 0; j--)
      list[j + 1] = list[j] as SignInObservation;
    list[j + 1] = o;
  }
}

/**
 * The strings sorted in place as `Array#sort` sorts them (by UTF-16 code units), by insertion for the
 * short lists of people most logins have, which spares the sort's own working copy.
 */
export function inOrder(items: string[]): string[] {
  if (items.length > SHORT_LIST) return items.sort();
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as string;
    let j = i - 1;
    for (; j >= 0 && item < (items[j] as string); j--) items[j + 1] = items[j] as string;
    items[j + 1] = item;
  }
  return items;
}

/** "A, B and C". */
export function andList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
