import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../shared/rules/evaluate.ts';
import { lookalikeUsernameRule } from '../../../shared/rules/lookalike-username.ts';
import { account, NOW, org, person, run } from './fixtures.ts';

// Escapes keep the lookalikes visible in review: \u0430 is Cyrillic "а", \u00ad a soft hyphen.
const CYRILLIC_ADMIN = '\u0430dmin';
const FULL_WIDTH_ADMIN = '\uff41\uff44\uff4d\uff49\uff4e';
const SOFT_HYPHEN_RECEPTION = 'recep\u00adtion';

describe('lookalike-username', () => {
  it('flags logins written to look like another, saying what they read as and why', () => {
    const data = org({
      accounts: [
        account({ id: 'a1', username: CYRILLIC_ADMIN }),
        account({ id: 'a2', username: FULL_WIDTH_ADMIN }),
        account({ id: 'a3', username: SOFT_HYPHEN_RECEPTION }),
      ],
    });
    const findings = run(lookalikeUsernameRule, data);
    expect(findings.map((f) => [f.subject.id, f.severity])).toEqual([
      ['a1', 'high'],
      ['a2', 'high'],
      ['a3', 'high'],
    ]);
    expect(findings[0]?.title).toBe(`"${CYRILLIC_ADMIN}" in Payments is written to look like "admin"`);
    expect(findings[0]?.evidence).toBe(
      `"${CYRILLIC_ADMIN}" reads as "admin" but is written with Cyrillic "\u0430" (U+0430) for "a"`,
    );
    expect(findings[1]?.evidence).toBe(
      `"${FULL_WIDTH_ADMIN}" reads as "admin" but is written with full-width "\uff41" (U+FF41) for "a", ` +
        'full-width "\uff44" (U+FF44) for "d", full-width "\uff4d" (U+FF4D) for "m" and 2 more',
    );
    expect(findings[2]?.evidence).toBe(
      `"${SOFT_HYPHEN_RECEPTION}" reads as "reception" but is written with an invisible soft hyphen (U+00AD)`,
    );
    expect(findings[0]?.tip.why).toContain('only look like plain letters');
  });

  it('raises, besides "no owner", the warnings the plain form would get', () => {
    const data = org({
      accounts: [
        account({ id: 'a1', username: CYRILLIC_ADMIN }),
        account({ id: 'a2', username: FULL_WIDTH_ADMIN }),
        account({ id: 'a3', username: SOFT_HYPHEN_RECEPTION }),
      ],
    });
    const rulesBySubject = (id: string) =>
      evaluate(data, {}, NOW)
        .filter((f) => f.subject.id === id)
        .map((f) => f.ruleId)
        .sort();
    expect(rulesBySubject('a1')).toEqual(['default-account', 'lookalike-username', 'unowned-account']);
    expect(rulesBySubject('a2')).toEqual(['default-account', 'lookalike-username', 'unowned-account']);
    expect(rulesBySubject('a3')).toEqual(['generic-username', 'lookalike-username', 'unowned-account']);
  });

  it('leaves plain logins alone, accented names and logins written in another script included', () => {
    const data = org({
      people: [person({ id: 'p1', name: 'Zoë Brandt' })],
      accounts: [
        account({ username: 'admin' }),
        account({ username: 'rbaker' }),
        account({ username: 'Zo\u00eb.brandt', ownerPersonId: 'p1' }),
        account({ username: 'Zoe\u0308' }), // Zoë, decomposed
        account({ username: '\u0438\u0432\u0430\u043d' }), // иван
        account({ username: 'jane@firm.com' }),
      ],
    });
    expect(run(lookalikeUsernameRule, data)).toEqual([]);
  });

  it('ignores disabled logins', () => {
    const data = org({ accounts: [account({ username: CYRILLIC_ADMIN, status: 'disabled' })] });
    expect(run(lookalikeUsernameRule, data)).toEqual([]);
  });
});
