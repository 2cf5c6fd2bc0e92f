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
    if (!this.#ids) this.#ids = this.people.map((p) => p.id).sort();
    return this.#ids;
  }

  /** "Tom Lee and Rose Baker". */
  get names(): string {
    return andList(this.people.map((p) => p.name));
  }

  /** "Tom Lee (2026-11-22) and Rose Baker (2026-11-20)": who signed in, with the date last seen. */
  get namedWithDates(): string {
    if (this.#named === undefined) {
      // One string from its pieces, rather than a string per person and another joining them.
      const parts: string[] = [];
      const last = this.list.length - 1;
      for (let i = 0; i <= last; i++) {
        if (i > 0) parts.push(i === last ? ' and ' : ', ');
        parts.push(
          (this.people[i] as Person).name,
          ' (',
          this.#date((this.list[i] as SignInObservation).lastObservedAt),
          ')',
        );
      }
      this.#named = parts.join('');
    }
    return this.#named;
  }

  /** These sign-ins without some people's: the same ones, texts and all, when none is left out. */
  without(left: (personId: string) => boolean): SignIns {
    if (!this.people.some((p) => left(p.id))) return this;
    const list: SignInObservation[] = [];
    const people: Person[] = [];
    this.people.forEach((p, i) => {
      if (left(p.id)) return;
      list.push(this.list[i] as SignInObservation);
      people.push(p);
    });
    return new SignIns(list, people, this.#date);
  }

  /** The first `count`. */
  first(count: number): SignIns {
    return count === this.list.length
      ? this
      : new SignIns(this.list.slice(0, count), this.people.slice(0, count), this.#date);
  }
}

/** One login as staff browsers saw it. */
export class ObservedLogin {
  /** Each person on the staff list seen signing in with it, at their latest sign-in. */
  readonly users: SignIns;
  /** The latest sign-in anyone was seen making with it. */
  readonly latest: number;
  readonly #observations: readonly SignInObservation[];
  #personIds: string[] | undefined;
  #since = Number.NaN;
  #recent: SignIns | undefined;

  /**
   * `observations` is the evaluation's own list for the login (it is sorted in place); the server
   * keeps one per person and login, but a list may hold repeats.
   */
  constructor(observations: SignInObservation[], people: ReadonlyMap<string, Person>, date: DateText) {
    sortNewestFirst(observations);
    const list: SignInObservation[] = [];
    const persons: Person[] = [];
    const seen = observations.length > SHORT_LIST ? new Set<Person>() : null;
    // Newest first, so each person's first sign-in in the list is their latest. A repeat is told by
    // the person object it names, which is quicker than comparing ids.
    for (const o of observations) {
      const person = people.get(o.personId);
      if (!person || (seen ? seen.has(person) : persons.includes(person))) continue;
      seen?.add(person);
      persons.push(person);
      list.push(o);
    }
    this.users = new SignIns(list, persons, date);
    this.latest = observations[0]?.lastObservedAt ?? Number.NEGATIVE_INFINITY;
    this.#observations = observations;
  }

  /** Everyone seen signing in with it, on the staff list or no longer, each once. */
  get personIds(): readonly string[] {
    if (!this.#personIds) this.#personIds = [...new Set(this.#observations.map((o) => o.personId))];
    return this.#personIds;
  }

  /** The users seen within the last `days` days of `now`: as the list is newest first, its start. */
  within(days: number, now: number): SignIns {
    const since = now - days * DAY_MS;
    if (since !== this.#since || !this.#recent) {
      const list = this.users.list;
      let inside = 0;
      while (inside < list.length && (list[inside] as SignInObservation).lastObservedAt >= since) inside++;
      this.#recent = this.users.first(inside);
      this.#since = since;
    }
    return this.#recent;
  }
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

/** "A, B and C". */
export function andList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
