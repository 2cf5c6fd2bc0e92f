import type { Account, Person, System } from '../schemas/directory.ts';
import type { FindingSubject, RuleFinding, Severity, Tip } from '../schemas/rule-finding.ts';
import type { FindingDraft, Findings, Rule, RuleContext, RuleDeclaration } from './types.ts';

/**
 * A rule from its declaration: what it finds is stamped with the rule's id, severity and tip (unless
 * a finding says otherwise), an id stable across runs and a fingerprint of its facts.
 */
export function defineRule<
  const Id extends string,
  const Key extends string = never,
  const Kind extends string = never,
  const Reads extends string = Key,
>(declaration: RuleDeclaration<Id, Key, Kind, Reads>): Rule<Id, Key, Kind, Reads> {
  const { find, ...rule } = declaration;
  const stamp = new Stamp(rule.id, rule.severity, rule.tip);
  return {
    ...rule,
    setting: rule.setting,
    pageKind: rule.pageKind,
    evaluate: (ctx: RuleContext<Reads>) => {
      const findings = new RuleFindings(stamp);
      find(ctx, findings);
      return findings.list;
    },
  } as Rule<Id, Key, Kind, Reads>;
}

/**
 * What a rule stamps on its findings. One class for every rule, so the code that makes findings
 * sees objects of one shape whichever rule runs, and stays optimised.
 */
class Stamp<Id extends string> {
  readonly id: Id;
  readonly severity: Severity;
  readonly tip: Tip;
  /** "rule:subjectType:", the start of every finding's id, written once per subject type. */
  readonly #idStarts = new Map<FindingSubject['type'], string>();

  constructor(id: Id, severity: Severity, tip: Tip) {
    this.id = id;
    this.severity = severity;
    this.tip = tip;
  }

  idStart(type: FindingSubject['type']): string {
    let start = this.#idStarts.get(type);
    if (start === undefined) {
      start = `${this.id}:${type}:`;
      this.#idStarts.set(type, start);
    }
    return start;
  }
}

/**
 * Where a rule's `find` pushes what it finds: each draft is made into its finding at once, so drafts
 * die young. Kept in a list till the rule ended, they were pretenured by V8 as findings were (see
 * MadeFinding), and a dead draft in the old generation kept its finding's strings through minor GCs.
 */
class RuleFindings<Id extends string> implements Findings {
  readonly list: RuleFinding<Id>[] = [];
  readonly #stamp: Stamp<Id>;

  constructor(stamp: Stamp<Id>) {
    this.#stamp = stamp;
  }

  push(draft: FindingDraft): void {
    this.list.push(new MadeFinding(this.#stamp, draft));
  }
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

/**
 * A finding, made by a constructor rather than as an object literal (and so are subjects, below).
 * V8 allocates straight into the old generation the objects of a literal that mostly outlive a minor
 * GC ("pretenuring"), as findings do: they are kept till the evaluation ends. There a finding keeps
 * its strings, which start young, alive through every minor GC until the next full one, dead or
 * not: over 100,000 sign-ins each minor GC copied some 17 MB. An object a constructor makes starts
 * young, and dies young.
 */
class MadeFinding<Id extends string> implements RuleFinding<Id> {
  readonly id: string;
  readonly ruleId: Id;
  readonly severity: Severity;
  readonly title: string;
  readonly subject: FindingSubject;
  readonly evidence: string;
  readonly fingerprint: string;
  readonly tip: Tip;
  readonly systemId: string | null;
  readonly personIds: string[];

  constructor(stamp: Stamp<Id>, draft: FindingDraft) {
    const { subject, key } = draft;
    const idStart = stamp.idStart(subject.type);
    this.id = key ? `${idStart}${subject.id}:${key}` : idStart + subject.id;
    this.ruleId = stamp.id;
    this.severity = draft.severity ?? stamp.severity;
    this.title = draft.title;
    this.subject = subject;
    this.evidence = draft.evidence;
    this.fingerprint = fingerprint(draft.facts);
    this.tip = draft.tip ?? stamp.tip;
    this.systemId = draft.systemId;
    this.personIds = draft.personIds;
  }
}

/** A finding's subject, made by a constructor for the reason MadeFinding is. */
class Subject implements FindingSubject {
  readonly type: FindingSubject['type'];
  readonly id: string;
  readonly label: string;

  constructor(type: FindingSubject['type'], id: string, label: string) {
    this.type = type;
    this.id = id;
    this.label = label;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A system's logins in the order of their usernames (unique within a system), not of the logins as
 * read: a recompute of part of the firm reads them by other indexes, in another order, and a finding
 * made from several logins must read the same either way.
 */
export function inUsernameOrder(accounts: readonly Account[]): Account[] {
  return accounts.toSorted((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

export function systemName(ctx: RuleContext, systemId: string): string {
  return ctx.systems.get(systemId)?.name ?? systemId;
}

export function accountSubject(ctx: RuleContext, account: Account): FindingSubject {
  return new Subject('account', account.id, `${account.username} in ${systemName(ctx, account.systemId)}`);
}

export function personSubject(person: Person): FindingSubject {
  return new Subject('person', person.id, person.name);
}

export function systemSubject(system: System): FindingSubject {
  return new Subject('system', system.id, system.name);
}

/** The people an account concerns: its owner and anyone else known to use it. */
export function accountPeople(account: Account): string[] {
  const ids = account.ownerPersonId ? [account.ownerPersonId] : [];
  for (const id of account.userPersonIds) if (!ids.includes(id)) ids.push(id);
  return ids;
}
