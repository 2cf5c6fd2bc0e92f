import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createdInviteSchema, inviteListSchema, memberListSchema } from '../../shared/schemas/members';
import { problemSchema } from '../../shared/schemas/problem';
import {
  addMember,
  authed,
  GOOD_PASSWORD,
  logIn,
  request,
  type SignedIn,
  signUp,
  uniqueEmail,
} from './helpers';

describe('roles', () => {
  it('lets owners and admins invite, and no one else', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    const reviewer = await addMember(admin, 'reviewer');
    const auditor = await addMember(owner, 'auditor');
    for (const outsider of [reviewer, auditor]) {
      const response = await authed(outsider, '/api/v1/members/invites', {
        method: 'POST',
        body: { email: uniqueEmail(), role: 'reviewer' },
      });
      expect(response.status).toBe(403);
    }
    const list = memberListSchema.parse((await authed(auditor, '/api/v1/members')).body);
    expect(list.members.map((m) => m.role).sort()).toEqual(['admin', 'auditor', 'owner', 'reviewer']);
  });

  it('keeps admins away from owners', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    const inviteOwner = await authed(admin, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: uniqueEmail(), role: 'owner' },
    });
    expect(inviteOwner.status).toBe(403);
    const demote = await authed(admin, `/api/v1/members/${owner.member.id}`, {
      method: 'PATCH',
      body: { role: 'auditor' },
    });
    expect(demote.status).toBe(403);
    const remove = await authed(admin, `/api/v1/members/${owner.member.id}`, { method: 'DELETE' });
    expect(remove.status).toBe(403);
  });

  it('never removes or demotes the last owner', async () => {
    const owner = await signUp();
    const demote = await authed(owner, `/api/v1/members/${owner.member.id}`, {
      method: 'PATCH',
      body: { role: 'admin' },
    });
    expect(demote.status).toBe(409);
    const remove = await authed(owner, `/api/v1/members/${owner.member.id}`, { method: 'DELETE' });
    expect(remove.status).toBe(409);
    // With a second owner, the first may step down.
    const second = await addMember(owner, 'owner');
    const stepDown = await authed(second, `/api/v1/members/${owner.member.id}`, {
      method: 'PATCH',
      body: { role: 'admin' },
    });
    expect(stepDown.status).toBe(200);
  });

  it('keeps an owner when two owners step down at the same moment', async () => {
    const first = await signUp();
    const second = await addMember(first, 'owner');
    const [a, b] = await Promise.all([
      authed(first, `/api/v1/members/${second.member.id}`, { method: 'PATCH', body: { role: 'admin' } }),
      authed(second, `/api/v1/members/${first.member.id}`, { method: 'PATCH', body: { role: 'admin' } }),
    ]);
    // One wins; the other is refused (409), or finds its session ended by the winner's demotion (401).
    expect([a.status, b.status].filter((status) => status === 200)).toHaveLength(1);
    const owners = await env.DB.prepare(
      "SELECT count(*) AS n FROM members WHERE org_id = ? AND role = 'owner' AND removed_at IS NULL",
    )
      .bind(first.organisation.id)
      .first<{ n: number }>();
    expect(owners?.n).toBe(1);
  });

  async function liveOwners(orgId: string) {
    const row = await env.DB.prepare(
      "SELECT count(*) AS n FROM members WHERE org_id = ? AND role = 'owner' AND removed_at IS NULL",
    )
      .bind(orgId)
      .first<{ n: number }>();
    return row?.n ?? 0;
  }

  it('keeps an owner when 20 owners remove each other at the same moment', { timeout: 30_000 }, async () => {
    const first = await signUp();
    const owners = [first];
    for (let i = 1; i < 20; i++) owners.push(await addMember(first, 'owner', `Owner ${i}`));
    // Each owner removes the next one, all at once: a ring where every removal is allowed alone.
    const answers = await Promise.all(
      owners.map((owner, i) =>
        authed(owner, `/api/v1/members/${owners[(i + 1) % owners.length]?.member.id}`, { method: 'DELETE' }),
      ),
    );
    const removed = answers.filter((answer) => answer.status === 204).length;
    for (const answer of answers) expect([204, 401, 403, 404, 409]).toContain(answer.status);
    expect(await liveOwners(first.organisation.id)).toBeGreaterThanOrEqual(1);
    // Every 204 removed exactly one owner, and nobody removed by someone already removed.
    expect(await liveOwners(first.organisation.id)).toBe(20 - removed);
    // The trail's order is the order the removals were written in: nobody acts once removed.
    const events = await env.DB.prepare(
      `SELECT actor_id AS actor, target_id AS target FROM audit_events
        WHERE org_id = ? AND action = 'member.remove' ORDER BY seq`,
    )
      .bind(first.organisation.id)
      .all<{ actor: string; target: string }>();
    expect(events.results).toHaveLength(removed);
    const gone = new Set<string>();
    for (const event of events.results) {
      expect(gone.has(event.actor), 'a removed owner removed another').toBe(false);
      gone.add(event.target);
    }
  });

  it('keeps an owner when 20 owners demote and remove each other at the same moment', {
    timeout: 30_000,
  }, async () => {
    const first = await signUp();
    const owners = [first];
    for (let i = 1; i < 20; i++) owners.push(await addMember(first, 'owner', `Owner ${i}`));
    await Promise.all(
      owners.map((owner, i) => {
        const target = owners[(i + 7) % owners.length]?.member.id;
        return i % 2 === 0
          ? authed(owner, `/api/v1/members/${target}`, { method: 'DELETE' })
          : authed(owner, `/api/v1/members/${target}`, { method: 'PATCH', body: { role: 'auditor' } });
      }),
    );
    expect(await liveOwners(first.organisation.id)).toBeGreaterThanOrEqual(1);
  });

  it('ends the sessions of a demoted member at once', async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    expect((await authed(admin, '/api/v1/me')).status).toBe(200);
    const demote = await authed(owner, `/api/v1/members/${admin.member.id}`, {
      method: 'PATCH',
      body: { role: 'reviewer' },
    });
    expect(demote.status).toBe(200);
    expect((await authed(admin, '/api/v1/me')).status).toBe(401);
    const refresh = await request('/api/v1/auth/refresh', {
      method: 'POST',
      body: { refreshToken: admin.refreshToken },
    });
    expect(refresh.status).toBe(401);
    // Signing in again gives the new role and nothing more.
    const again = await logIn(admin.email, GOOD_PASSWORD);
    const pair = (await again.json()) as { accessToken: string; member: { role: string } };
    expect(pair.member.role).toBe('reviewer');
    const invite = await authed(pair, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: uniqueEmail(), role: 'auditor' },
    });
    expect(invite.status).toBe(403);
  });

  it('ends the sessions of a removed member at once and keeps them out', async () => {
    const owner = await signUp();
    const reviewer = await addMember(owner, 'reviewer');
    const remove = await authed(owner, `/api/v1/members/${reviewer.member.id}`, { method: 'DELETE' });
    expect(remove.status).toBe(204);
    expect((await authed(reviewer, '/api/v1/me')).status).toBe(401);
    expect((await logIn(reviewer.email, GOOD_PASSWORD)).status).toBe(401);
    const list = memberListSchema.parse((await authed(owner, '/api/v1/members')).body);
    expect(list.members.map((m) => m.id)).not.toContain(reviewer.member.id);
  });
});

describe('invitations', () => {
  async function invite(owner: Awaited<ReturnType<typeof signUp>>, role = 'reviewer') {
    const response = await authed(owner, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: uniqueEmail(), role },
    });
    expect(response.status).toBe(201);
    return createdInviteSchema.parse(response.body);
  }
  const accept = (setupToken: string) =>
    request('/api/v1/auth/accept-invite', {
      method: 'POST',
      body: { setupToken, name: 'New Person', password: GOOD_PASSWORD },
    });

  it('are one-time', async () => {
    const owner = await signUp();
    const { setupToken } = await invite(owner);
    expect((await accept(setupToken)).status).toBe(201);
    expect((await accept(setupToken)).status).toBe(401);
  });

  it('expire', async () => {
    const owner = await signUp();
    const { invite: created, setupToken } = await invite(owner);
    await env.DB.prepare('UPDATE invites SET expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, created.id)
      .run();
    expect((await accept(setupToken)).status).toBe(401);
  });

  it('can be revoked, and list only while open', async () => {
    const owner = await signUp();
    const { invite: created, setupToken } = await invite(owner);
    const open = inviteListSchema.parse((await authed(owner, '/api/v1/members/invites')).body);
    expect(open.invites.map((i) => i.id)).toEqual([created.id]);
    expect((await authed(owner, `/api/v1/members/invites/${created.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await accept(setupToken)).status).toBe(401);
    const after = inviteListSchema.parse((await authed(owner, '/api/v1/members/invites')).body);
    expect(after.invites).toEqual([]);
  });

  it('refuse an email that is already a member of this firm', async () => {
    const owner = await signUp();
    const response = await authed(owner, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: owner.email, role: 'admin' },
    });
    expect(response.status).toBe(409);
  });

  it('do not tell an inviter whether an email belongs to a member of another firm', async () => {
    const elsewhere = await signUp();
    const owner = await signUp();
    const known = await authed(owner, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: elsewhere.email, role: 'auditor' },
    });
    const unknown = await authed(owner, '/api/v1/members/invites', {
      method: 'POST',
      body: { email: uniqueEmail('stranger'), role: 'auditor' },
    });
    expect(known.status).toBe(201);
    expect(unknown.status).toBe(201);
    expect(Object.keys(known.body as object).sort()).toEqual(Object.keys(unknown.body as object).sort());
    // The invitee, who holds the email, learns it on accepting; the other firm's member is untouched.
    const { setupToken } = createdInviteSchema.parse(known.body);
    expect((await accept(setupToken)).status).toBe(409);
    expect((await logIn(elsewhere.email, GOOD_PASSWORD)).status).toBe(200);
  });

  it('are throttled per member (20 an hour) and per firm (50 a day)', { timeout: 30_000 }, async () => {
    const owner = await signUp();
    const admin = await addMember(owner, 'admin');
    const second = await addMember(owner, 'admin');
    const invite = (who: SignedIn) =>
      authed(who, '/api/v1/members/invites', {
        method: 'POST',
        body: { email: uniqueEmail(), role: 'auditor' },
      });
    for (let i = 2; i < 20; i++) expect((await invite(owner)).status, `invite ${i}`).toBe(201);
    const refused = await invite(owner);
    expect(refused.status).toBe(429);
    expect(refused.response.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(3000);
    // Other admins of the firm may go on, up to the firm's daily limit.
    for (let i = 0; i < 20; i++) expect((await invite(admin)).status, `admin invite ${i}`).toBe(201);
    for (let i = 0; i < 10; i++) expect((await invite(second)).status, `second admin invite ${i}`).toBe(201);
    const firmFull = await invite(second);
    expect(firmFull.status).toBe(429);
    expect(Number(firmFull.response.headers.get('retry-after'))).toBeGreaterThan(20 * 3600);
    const open = inviteListSchema.parse((await authed(owner, '/api/v1/members/invites')).body);
    expect(open.invites).toHaveLength(48);
  });
});

describe('passwords', () => {
  const signupWith = (password: string, extra: Record<string, string> = {}) =>
    request('/api/v1/auth/signup', {
      method: 'POST',
      body: {
        organisationName: 'Acme Legal',
        name: 'Pat Partner',
        email: uniqueEmail('pat'),
        password,
        ...extra,
      },
    });
  async function refusal(password: string, extra: Record<string, string> = {}) {
    const response = await signupWith(password, extra);
    expect(response.status, password).toBe(422);
    const problem = problemSchema.parse(await response.json());
    return problem.errors?.find((error) => error.field === 'body.password')?.message ?? '';
  }

  it('need at least 12 characters, counted as characters, not bytes', async () => {
    expect(await refusal('short pass1')).toContain('at least 12');
    // 12 characters that are 24 bytes of UTF-8: enough.
    expect((await signupWith('ÄÖÜäöüßéèêñç')).status).toBe(201);
  });

  it('accept long passphrases and refuse anything over 1,024 characters before hashing', async () => {
    expect(
      (await signupWith(`${'x'.repeat(30)}a long passphrase of well over sixty-four characters in all`))
        .status,
    ).toBe(201);
    expect(await refusal('y'.repeat(1025))).toContain('at most 1024');
  });

  it('refuse the most common passwords, padded or repeated', async () => {
    for (const weak of [
      'password1234',
      'Qwerty123456!',
      'baseballbaseball',
      'letmein!2024',
      '111111111111',
    ]) {
      expect(await refusal(weak)).toMatch(/common/);
    }
  });

  it('refuse passwords built from the firm name or the email', async () => {
    expect(await refusal('AcmeLegal2024!')).toMatch(/organisation name/);
    expect(await refusal('acme legal 123', {})).toMatch(/organisation name|common/);
    const response = await request('/api/v1/auth/signup', {
      method: 'POST',
      body: {
        organisationName: 'Zed Co',
        name: 'Pat',
        email: 'harrietwhitfield@example.com',
        password: 'harrietwhitfield99',
      },
    });
    expect(response.status).toBe(422);
  });

  it('are Unicode-normalised, so the same password typed differently still signs in', async () => {
    const composed = 'café crème brûlée ☕';
    const email = uniqueEmail('nfc');
    const created = await request('/api/v1/auth/signup', {
      method: 'POST',
      body: { organisationName: 'Bistro', name: 'Chef', email, password: composed.normalize('NFD') },
    });
    expect(created.status).toBe(201);
    expect((await logIn(email, composed.normalize('NFC'))).status).toBe(200);
  });

  it('are stored as salted PBKDF2 with their parameters, never as given', async () => {
    const owner = await signUp();
    const row = await env.DB.prepare('SELECT password_hash FROM members WHERE id = ?')
      .bind(owner.member.id)
      .first<{
        password_hash: string;
      }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$i=100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(row?.password_hash).not.toContain(GOOD_PASSWORD);
  });

  it('are rehashed on sign-in when stored with weaker parameters', async () => {
    const owner = await signUp();
    // A hash made with 1,000 iterations, as an older release might have stored.
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(GOOD_PASSWORD),
      'PBKDF2',
      false,
      ['deriveBits'],
    );
    const salt = new Uint8Array(16).fill(7);
    const bits = new Uint8Array(
      await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 1000 }, key, 256),
    );
    const b64 = (bytes: Uint8Array) =>
      btoa(String.fromCharCode(...bytes))
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replace(/=+$/, '');
    await env.DB.prepare('UPDATE members SET password_hash = ? WHERE id = ?')
      .bind(`pbkdf2-sha256$i=1000$${b64(salt)}$${b64(bits)}`, owner.member.id)
      .run();
    expect((await logIn(owner.email, GOOD_PASSWORD)).status).toBe(200);
    const row = await env.DB.prepare('SELECT password_hash FROM members WHERE id = ?')
      .bind(owner.member.id)
      .first<{
        password_hash: string;
      }>();
    expect(row?.password_hash).toMatch(/^pbkdf2-sha256\$i=100000\$/);
    expect((await logIn(owner.email, GOOD_PASSWORD)).status).toBe(200);
  });
});
