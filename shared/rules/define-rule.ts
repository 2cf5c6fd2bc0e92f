import type { Account, Person, System } from '../schemas/directory.ts';
import type { FindingSubject, RuleFinding, Severity, Tip } from '../schemas/rule-finding.ts';
import type { FindingDraft, Rule, RuleContext, RuleDeclaration } from './types.ts';

/**
 * A rule from its declaration: what it finds is stamped with the rule's id, severity and tip (unless
 * a finding says otherwise), an id stable across runs and a fingerprint of its facts. Each draft is
 * made into its finding as soon as `find` hands it over, so drafts die young: kept in a list till
 * the rule ended, they were pretenured by V8 as findings were (see MadeFinding), and a dead draft
 * in the old generation kept its finding's strings through minor GCs.
 */
export function defineRule<
  const Id extends string,
  const Key extends string = never,
  const Kind extends string = never,
  const Reads extends string = Key,
>(declaration: RuleDeclaration<Id, Key, Kind, Reads>): Rule<Id, Key, Kind, Reads> {
  const { find, ...rule } = declaration;
  // "rule:subjectType:", the start of every finding's id, written once per subject type.
  const idStarts: Partial<Record<FindingSubject['type'], string>> = {};
  return {
    ...rule,
    setting: rule.setting,
    pageKind: rule.pageKind,
    evaluate: (ctx: RuleContext<Reads>) => {
      const findings: RuleFinding<Id>[] = [];
      find(ctx, (draft) => {
        const type = draft.subject.type;
        let start = idStarts[type];
        if (start === undefined) {
          start = `${rule.id}:${type}:`;
          idStarts[type] = start;
        }
        findings.push(new MadeFinding(rule, start, draft));
      });
      return findings;
    },
  } as Rule<Id, Key, Kind, Reads>;
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
 * GC ("pretenuring"), as findings do: they are kept till the evaluation ends. A finding there still
 * holds its strings, which start young, once it is dead: each minor GC then copied every string of
 * the findings made since the last full GC (some 20 MB over 100,000 sign-ins). An object a
 * constructor makes always starts young and dies young.
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

  constructor(rule: Pick<Rule<Id>, 'id' | 'severity' | 'tip'>, idStart: string, draft: FindingDraft) {
    const { subject, key } = draft;
    this.id = key ? `${idStart}${subject.id}:${key}` : idStart + subject.id;
    this.ruleId = rule.id;
    this.severity = draft.severity ?? rule.severity;
    this.title = draft.title;
    this.subject = subject;
    this.evidence = draft.evidence;
    this.fingerprint = fingerprint(draft.facts);
    this.tip = draft.tip ?? rule.tip;
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
