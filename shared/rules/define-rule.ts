import type { Account, Person, System } from '../schemas/directory.ts';
import type { FindingSubject, RuleFinding } from '../schemas/rule-finding.ts';
import type { FindingDraft, Rule, RuleContext, RuleDeclaration } from './types.ts';

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
  // "rule:subjectType:", the start of every finding's id, written once per subject type.
  const idStarts: Partial<Record<FindingSubject['type'], string>> = {};
  return {
    ...rule,
    setting: rule.setting,
    pageKind: rule.pageKind,
    evaluate: (ctx: RuleContext<Reads>) => {
      const drafts = find(ctx);
      const findings = new Array<RuleFinding<Id>>(drafts.length);
      for (let i = 0; i < drafts.length; i++) {
        const draft = drafts[i] as FindingDraft;
        const type = draft.subject.type;
        let start = idStarts[type];
        if (start === undefined) {
          start = `${rule.id}:${type}:`;
          idStarts[type] = start;
        }
        findings[i] = makeFinding(rule, start, draft);
      }
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

function makeFinding<Id extends string>(
  rule: Pick<Rule<Id>, 'id' | 'severity' | 'tip'>,
  idStart: string,
  draft: FindingDraft,
): RuleFinding<Id> {
  const { subject, key } = draft;
  return {
    id: key ? `${idStart}${subject.id}:${key}` : idStart + subject.id,
    ruleId: rule.id,
    severity: draft.severity ?? rule.severity,
    title: draft.title,
    subject,
    evidence: draft.evidence,
    fingerprint: fingerprint(draft.facts),
    tip: draft.tip ?? rule.tip,
    systemId: draft.systemId,
    personIds: draft.personIds,
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
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

/** The people an account concerns: its owner and anyone else known to use it. */
export function accountPeople(account: Account): string[] {
  const ids = account.ownerPersonId ? [account.ownerPersonId] : [];
  for (const id of account.userPersonIds) if (!ids.includes(id)) ids.push(id);
  return ids;
}
