import { describe, expect, it } from 'vitest';
import { defaultAccountRule } from '../../../shared/rules/default-account.ts';
import { account, org, run } from './fixtures.ts';

describe('default-account', () => {
  it('flags enabled built-in and test logins', () => {
    const data = org({
      accounts: ['admin', 'Administrator', 'root', 'test1', 'demo', 'guest', 'test_user'].map((username) =>
        account({ username }),
      ),
    });
    const findings = run(defaultAccountRule, data);
    expect(findings).toHaveLength(7);
    expect(findings[0]?.evidence).toBe(
      '"admin" is a built-in or set-up login name ("admin") and it is enabled',
    );
    expect(findings[0]?.severity).toBe('high');
  });

  it('leaves disabled ones and personal admin logins alone', () => {
    const data = org({
      accounts: [
        account({ username: 'admin', status: 'disabled' }),
        account({ username: 'admin.jane' }),
        account({ username: 'rbaker' }),
      ],
    });
    expect(run(defaultAccountRule, data)).toEqual([]);
  });

  it('sees the built-in login behind a lookalike', () => {
    // Cyrillic "а" (\u0430), and full-width letters.
    const data = org({
      accounts: [
        account({ username: '\u0430dmin' }),
        account({ username: '\uff47\uff55\uff45\uff53\uff54' }),
      ],
    });
    const findings = run(defaultAccountRule, data);
    expect(findings.map((f) => f.title)).toEqual([
      'The built-in login "\u0430dmin" is enabled in Payments',
      'The built-in login "\uff47\uff55\uff45\uff53\uff54" is enabled in Payments',
    ]);
    expect(findings[0]?.evidence).toBe(
      '"\u0430dmin" is a built-in or set-up login name ("admin") and it is enabled',
    );
  });
});
