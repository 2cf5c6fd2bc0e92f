import { describe, expect, it } from 'vitest';
import { findingListSchema } from '../../shared/schemas/findings-api';
import { organisationSchema } from '../../shared/schemas/organisation';
import { addMember, authed, signUp } from './helpers';

const DAY = 86_400_000;

describe('rule thresholds as organisation settings', () => {
  it('the owner changes a threshold, every member sees it, and the findings follow', async () => {
    const owner = await signUp({ organisationName: 'Quayside Travel' });
    const system = await authed<{ id: string }>(owner, '/api/v1/systems', {
      method: 'POST',
      body: { name: 'BookIt' },
    });
    const person = await authed<{ id: string }>(owner, '/api/v1/people', {
      method: 'POST',
      body: { name: 'Wei Zhang' },
    });
    await authed(owner, '/api/v1/accounts', {
      method: 'POST',
      body: {
        systemId: system.body.id,
        username: 'wzhang',
        ownerPersonId: person.body.id,
        lastSignInAt: Date.now() - 35 * DAY,
        systemCreatedAt: Date.now() - 400 * DAY,
      },
    });
    const dormant = async () => {
      const response = await authed(owner, '/api/v1/findings?rule=dormant-account');
      return findingListSchema.parse(response.body).findings.length;
    };
    // 35 days without a sign-in is not dormant at the default of 45 days.
    expect(await dormant()).toBe(0);

    const changed = await authed(owner, '/api/v1/organisation', {
      method: 'PATCH',
      body: { settings: { dormantDays: 30 } },
    });
    expect(changed.status).toBe(200);
    const settings = organisationSchema.parse(changed.body).settings;
    expect(settings.dormantDays).toBe(30);
    // Fields left out keep their values.
    expect(settings.sessionIdleMinutes).toBe(60);
    expect(settings.neverUsedDays).toBe(14);
    expect(await dormant()).toBe(1);

    const admin = await addMember(owner, 'admin');
    const seen = await authed(admin, '/api/v1/organisation');
    expect(organisationSchema.parse(seen.body).settings.dormantDays).toBe(30);
    const refused = await authed(admin, '/api/v1/organisation', {
      method: 'PATCH',
      body: { settings: { dormantDays: 10 } },
    });
    expect(refused.status).toBe(403);
  });

  it('refuses a threshold out of range, naming it', async () => {
    const owner = await signUp();
    const response = await authed<{ errors: { field: string }[] }>(owner, '/api/v1/organisation', {
      method: 'PATCH',
      body: { settings: { dormantDays: 0 } },
    });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((e) => e.field)).toEqual(['body.settings.dormantDays']);
  });
});
