import type { Person, SignInObservation } from '../schemas/directory.ts';
import { DAY_MS } from './dates.ts';

/**
 * What staff browsers saw of the logins, worked out once per evaluation: the context groups the
 * sign-ins by login in one pass, and a login's summary is made the first time a rule asks for it
 * (shared-login, used-by-non-owner, unowned-account, rotate-password, dormant-account, never-used),
 * so each rule does work in proportion to its logins, and the evidence several rules give of the
 * same sign-ins is written once.
 */

/** "Rose Baker (2026-11-22)": who made a sign-in and the day it was last seen. */
export type SignInText = (observation: SignInObservation) => string;

/** Some people's latest sign-ins with one login, newest first, with what evidence says of them. */
export class SignIns {
  readonly list: readonly SignInObservation[];
  readonly text: SignInText;
  #ids: string[] | undefined;
  #named: string | undefined;

  constructor(list: readonly SignInObservation[], text: SignInText) {
    this.list = list;
    this.text = text;
  }

  /** The people's ids in order, for facts that stay the same from run to run. */
  get sortedIds(): readonly string[] {
    if (!this.#ids) this.#ids = this.list.map((o) => o.personId).sort();
    return this.#ids;
  }

  /** "Tom Lee (2026-11-22) and Rose Baker (2026-11-20)". */
  get namedWithDates(): string {
    if (this.#named === undefined) this.#named = andList(this.list.map(this.text));
    return this.#named;
  }

  /** These sign-ins without some people's; the same ones (and their texts) when none is left out. */
  without(left: (personId: string) => boolean): SignIns {
    return this.list.some((o) => left(o.personId))
      ? new SignIns(
          this.list.filter((o) => !left(o.personId)),
          this.text,
        )
      : this;
  }
}

/** One login as staff browsers saw it. */
export class ObservedLogin {
  /** Each person on the staff list seen signing in with it, at their latest sign-in. */
  readonly users: SignIns;
  /** The people of `users`, in the same order. */
  readonly people: readonly Person[];
  /** Everyone seen signing in with it, on the staff list or no longer, each once. */
  readonly personIds: readonly string[];
  /** The latest sign-in anyone was seen making with it. */
  readonly latest: number;
  #recent: { since: number; users: SignIns } | undefined;

  /**
   * `observations` is the evaluation's own list for the login (it is sorted in place); the server
   * keeps one per person and login, but a list may hold repeats.
   */
  constructor(observations: SignInObservation[], people: ReadonlyMap<string, Person>, text: SignInText) {
    sortNewestFirst(observations);
    const users: SignInObservation[] = [];
    const persons: Person[] = [];
    const personIds: string[] = [];
    // A repeat is told by the person it names (the same object), or by id for one no longer listed.
    const seen = observations.length > SHORT_LIST ? new Set<Person | string>() : null;
    // Newest first, so each person's first sign-in in the list is their latest.
    for (const o of observations) {
      const key = people.get(o.personId) ?? o.personId;
      if (seen ? seen.has(key) : typeof key === 'string' ? personIds.includes(key) : persons.includes(key)) {
        continue;
      }
      seen?.add(key);
      personIds.push(o.personId);
      if (typeof key === 'string') continue;
      persons.push(key);
      users.push(o);
    }
    this.users = new SignIns(users, text);
    this.people = persons;
    this.personIds = personIds;
    this.latest = observations[0]?.lastObservedAt ?? Number.NEGATIVE_INFINITY;
  }

  /** The users seen within the last `days` days of `now`: as the list is newest first, its start. */
  within(days: number, now: number): SignIns {
    const since = now - days * DAY_MS;
    if (this.#recent?.since === since) return this.#recent.users;
    const list = this.users.list;
    let inside = 0;
    while (inside < list.length && (list[inside] as SignInObservation).lastObservedAt >= since) inside++;
    const users = inside === list.length ? this.users : new SignIns(list.slice(0, inside), this.users.text);
    this.#recent = { since, users };
    return users;
  }
}

const newestFirst = (a: SignInObservation, b: SignInObservation) =>
  b.lastObservedAt - a.lastObservedAt || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);

/** Up to this many sign-ins of one login, a scan finds a repeat (and sorts) faster than a set (or sort). */
const SHORT_LIST = 16;

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
