import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { auditPageSchema } from '../../shared/schemas/audit';
import {
  enrolmentSchema,
  nextStepSchema,
  recoveryCodesSchema,
  tokenPairSchema,
} from '../../shared/schemas/auth';
import { type MemberRole, memberListSchema } from '../../shared/schemas/members';
import { organisationSchema } from '../../shared/schemas/organisation';
import { problemSchema } from '../../shared/schemas/problem';
import { openSecret, sealSecret } from '../../worker/src/auth/second-factor';
import {
  authed,
  authenticatorApp,
  createdInvite,
  enrolAtSignIn,
  GOOD_PASSWORD,
  giveCode,
  logIn,
  request,
  signUp,
  signUpWithSecondFactor,
  uniqueEmail,
  type WithSecondFactor,
} from './helpers';

const WRONG = 'definitely not the password';

/** Signs in with the password; answers the step it asks for next. */
async function passwordStep(email: string, knownBrowser?: string) {
  const response = await logIn(email, GOOD_PASSWORD, {}, knownBrowser);
  expect(response.status).toBe(200);
  return nextStepSchema.parse(await response.json());
}

/** Invites `email` as `role`, and answers the invitee's acceptance. */
async function joined(owner: WithSecondFactor, email: string, role: MemberRole, name: string) {
  const invite = await createdInvite(owner, email, role);
  return request('/api/v1/auth/accept-invite', {
    method: 'POST',
    body: { setupToken: invite.setupToken, name, password: GOOD_PASSWORD },
  });
}

async function problemOf(response: Response) {
  return problemSchema.parse(await response.json());
}

async function auditActions(session: { accessToken: string }): Promise<string[]> {
  const page = auditPageSchema.parse((await authed(session, '/api/v1/audit?limit=200')).body);
  return page.events.map((event) => event.action);
}

describe('setting up a second factor', () => {
  it('leads the owner of a new organisation into it at sign-up, and signs them in with the first code', async () => {
    const owner = await signUpWithSecondFactor();
    expect(owner.member.secondFactor).toBe(true);
    expect(owner.organisation.settings.secondFactorRequired).toBe(true);
    expect(owner.recoveryCodes).toHaveLength(10);
    expect(new Set(owner.recoveryCodes).size).toBe(10);
    // The secret is stored sealed, never as the key the app was given.
    const { results } = await env.DB.prepare('SELECT secret FROM second_factors WHERE member_id = ?')
      .bind(owner.member.id)
      .all<{ secret: string }>();
    expect(results[0]?.secret).toMatch(/^v1\./);
    expect(results[0]?.secret).not.toContain(owner.app.key.toString());
    const stored = await env.DB.prepare('SELECT code_hash FROM recovery_codes WHERE member_id = ?')
      .bind(owner.member.id)
      .all<{ code_hash: string }>();
    expect(stored.results).toHaveLength(10);
    for (const code of owner.recoveryCodes) {
      expect(stored.results.map((row) => row.code_hash)).not.toContain(code);
    }
    expect(await auditActions(owner)).toEqual(
      expect.arrayContaining([
        'auth.second_factor_enrolment_required',
        'member.second_factor_enrol_start',
        'member.second_factor_enrol',
        'auth.login',
      ]),
    );
  });

  it('gives a challenge that only sets up a second factor: it is no access token', async () => {
    const email = uniqueEmail('owner');
    const response = await request('/api/v1/auth/signup', {
      method: 'POST',
      body: { organisationName: 'Enrol Only', name: 'Olive', email, password: GOOD_PASSWORD },
    });
    expect(response.status).toBe(201);
    const step = nextStepSchema.parse(await response.json());
    expect(step.next).toBe('enrol');
    expect((await authed({ accessToken: step.challengeToken }, '/api/v1/me')).status).toBe(401);
    // Nor does it give a code step.
    const asCode = await giveCode(step.challengeToken, { code: '123456' });
    expect(asCode.status).toBe(401);
  });

  it('refuses a wrong first code, naming the field, and keeps the member signed out', async () => {
    const email = uniqueEmail('owner');
    const response = await request('/api/v1/auth/signup', {
      method: 'POST',
      body: { organisationName: 'Wrong Code', name: 'Olive', email, password: GOOD_PASSWORD },
    });
    const { challengeToken } = nextStepSchema.parse(await response.json());
    const started = await request('/api/v1/auth/second-factor/enrolment', {
      method: 'POST',
      body: { challengeToken },
    });
    const enrolment = enrolmentSchema.parse(await started.json());
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Rollcall:/);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.manualKey}`);
    const app = authenticatorApp(enrolment.manualKey);
    const wrong = String((Number(await app.now()) + 1) % 1_000_000).padStart(6, '0');
    const refused = await request('/api/v1/auth/second-factor/enrolment/confirm', {
      method: 'POST',
      body: { challengeToken, code: wrong },
    });
    expect(refused.status).toBe(401);
    expect((await problemOf(refused)).errors).toEqual([{ field: 'body.code', message: 'wrong code' }]);
    const notDigits = await request('/api/v1/auth/second-factor/enrolment/confirm', {
      method: 'POST',
      body: { challengeToken, code: 'abcdef' },
    });
    expect(notDigits.status).toBe(422);
  });

  it('lets a signed-in member set one up for themselves, and shows its status to the organisation', async () => {
    const owner = await signUp();
    const started = await authed(owner, '/api/v1/me/second-factor', { method: 'POST' });
    expect(started.status).toBe(200);
    const app = authenticatorApp(enrolmentSchema.parse(started.body).manualKey);
    const confirmed = await authed(owner, '/api/v1/me/second-factor/confirm', {
      method: 'POST',
      body: { code: await app.next() },
    });
    expect(confirmed.status).toBe(200);
    expect(recoveryCodesSchema.parse(confirmed.body).recoveryCodes).toHaveLength(10);
    const again = await authed(owner, '/api/v1/me/second-factor', { method: 'POST' });
    expect(again.status).toBe(409);

    const list = memberListSchema.parse((await authed(owner, '/api/v1/members')).body);
    expect(list.members.find((member) => member.id === owner.member.id)?.secondFactor).toBe(true);
    const me = (await authed<{ member: { secondFactor: boolean } }>(owner, '/api/v1/me')).body;
    expect(me.member.secondFactor).toBe(true);

    // From now on the password alone does not sign them in.
    expect((await passwordStep(owner.email)).next).toBe('code');
  });
});

describe('a member’s own second factor, once set up', () => {
  async function enrolled() {
    const member = await signUp();
    const started = await authed(member, '/api/v1/me/second-factor', { method: 'POST' });
    const app = authenticatorApp(enrolmentSchema.parse(started.body).manualKey);
    const confirmed = await authed(member, '/api/v1/me/second-factor/confirm', {
      method: 'POST',
      body: { code: await app.next() },
    });
    return { member, app, codes: recoveryCodesSchema.parse(confirmed.body).recoveryCodes };
  }

  it('gives new recovery codes for the current code, and the old ones stop working', async () => {
    const { member, app, codes } = await enrolled();
    const wrong = await authed(member, '/api/v1/me/second-factor/recovery-codes', {
      method: 'POST',
      body: { code: '000000' },
    });
    expect(wrong.status).toBe(403);
    expect(problemSchema.parse(wrong.body).errors).toEqual([
      { field: 'body.code', message: 'wrong or already used' },
    ]);
    const renewed = await authed(member, '/api/v1/me/second-factor/recovery-codes', {
      method: 'POST',
      body: { code: await app.next() },
    });
    expect(renewed.status).toBe(200);
    const fresh = recoveryCodesSchema.parse(renewed.body).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[0]);

    const old = await giveCode((await passwordStep(member.email)).challengeToken, {
      recoveryCode: codes[0] ?? '',
    });
    expect(old.status).toBe(401);
    const now = await giveCode((await passwordStep(member.email)).challengeToken, {
      recoveryCode: fresh[0] ?? '',
    });
    expect(now.status).toBe(200);
    expect(await auditActions(member)).toContain('member.recovery_codes_renewed');
  });

  it('turns it off for the current code, and the password alone signs in again', async () => {
    const { member, app } = await enrolled();
    const off = await authed(member, '/api/v1/me/second-factor/disable', {
      method: 'POST',
      body: { code: await app.next() },
    });
    expect(off.status).toBe(204);
    const me = (await authed<{ member: { secondFactor: boolean } }>(member, '/api/v1/me')).body;
    expect(me.member.secondFactor).toBe(false);
    const password = await logIn(member.email, GOOD_PASSWORD);
    expect(password.status).toBe(200);
    expect(tokenPairSchema.parse(await password.json()).member.id).toBe(member.member.id);
    expect(await auditActions(member)).toContain('member.second_factor_disable');
    // Nothing is left to turn off.
    const again = await authed(member, '/api/v1/me/second-factor/disable', {
      method: 'POST',
      body: { code: '123456' },
    });
    expect(again.status).toBe(404);
  });

  it('stays on where the firm requires it of owners and admins', async () => {
    const owner = await signUpWithSecondFactor();
    const refused = await authed(owner, '/api/v1/me/second-factor/disable', {
      method: 'POST',
      body: { code: await owner.app.next() },
    });
    expect(refused.status).toBe(409);
    expect(
      (await authed<{ member: { secondFactor: boolean } }>(owner, '/api/v1/me')).body.member.secondFactor,
    ).toBe(true);
  });
});

describe('signing in with a second factor', () => {
  it('takes the password, then the code; the same code a second time is refused', async () => {
    const owner = await signUpWithSecondFactor();
    const first = await passwordStep(owner.email);
    expect(first.next).toBe('code');
    expect(first).not.toHaveProperty('accessToken');
    const code = await owner.app.next();
    const signedIn = await giveCode(first.challengeToken, { code });
    expect(signedIn.status).toBe(200);
    const pair = tokenPairSchema.parse(await signedIn.json());
    expect((await authed(pair, '/api/v1/me')).status).toBe(200);

    // Replay: the same code, within its window, on a fresh challenge.
    const second = await passwordStep(owner.email);
    const replay = await giveCode(second.challengeToken, { code });
    expect(replay.status).toBe(401);
    expect((await problemOf(replay)).errors).toEqual([
      { field: 'body.code', message: 'wrong or already used' },
    ]);
    expect(await auditActions(owner)).toEqual(
      expect.arrayContaining(['auth.second_factor_challenge', 'auth.second_factor_failed']),
    );
  });

  it('takes each recovery code once', async () => {
    const owner = await signUpWithSecondFactor();
    const [recoveryCode] = owner.recoveryCodes;
    if (!recoveryCode) throw new Error('no recovery code');
    const first = await passwordStep(owner.email);
    // As typed from paper: upper case, no dashes.
    const typed = recoveryCode.toUpperCase().replaceAll('-', ' ');
    expect((await giveCode(first.challengeToken, { recoveryCode: typed })).status).toBe(200);
    const second = await passwordStep(owner.email);
    const again = await giveCode(second.challengeToken, { recoveryCode });
    expect(again.status).toBe(401);
    expect((await problemOf(again)).errors).toEqual([
      { field: 'body.recoveryCode', message: 'wrong or already used' },
    ]);
    const events = auditPageSchema.parse((await authed(owner, '/api/v1/audit?limit=200')).body).events;
    const used = events.find((event) => event.action === 'auth.recovery_code_used');
    expect(used?.after).toEqual({ left: 9 });
  });

  it('refuses a challenge that is forged, or a code and a recovery code at once', async () => {
    const owner = await signUpWithSecondFactor();
    const forged = await giveCode('eyJhbGciOiJIUzI1NiJ9.e30.forged-signature-xxxxxxxx', { code: '123456' });
    expect(forged.status).toBe(401);
    const step = await passwordStep(owner.email);
    const both = await request('/api/v1/auth/second-factor', {
      method: 'POST',
      body: { challengeToken: step.challengeToken, code: '123456', recoveryCode: 'abcd' },
    });
    expect(both.status).toBe(422);
    expect((await problemOf(both)).errors?.[0]?.field).toBe('body.code');
  });
});

describe('the organisation requires a second factor of owners and admins', () => {
  it('is on for new organisations and takes an admin who has none to setting one up at sign-in', async () => {
    const owner = await signUpWithSecondFactor();
    const email = uniqueEmail('admin');
    const accepted = await joined(owner, email, 'admin', 'Ada Admin');
    expect(accepted.status).toBe(201);
    const step = nextStepSchema.parse(await accepted.json());
    expect(step.next).toBe('enrol');
    // Signing in again before setting one up leads there again.
    expect((await passwordStep(email)).next).toBe('enrol');
    const admin = await enrolAtSignIn((await passwordStep(email)).challengeToken, email);
    expect(admin.member.role).toBe('admin');
    expect(admin.member.secondFactor).toBe(true);
  });

  it('lets a reviewer in with the password alone, and owners turn the requirement off and on', async () => {
    const owner = await signUpWithSecondFactor();
    const email = uniqueEmail('reviewer');
    const accepted = await joined(owner, email, 'reviewer', 'Rita Reviewer');
    expect(tokenPairSchema.safeParse(await accepted.json()).success).toBe(true);

    const off = await authed(owner, '/api/v1/organisation', {
      method: 'PATCH',
      body: { settings: { secondFactorRequired: false } },
    });
    expect(organisationSchema.parse(off.body).settings.secondFactorRequired).toBe(false);
  });

  it('is off for organisations made before second factors existed (the migration says so)', async () => {
    const owner = await signUp();
    await env.DB.prepare(
      "UPDATE organisations SET settings = json_remove(settings, '$.secondFactorRequired')",
    )
      .bind()
      .run();
    // What the migration does to every organisation that exists when it runs.
    await env.DB.prepare(
      "UPDATE organisations SET settings = json_set(settings, '$.secondFactorRequired', json('false')) WHERE id = ?",
    )
      .bind(owner.organisation.id)
      .run();
    const response = await logIn(owner.email, GOOD_PASSWORD);
    expect(tokenPairSchema.parse(await response.json()).organisation.settings.secondFactorRequired).toBe(
      false,
    );
  });
});

describe("an owner resets a member's second factor", () => {
  it('lets the member sign in with the password and set up a new one; audited', async () => {
    const owner = await signUpWithSecondFactor();
    const email = uniqueEmail('admin');
    const accepted = await joined(owner, email, 'admin', 'Ada Admin');
    const admin = await enrolAtSignIn(nextStepSchema.parse(await accepted.json()).challengeToken, email);

    // An admin may not; the owner may not reset their own.
    expect(
      (await authed(admin, `/api/v1/members/${owner.member.id}/second-factor`, { method: 'DELETE' })).status,
    ).toBe(403);
    expect(
      (await authed(owner, `/api/v1/members/${owner.member.id}/second-factor`, { method: 'DELETE' })).status,
    ).toBe(403);

    const reset = await authed(owner, `/api/v1/members/${admin.member.id}/second-factor`, {
      method: 'DELETE',
    });
    expect(reset.status).toBe(204);
    expect(
      (await authed(owner, `/api/v1/members/${admin.member.id}/second-factor`, { method: 'DELETE' })).status,
    ).toBe(404);
    // Their old recovery codes are gone with it; they are taken to set up a new factor.
    const step = await passwordStep(email);
    expect(step.next).toBe('enrol');
    const events = auditPageSchema.parse((await authed(owner, '/api/v1/audit?limit=200')).body).events;
    const event = events.find((e) => e.action === 'member.second_factor_reset');
    expect(event?.targetId).toBe(admin.member.id);
    expect(event?.actorId).toBe(owner.member.id);
    const list = memberListSchema.parse((await authed(owner, '/api/v1/members')).body);
    expect(list.members.find((member) => member.id === admin.member.id)?.secondFactor).toBe(false);
  });
});

describe('lockout without lock-out abuse', () => {
  it('keeps strangers out of a throttled account while its known browser still signs in', async () => {
    // The member's own browser signed in before (setting up the second factor): it was given a
    // known-browser token.
    const owner = await signUpWithSecondFactor();
    const knownBrowser = owner.knownBrowser;
    expect(knownBrowser).toBeTruthy();

    // A stranger who knows the email guesses five times: strangers are held off…
    const stranger = { 'cf-connecting-ip': '198.51.100.7' };
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await logIn(owner.email, WRONG, stranger)).status).toBe(401);
    }
    expect((await logIn(owner.email, GOOD_PASSWORD, stranger)).status).toBe(429);
    // …and so is anyone else not known to the member, even with the right password.
    expect((await logIn(owner.email, GOOD_PASSWORD, { 'cf-connecting-ip': '192.0.2.44' })).status).toBe(429);

    // The member's browser signs in with the password and the second factor.
    const step = await passwordStep(owner.email, knownBrowser);
    expect(step.next).toBe('code');
    const again = await giveCode(step.challengeToken, { code: await owner.app.next() });
    expect(again.status).toBe(200);
    // A known browser is not given another token.
    expect(tokenPairSchema.parse(await again.json()).knownBrowser).toBeUndefined();

    // The stranger stays held off after the member's sign-in.
    expect((await logIn(owner.email, GOOD_PASSWORD, stranger)).status).toBe(429);

    // Someone else's known-browser token counts for nothing on this account.
    const other = await signUp();
    const otherPair = tokenPairSchema.parse(await (await logIn(other.email, GOOD_PASSWORD)).json());
    expect(otherPair.knownBrowser).toBeTruthy();
    expect((await logIn(owner.email, GOOD_PASSWORD, {}, otherPair.knownBrowser)).status).toBe(429);
  });

  it("locks a known browser out after its own five failures, without locking the member's other browsers", async () => {
    const owner = await signUp();
    const pair = tokenPairSchema.parse(await (await logIn(owner.email, GOOD_PASSWORD)).json());
    const known = pair.knownBrowser;
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await logIn(owner.email, WRONG, {}, known)).status).toBe(401);
    }
    expect((await logIn(owner.email, GOOD_PASSWORD, {}, known)).status).toBe(429);
    expect((await logIn(owner.email, GOOD_PASSWORD)).status).toBe(200);
  });
});

describe('the key that seals second-factor secrets', () => {
  it('is refused outside development and test unless a real secret is set, and opens only its own', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const secret = new Uint8Array(20).fill(7);
    await expect(sealSecret({ ENVIRONMENT: 'production' }, 'member-1', secret)).rejects.toThrow();
    expect(logged.mock.calls.map(([message]) => message)).toEqual([
      'SECOND_FACTOR_KEY is not set: refusing to check second factors outside development.',
    ]);
    logged.mockRestore();

    const production = { ENVIRONMENT: 'production', SECOND_FACTOR_KEY: 'k'.repeat(40) };
    const sealed = await sealSecret(production, 'member-1', secret);
    expect(await openSecret(production, 'member-1', sealed)).toEqual(secret);
    // Another key, or another member's row, does not open it.
    await expect(
      openSecret({ ...production, SECOND_FACTOR_KEY: 'j'.repeat(40) }, 'member-1', sealed),
    ).rejects.toThrow();
    await expect(openSecret(production, 'member-2', sealed)).rejects.toThrow();
  });
});
