import { type Classification, classify } from '../classifier/classify.ts';
import type { Account, Person, System } from '../schemas/directory.ts';
import type { Finding, FindingSubject, RuleId, Severity, Tip } from '../schemas/findings.ts';
import type { OrganisationSettings } from '../settings.ts';
import type { OrganisationData, RuleContext } from './types.ts';

export const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a moment in a time zone. */
export function dateIn(timeZone: string, at: number): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** YYYY-MM-DD (UTC) of a moment; arithmetic instead of Date#toISOString, which is slow in a loop. */
export function isoDate(at: number): string {
  // Howard Hinnant's civil_from_days.
  const z = Math.floor(at / DAY_MS) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Midnight UTC of a YYYY-MM-DD date, in ms (days_from_civil; Date.parse is slow in a loop). */
export function dateMs(date: string): number {
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * DAY_MS;
}

/** Whole days from a moment to now, never negative. */
export function daysSince(at: number, now: number): number {
  return Math.max(0, Math.floor((now - at) / DAY_MS));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// Logins rarely change between two evaluations of the same firm (a worker isolate serves many
// requests), so readings are kept across runs, up to a bound; the classifier is pure, so a cached
// reading is always the right one.
const CACHE_LIMIT = 50_000;
const readings = new Map<string, Map<string, Classification>>();
let cached = 0;

function classifyCached(username: string, displayName: string | null): Classification {
  // Two levels rather than one joined key: no new string to build and hash for every account.
  let byDisplay = readings.get(username);
  const display = displayName ?? '';
  let c = byDisplay?.get(display);
  if (!c) {
    if (cached >= CACHE_LIMIT) {
      readings.clear();
      cached = 0;
      byDisplay = undefined;
    }
    c = classify(username, displayName);
    if (!byDisplay) {
      byDisplay = new Map();
      readings.set(username, byDisplay);
    }
    byDisplay.set(display, c);
    cached++;
  }
  return c;
}

export function buildContext(
  data: OrganisationData,
  settings: OrganisationSettings,
  now: number,
): RuleContext {
  const people = new Map(data.people.filter((p) => !p.deleted).map((p) => [p.id, p]));
  const systems = new Map(data.systems.filter((s) => !s.deleted).map((s) => [s.id, s]));
  const jobRoles = new Map(data.jobRoles.filter((r) => !r.deleted).map((r) => [r.id, r]));
  const accounts = data.accounts.filter((a) => !a.deleted && (systems.size === 0 || systems.has(a.systemId)));
  const observationsByAccount = new Map<string, NonNullable<OrganisationData['signInObservations']>>();
  for (const o of data.signInObservations ?? []) {
    const list = observationsByAccount.get(o.accountId);
    if (list) list.push(o);
    else observationsByAccount.set(o.accountId, [o]);
  }
  const lastReviewBySystem = new Map<string, number>();
  for (const r of data.completedReviews ?? []) {
    if (r.completedAt > (lastReviewBySystem.get(r.systemId) ?? -1))
      lastReviewBySystem.set(r.systemId, r.completedAt);
  }
  return {
    settings,
    now,
    today: dateIn(settings.timeZone, now),
    people,
    systems,
    jobRoles,
    accounts,
    observationsByAccount,
    lastReviewBySystem,
    classification(account) {
      return classifyCached(account.username, account.displayName);
    },
  };
}

/** FNV-1a, 32 bits, hex: a short, stable fingerprint of a finding's facts (not a security hash). */
export function fingerprint(facts: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < facts.length; i++) {
    h ^= facts.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function systemName(ctx: RuleContext, systemId: string): string {
  return ctx.systems.get(systemId)?.name ?? systemId;
}

export function accountSubject(ctx: RuleContext, account: Account): FindingSubject {
  return {
    type: 'account',
    id: account.id,
    label: `${account.username} in ${systemName(ctx, account.systemId)}`,
  };
}

export function personSubject(person: Person): FindingSubject {
  return { type: 'person', id: person.id, label: person.name };
}

export function systemSubject(system: System): FindingSubject {
  return { type: 'system', id: system.id, label: system.name };
}

export interface FindingParts {
  ruleId: RuleId;
  severity: Severity;
  title: string;
  subject: FindingSubject;
  evidence: string;
  /** The facts the evidence rests on, stable from day to day (ids, dates), for the fingerprint. */
  facts: string;
  tip: Tip;
  systemId: string | null;
  personIds: string[];
  /** Told apart from other findings of the rule on the same subject (e.g. the system, per person). */
  key?: string;
}

export function makeFinding(parts: FindingParts): Finding {
  const { subject, key } = parts;
  return {
    id: `${parts.ruleId}:${subject.type}:${subject.id}${key ? `:${key}` : ''}`,
    ruleId: parts.ruleId,
    severity: parts.severity,
    title: parts.title,
    subject,
    evidence: parts.evidence,
    fingerprint: fingerprint(parts.facts),
    tip: parts.tip,
    systemId: parts.systemId,
    personIds: parts.personIds,
  };
}

/** The people an account concerns: its owner and anyone else known to use it. */
export function accountPeople(account: Account): string[] {
  const ids = account.ownerPersonId ? [account.ownerPersonId] : [];
  for (const id of account.userPersonIds) if (!ids.includes(id)) ids.push(id);
  return ids;
}

export type { OrganisationSettings };
