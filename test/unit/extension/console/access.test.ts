import { describe, expect, it } from 'vitest';
import { allowed, grantableRoles, mayManageMember } from '../../../../extension/lib/console/access';
import { contract } from '../../../../extension/lib/console/contract';
import { href, inviteLink, parseRoute, SCREENS } from '../../../../extension/lib/console/routes';
import { contract as fullContract } from '../../../../shared/contract';

describe("the console's operations", () => {
  it('are every operation of the contract, with its method, path and roles and none of its schemas', () => {
    expect(Object.keys(contract)).toEqual(Object.keys(fullContract));
    for (const [group, ops] of Object.entries(fullContract)) {
      const refs = contract[group as keyof typeof contract] as Record<string, unknown>;
      expect(Object.keys(refs)).toEqual(Object.keys(ops));
      for (const [name, op] of Object.entries(ops)) {
        expect(refs[name]).toEqual({ group, name, method: op.method, path: op.path, roles: op.roles });
      }
    }
  });
});

describe('what a role may do in the console', () => {
  it('follows the contract: an auditor reads and exports, a reviewer reviews, an owner does everything', () => {
    expect(allowed('auditor', contract.people.list)).toBe(true);
    expect(allowed('auditor', contract.people.export)).toBe(true);
    expect(allowed('auditor', contract.people.create)).toBe(false);
    expect(allowed('auditor', contract.audit.export)).toBe(true);
    expect(allowed('reviewer', contract.reviews.decide)).toBe(true);
    expect(allowed('reviewer', contract.reviews.create)).toBe(false);
    expect(allowed('reviewer', contract.audit.list)).toBe(false);
    expect(allowed('admin', contract.webhook.set)).toBe(false);
    expect(allowed('owner', contract.webhook.set)).toBe(true);
    expect(allowed(null, contract.people.list)).toBe(false);
  });

  it('shows each role the screens it may read', () => {
    const screens = (role: 'owner' | 'reviewer' | 'auditor') =>
      SCREENS.filter((s) => allowed(role, s.reads)).map((s) => s.id);
    expect(screens('owner')).toHaveLength(SCREENS.length);
    expect(screens('reviewer')).not.toContain('audit');
    expect(screens('auditor')).toContain('audit');
    // API keys are the owners' and admins' to manage.
    expect(screens('reviewer')).not.toContain('api-keys');
    expect(screens('auditor')).not.toContain('api-keys');
  });

  it('lets only an owner make or touch an owner', () => {
    expect(grantableRoles('owner')).toContain('owner');
    expect(grantableRoles('admin')).toEqual(['admin', 'reviewer', 'auditor']);
    expect(grantableRoles('reviewer')).toEqual([]);
    expect(mayManageMember('admin', 'owner')).toBe(false);
    expect(mayManageMember('admin', 'auditor')).toBe(true);
    expect(mayManageMember('owner', 'owner')).toBe(true);
    expect(mayManageMember('auditor', 'reviewer')).toBe(false);
  });
});

describe('the console’s addresses', () => {
  it('reads a screen and its id from the hash, and anything else as the overview', () => {
    expect(parseRoute('#/staff/p%201')).toEqual({ screen: 'staff', id: 'p 1', extra: null });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'overview', id: null, extra: null });
    expect(parseRoute('')).toEqual({ screen: 'overview', id: null, extra: null });
    expect(parseRoute(href('systems', 'new'))).toEqual({ screen: 'systems', id: 'new', extra: null });
  });

  it('carries an invitation’s token and server in its link', () => {
    const link = inviteLink(
      'chrome-extension://abc/console.html',
      'tok/en+1',
      'https://rollcall.example.com',
    );
    expect(parseRoute(new URL(link).hash)).toEqual({
      screen: 'join',
      id: 'tok/en+1',
      extra: 'https://rollcall.example.com',
    });
  });
});
