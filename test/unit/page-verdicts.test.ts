import { describe, expect, it } from 'vitest';
import { evaluatePageRows } from '../../shared/page-verdicts.ts';
import { defaultAccountTip } from '../../shared/rules/default-account.ts';
import { genericUsernameTip } from '../../shared/rules/generic-username.ts';

describe('evaluatePageRows', () => {
  it('marks generic, shared and default logins of a staff list, and leaves people alone', () => {
    const verdicts = evaluatePageRows([
      { username: 'rbaker', displayName: 'Rose Baker', status: 'Active' },
      { username: 'frontdesk2', displayName: 'Front Desk' },
      { username: 'jandj', displayName: 'John & Jane' },
      { username: 'admin', displayName: 'Administrator' },
      { username: 'mark.sales', displayName: 'Mark Sales' },
    ]);
    expect(verdicts.map((v) => v.kinds)).toEqual([[], ['generic'], ['shared'], ['default'], []]);
  });

  it('explains each finding with the same tip the server-side rule uses', () => {
    const [generic, , builtIn] = evaluatePageRows([
      { username: 'trustaccounting' },
      { username: 'x' },
      { username: 'guest' },
    ]);
    expect(generic?.findings[0]?.tip).toBe(genericUsernameTip);
    expect(generic?.findings[0]?.evidence).toContain('role word "accounting"');
    expect(builtIn?.findings[0]?.tip).toBe(defaultAccountTip);
    expect(builtIn?.findings[0]?.severity).toBe('high');
  });

  it('raises nothing for disabled rows, and reads the login from the email when there is no username', () => {
    const [disabled, byEmail] = evaluatePageRows([
      { username: 'reception', status: 'Disabled' },
      { username: '', email: 'reception@firm.com' },
    ]);
    expect(disabled?.kinds).toEqual([]);
    expect(byEmail?.kinds).toEqual(['generic']);
  });

  it('follows the organisation confidence threshold', () => {
    const strict = evaluatePageRows([{ username: 'desk' }], { genericUsernameMinConfidence: 0.99 });
    const lenient = evaluatePageRows([{ username: 'desk' }], { genericUsernameMinConfidence: 0.6 });
    expect(strict[0]?.kinds).toEqual([]);
    expect(lenient[0]?.kinds).toEqual(['generic']);
  });

  it('tells a login written to look like another from the page alone, and leaves plain ones be', () => {
    const verdicts = evaluatePageRows([
      { username: '\uff41\uff44\uff4d\uff49\uff4e' }, // full-width "admin"
      { username: 'j\u043ehn.smith', displayName: 'John Smith' }, // Cyrillic "о"
      { username: 'Zo\u00eb.brandt', displayName: 'Zo\u00eb Brandt' },
      { username: 'rbaker', displayName: 'Rose Baker' },
    ]);
    expect(verdicts.map((v) => v.kinds)).toEqual([['default', 'lookalike'], ['lookalike'], [], []]);
    const lookalike = verdicts[1]?.findings[0];
    expect(lookalike).toMatchObject({ ruleId: 'lookalike-username', severity: 'high' });
    expect(lookalike?.evidence).toBe(
      '"j\u043ehn.smith" reads as "john.smith" but is written with Cyrillic "\u043e" (U+043E) for "o"',
    );
  });
});
