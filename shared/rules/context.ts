import { type Classification, classify } from '../classifier/classify.ts';
import { type SharedDisplayName, sharedLoginPeople } from '../classifier/shared-display-name.ts';
import type { SignInObservation } from '../schemas/directory.ts';
import { DAY_MS, dateIn, isoDate } from './dates.ts';
import { ObservedLogin } from './observed.ts';
import type { RuleSettingKey, RuleSettings } from './registry.ts';
import type { OrganisationData, RuleContext } from './types.ts';

/**
 * The lookups every rule reads, built once per run. The classifier's readings are made here, not
 * in the rule files, so the registry (which the extension's pages read for ids, labels and
 * settings) does not bring the classifier's word lists with it.
 */

// Logins rarely change between two evaluations of the same firm (a worker isolate serves many
// requests), so the classifier's readings are kept across runs, up to a bound; the classifier is
// pure, so a cached reading is always the right one.
const CACHE_LIMIT = 50_000;

/** What the classifier made of one login and display name, each part read the first time it is asked. */
interface Reading {
  classification?: Classification;
  /** Undefined until read; null when the login is one person's. */
  shared?: SharedDisplayName | null;
}
const readings = new Map<string, Map<string, Reading>>();
let cached = 0;

function readingOf(username: string, displayName: string | null): Reading {
  // Two levels rather than one joined key: no new string to build and hash for every account.
  let byDisplay = readings.get(username);
  const display = displayName ?? '';
  let reading = byDisplay?.get(display);
  if (!reading) {
    if (cached >= CACHE_LIMIT) {
      readings.clear();
      cached = 0;
      byDisplay = undefined;
    }
    reading = {};
    if (!byDisplay) {
      byDisplay = new Map();
      readings.set(username, byDisplay);
    }
    byDisplay.set(display, reading);
    cached++;
  }
  return reading;
}

/** The rows not deleted, by id (a later row with the same id wins, as `new Map(entries)` has it). */
function byId<Row extends { id: string; deleted: boolean }>(rows: readonly Row[]): Map<string, Row> {
  const map = new Map<string, Row>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Row;
    if (!row.deleted) map.set(row.id, row);
  }
  return map;
}

/**
 * The sign-ins grouped by login, in one pass; a login's summary takes the place of its group the
 * first time a rule asks for it. A function of its own: the optimising compiler takes this loop over
 * part-way through (on-stack replacement), and inside buildContext the code it made was thrown away
 * at the first line after the loop, every evaluation.
 */
function signInsByLogin(
  observations: readonly SignInObservation[],
): Map<string, SignInObservation[] | ObservedLogin> {
  const observed = new Map<string, SignInObservation[] | ObservedLogin>();
  // Indexed, not for…of: this runs once per evaluation over every sign-in, mostly before the
  // optimising compiler has taken the loop over, and for…of makes an object per step until then.
  // Array.of, not [o]: the groups live till the evaluation ends, so V8 soon makes the literal's
  // arrays in the old generation, where a dead group that had grown kept its young storage
  // through every minor GC until the next full one.
  for (let i = 0; i < observations.length; i++) {
    const o = observations[i] as SignInObservation;
    const list = observed.get(o.accountId) as SignInObservation[] | undefined;
    if (list) list.push(o);
    else observed.set(o.accountId, Array.of(o));
  }
  return observed;
}

export function buildContext(
  data: OrganisationData,
  settings: RuleSettings,
  now: number,
): RuleContext<RuleSettingKey> {
  const people = byId(data.people);
  const systems = byId(data.systems);
  const jobRoles = byId(data.jobRoles);
  const accounts = data.accounts.filter((a) => !a.deleted && (systems.size === 0 || systems.has(a.systemId)));
  const observed = signInsByLogin(data.signInObservations ?? []);
  // Dates as text, each day worked out once per run: many findings give the same few dates.
  const dates = new Map<number, string>();
  const date = (at: number) => {
    const day = Math.floor(at / DAY_MS);
    let text = dates.get(day);
    if (text === undefined) {
      text = isoDate(at);
      dates.set(day, text);
    }
    return text;
  };
  const lastReviewBySystem = new Map<string, number>();
  for (const r of data.completedReviews ?? []) {
    if (r.completedAt > (lastReviewBySystem.get(r.systemId) ?? -1))
      lastReviewBySystem.set(r.systemId, r.completedAt);
  }
  return {
    settings,
    now,
    today: dateIn(settings.timeZone, now),
    date,
    people,
    systems,
    jobRoles,
    accounts,
    observed(accountId) {
      const seen = observed.get(accountId);
      if (seen === undefined || seen instanceof ObservedLogin) return seen;
      const login = new ObservedLogin(seen, people, date);
      observed.set(accountId, login);
      return login;
    },
    lastReviewBySystem,
    classification(account) {
      const reading = readingOf(account.username, account.displayName);
      reading.classification ??= classify(account.username, account.displayName);
      return reading.classification;
    },
    displayNamePeople(account) {
      const reading = readingOf(account.username, account.displayName);
      if (reading.shared === undefined)
        reading.shared = sharedLoginPeople(account.username, account.displayName);
      return reading.shared;
    },
  };
}
