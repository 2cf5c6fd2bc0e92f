import { describe, expect, it } from 'vitest';
import { unownedAccountRule } from '../../../shared/rules/unowned-account.ts';
import { account, org, person, run } from './fixtures.ts';

describe('unowned-account', () => {
  it('flags active logins no person owns, including owners deleted from the directory', () => {
    const data = org({
      people: [person({ id: 'p1' }), person({ id: 'gone', deleted: true })],
      accounts: [
        account({ id: 'a1', username: 'xyz', ownerPersonId: null }),
        account({ id: 'a2', ownerPersonId: 'gone' }),
        account({ id: 'a3', ownerPersonId: 'p1' }),
        account({ id: 'a4', ownerPersonId: null, status: 'disabled' }),
      ],
    });
    const findings = run(unownedAccountRule, data);
    expect(findings.map((f) => f.subject.id)).toEqual(['a1', 'a2']);
    expect(findings[0]?.severity).toBe('medium');
    expect(findings[0]?.evidence).toContain(
      '"xyz" is active and linked to no person; last sign-in 2026-11-22',
    );
  });
});
