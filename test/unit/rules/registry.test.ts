import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../shared/rules/registry.ts';
import { ruleIdSchema } from '../../../shared/schemas/findings.ts';

// vitest runs from the project root (import.meta.url is not a file URL under happy-dom).
const ROOT = process.cwd();

// Like refined-github's features test: a rule that ships must have its own tests and a tip.
describe('the rule registry', () => {
  it('registers every rule id once', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...ruleIdSchema.options].sort());
  });

  it.each(RULES.map((r) => [r.id, r] as const))(
    '%s has its own file, its own tests and a tip',
    (id, rule) => {
      expect(existsSync(resolve(ROOT, `shared/rules/${id}.ts`))).toBe(true);
      const testFile = resolve(ROOT, `test/unit/rules/${id}.test.ts`);
      expect(existsSync(testFile), `test/unit/rules/${id}.test.ts is missing`).toBe(true);
      expect(readFileSync(testFile, 'utf8')).toMatch(/\bit(\.each\(.*?\))?\(/s);
      expect(rule.title.length).toBeGreaterThan(5);
      // A tip a partner can act on: why it matters and what to do, in sentences.
      expect(rule.tip.why.length).toBeGreaterThan(60);
      expect(rule.tip.fix.length).toBeGreaterThan(40);
    },
  );
});
