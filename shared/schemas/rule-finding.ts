import { z } from 'zod';
import { idSchema } from './directory.ts';
import { SEVERITIES } from './severity.ts';

/**
 * The parts of a finding a rule needs to make one: severity, subject, tip and the finding's shape
 * with its rule id as any string. It imports nothing from shared/rules, so the rules can use it
 * while ./findings.ts narrows the rule id to the registry's ids (and so depends on the rules).
 */

export { SEVERITIES, SEVERITY_RANK, type Severity } from './severity.ts';
export const severitySchema = z.enum(SEVERITIES);

export const findingSubjectSchema = z.object({
  type: z.enum(['account', 'person', 'system', 'organisation']),
  id: idSchema,
  /** How a person would name it: `rbaker in Payments`, `Rose Baker`, `Payments`. */
  label: z.string(),
});
export type FindingSubject = z.infer<typeof findingSubjectSchema>;

/** Why the finding matters and what to do, in plain words for a partner or office manager. */
export const tipSchema = z.object({ why: z.string().min(1), fix: z.string().min(1) });
export type Tip = z.infer<typeof tipSchema>;

/**
 * A finding with its rule id as any string. ./findings.ts extends it with the registry's rule-id
 * enum (`findingSchema`), which keeps every field and their order.
 */
export const ruleFindingSchema = z.object({
  /** `rule:subjectType:subjectId`: stable across runs for the same rule and subject. */
  id: z.string().max(200),
  ruleId: z.string(),
  severity: severitySchema,
  /** One line: "rbaker in Payments is still active after Rose Baker left". */
  title: z.string(),
  subject: findingSubjectSchema,
  /** The facts in words: "last sign-in 2026-06-02, 174 days ago". */
  evidence: z.string(),
  /**
   * A short hash of the facts behind the evidence (not its wording, which ages daily): when it
   * changes, a dismissal no longer applies.
   */
  fingerprint: z.string(),
  tip: tipSchema,
  /** For filtering: the system the finding is about, if any, and the people it concerns. */
  systemId: idSchema.nullable(),
  personIds: z.array(idSchema),
});

/** A finding of the rule `Id`: what a rule's `evaluate` returns. */
export type RuleFinding<Id extends string = string> = {
  [Field in keyof z.infer<typeof ruleFindingSchema>]: Field extends 'ruleId'
    ? Id
    : z.infer<typeof ruleFindingSchema>[Field];
};
