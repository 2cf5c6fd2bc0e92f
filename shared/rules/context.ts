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

export function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Whole days from a moment to now, never negative. */
export function daysSince(at: number, now: number): number {
  return Math.max(0, Math.floor((now - at) / DAY_MS));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
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
}

export function makeFinding(parts: FindingParts): Finding {
  const { facts, ...rest } = parts;
  return {
    ...rest,
    id: `${parts.ruleId}:${parts.subject.type}:${parts.subject.id}`,
    fingerprint: fingerprint(facts),
  };
}

/** The people an account concerns: its owner and anyone else known to use it. */
export function accountPeople(account: Account): string[] {
  const ids = account.ownerPersonId ? [account.ownerPersonId] : [];
  for (const id of account.userPersonIds) if (!ids.includes(id)) ids.push(id);
  return ids;
}

export type { OrganisationSettings };
