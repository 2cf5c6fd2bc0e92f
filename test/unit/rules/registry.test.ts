import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_KINDS, RULE_SETTINGS, RULES } from '../../../shared/rules/registry.ts';
import { ruleIdSchema } from '../../../shared/schemas/findings.ts';
import { pageWarningKindSchema } from '../../../shared/schemas/page-row.ts';
import { DEFAULT_SETTINGS, organisationSettingsPatchSchema } from '../../../shared/settings.ts';

// vitest runs from the project root (import.meta.url is not a file URL under happy-dom).
const ROOT = process.cwd();

// Like refined-github's features test: a rule that ships must have its own tests and a tip.
describe('the rule registry', () => {
  it('registers every rule id once, in the order of the rule table the API lists them in', () => {
    expect(RULES.map((r) => r.id)).toEqual(ruleIdSchema.options);
    expect(new Set(ruleIdSchema.options).size).toBe(RULES.length);
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

  it('gives each rule a line in the rules README', () => {
    const readme = readFileSync(resolve(ROOT, 'shared/rules/README.md'), 'utf8');
    for (const rule of RULES) expect(readme).toContain(`| \`${rule.id}\` | \`${rule.id}.ts\` |`);
  });

  it('declares each setting and page kind once, and the settings and page kinds follow from them', () => {
    const keys = RULE_SETTINGS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(DEFAULT_SETTINGS).sort()).toEqual([...keys, 'timeZone'].sort());
    for (const setting of RULE_SETTINGS) {
      expect(DEFAULT_SETTINGS[setting.key]).toBe(setting.default);
      expect(setting.min).toBeLessThanOrEqual(setting.default);
      expect(setting.default).toBeLessThanOrEqual(setting.max);
      expect(organisationSettingsPatchSchema.safeParse({ [setting.key]: setting.max + 1 }).success).toBe(
        false,
      );
      expect(organisationSettingsPatchSchema.safeParse({}).success).toBe(true);
    }
    const kinds = PAGE_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(pageWarningKindSchema.options).toEqual(kinds);
  });
});
