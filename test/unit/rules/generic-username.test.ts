import { describe, expect, it } from 'vitest';
import { genericUsernameRule } from '../../../shared/rules/generic-username.ts';
import { account, org, person, run } from './fixtures.ts';

describe('generic-username', () => {
  it('flags logins named after roles, with the words that decided it', () => {
    const data = org({
      accounts: [
        account({ id: 'a1', username: 'frontdesk2', displayName: 'Front Desk' }),
        account({ id: 'a2', username: 'trustaccounting' }),
        account({ id: 'a3', username: 'SalesManager' }),
      ],
    });
    const findings = run(genericUsernameRule, data);
    expect(findings.map((f) => f.subject.id)).toEqual(['a1', 'a2', 'a3']);
    expect(findings[0]?.evidence).toContain('role word "frontdesk"');
    expect(findings[0]?.title).toBe('"frontdesk2" in Payments is named after a role, not a person');
    expect(findings.every((f) => f.severity === 'high')).toBe(true);
  });

  it('leaves people\u2019s logins alone, even with a role word in them', () => {
    const data = org({
      people: [person({ id: 'p1', name: 'Rose Baker' })],
      accounts: [
        account({ username: 'rbaker', displayName: 'Rose Baker', ownerPersonId: 'p1' }),
        account({ username: 'mark.sales', displayName: 'Mark Sales' }),
        account({ username: 'reception.amy' }),
      ],
    });
    expect(run(genericUsernameRule, data)).toEqual([]);
  });

  it('leaves built-in logins to default-account and ignores disabled ones', () => {
    const data = org({
      accounts: [account({ username: 'admin' }), account({ username: 'reception', status: 'disabled' })],
    });
    expect(run(genericUsernameRule, data)).toEqual([]);
  });

  it('follows the confidence threshold', () => {
    const data = org({ accounts: [account({ username: 'desk' })] });
    expect(run(genericUsernameRule, data)).toHaveLength(1);
    expect(run(genericUsernameRule, data, { genericUsernameMinConfidence: 0.99 })).toEqual([]);
  });

  it('reads a login written to look like a role login as that role login', () => {
    const data = org({
      accounts: [
        account({ id: 'a1', username: 'recep\u00adtion' }), // soft hyphen
        account({ id: 'a2', username: '\uff46\uff52\uff4f\uff4e\uff54\uff44\uff45\uff53\uff4b' }), // full-width
        account({ id: 'a3', username: '\u0438\u0432\u0430\u043d' }), // "иван", written in Cyrillic: left alone
      ],
    });
    const findings = run(genericUsernameRule, data);
    expect(findings.map((f) => f.subject.id)).toEqual(['a1', 'a2']);
    expect(findings[0]?.title).toBe('"recep\u00adtion" in Payments is named after a role, not a person');
    expect(findings[0]?.evidence).toContain('role word "reception"');
  });
});
