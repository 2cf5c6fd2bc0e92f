import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findingsItem } from '../../../../extension/lib/storage';
import { startBackground } from '../background-harness';
import { accountRow, personRow, systemRow } from './fake-server';

const DAY = 86_400_000;

beforeEach(() => fakeBrowser.reset());

describe('findings from sign-ins staff browsers saw', () => {
  it('name both people who signed in with one login, as the server does, and stay offline', async () => {
    const { server, service } = startBackground();
    server.write({ entity: 'system', row: systemRow('s1', 'FrontDesk', []) });
    server.write({ entity: 'person', row: personRow('p1', 'Rita Reception') });
    server.write({ entity: 'person', row: personRow('p2', 'Sam Smith') });
    // Owned by Rita, so only what was seen makes it shared; "frontdesk" is no generic word.
    server.write({ entity: 'account', row: accountRow('a1', 's1', 'frontdesk', { ownerPersonId: 'p1' }) });
    await service.signIn({ email: 'ann@firm.test', password: 'correct horse battery' });
    await service.syncNow();
    const shared = async () =>
      (await findingsItem.getValue()).findings.find(
        (f) => f.ruleId === 'shared-login' && f.subject.id === 'a1',
      );
    expect(await shared()).toBeUndefined();

    const now = Date.now();
    server.state.observations = [
      { accountId: 'a1', personId: 'p1', lastObservedAt: now - DAY },
      { accountId: 'a1', personId: 'p2', lastObservedAt: now - 2 * DAY },
    ];
    await service.syncNow();
    const finding = await shared();
    expect(finding?.evidence).toContain('Rita Reception');
    expect(finding?.evidence).toContain('Sam Smith');
    expect(finding?.personIds.sort()).toEqual(['p1', 'p2']);

    // Offline, the findings are worked out again from what was pulled, and still name both.
    server.state.down = true;
    await service.queueChange({ op: 'upsert', entity: 'person', rowId: 'p3', data: { name: 'Tom Lee' } });
    expect((await shared())?.evidence).toContain('Sam Smith');
  });
});
