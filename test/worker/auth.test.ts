import { describe, expect, it } from 'vitest';
import { meSchema, tokenPairSchema } from '../../shared/schemas/auth';
import { problemSchema } from '../../shared/schemas/problem';
import { addMember, authed, GOOD_PASSWORD, logIn, request, signUp, uniqueEmail } from './helpers';

describe('sign-up and sign-in', () => {
  it('creates an organisation whose first member is its owner, signed in', async () => {
    const owner = await signUp({ organisationName: 'Harbour Travel', name: 'Hana Owner' });
    expect(owner.member.role).toBe('owner');
    expect(owner.organisation.name).toBe('Harbour Travel');
    const me = await authed(owner, '/api/v1/me');
    expect(me.status).toBe(200);
    const body = meSchema.parse(me.body);
    expect(body.member.name).toBe('Hana Owner');
    expect(body.organisation.settings).toEqual({ sessionIdleMinutes: 60, sessionAbsoluteHours: 12 });
  });

  it('signs a member in with the right password and answers tokens', async () => {
    const owner = await signUp();
    const response = await logIn(owner.email.toUpperCase(), GOOD_PASSWORD);
    expect(response.status).toBe(200);
    const pair = tokenPairSchema.parse(await response.json());
    expect(pair.member.id).toBe(owner.member.id);
    expect(pair.expiresIn).toBeLessThanOrEqual(15 * 60);
    expect((await authed(pair, '/api/v1/me')).status).toBe(200);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const owner = await signUp();
    const wrong = await logIn(owner.email, 'not the password at all');
    const unknown = await logIn(uniqueEmail('nobody'), 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [problemSchema.parse(await wrong.json()), problemSchema.parse(await unknown.json())];
    expect(a.detail).toBe(b.detail);
  });

  it('refuses a second sign-up with the same email', async () => {
    const owner = await signUp();
    const response = await request('/api/v1/auth/signup', {
      method: 'POST',
      body: {
        organisationName: 'Another Firm',
        name: 'Someone',
        email: owner.email,
        password: GOOD_PASSWORD,
      },
    });
    expect(response.status).toBe(409);
  });

  it('lets an invited member in with the role they were given', async () => {
    const owner = await signUp();
    const auditor = await addMember(owner, 'auditor');
    expect(auditor.member.role).toBe('auditor');
    expect(auditor.organisation.id).toBe(owner.organisation.id);
  });

  it('refuses requests without a valid token', async () => {
    expect((await request('/api/v1/me')).status).toBe(401);
    expect((await request('/api/v1/me', { token: 'nonsense' })).status).toBe(401);
  });
});
