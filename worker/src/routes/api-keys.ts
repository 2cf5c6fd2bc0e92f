import { contract } from '../../../shared/contract';
import { secondFactorRequired } from '../../../shared/schemas/organisation';
import { memberActor, writeAudited } from '../audit/writer';
import {
  insertApiKeyStatement,
  listApiKeys,
  revokeApiKeyStatement,
  unrevokedApiKey,
} from '../auth/api-key-queries';
import { newApiKeySecret } from '../auth/api-keys';
import { signedInMember } from '../auth/authenticate';
import { newId } from '../auth/crypto';
import { organisationSettingsOf } from '../auth/sessions';
import { database } from '../db/client';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';

/** How long after signing in with a second-factor code a member may create a key. */
export const RECENT_SECOND_FACTOR_MINUTES = 15;

export const apiKeysRoutes = handlers(contract.apiKeys, {
  list: async (c) => c.json({ keys: await listApiKeys(database(c.env.DB), c.get('member').orgId) }),
  create: async (c) => {
    const member = signedInMember(c.get('member'));
    const { name, role, expiresAt = null } = c.req.valid('json');
    const db = database(c.env.DB);
    const now = Date.now();
    if (expiresAt !== null && expiresAt <= now) {
      throw new ProblemError(422, 'The expiry date must be in the future.', [
        { field: 'body.expiresAt', message: 'must be in the future' },
      ]);
    }
    // A key outlives the session that made it: where the firm asks for a second factor, making
    // one asks for a code given just now, not hours ago (NIST SP 800-63B §4.2.3 reauthentication).
    if (
      secondFactorRequired(member.role, await organisationSettingsOf(db, member.orgId)) &&
      (member.secondFactorAt === null || now - member.secondFactorAt > RECENT_SECOND_FACTOR_MINUTES * 60_000)
    ) {
      throw new ProblemError(
        403,
        `Creating an API key needs a second-factor code given in the last ${RECENT_SECOND_FACTOR_MINUTES} minutes. Sign out, sign in again with your authenticator code, then create the key.`,
      );
    }
    const { secret, secretHash, prefix } = await newApiKeySecret();
    const key = {
      id: newId(),
      name,
      role,
      prefix,
      createdAt: now,
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await writeAudited(
      db,
      memberActor(c),
      [insertApiKeyStatement(db, { ...key, orgId: member.orgId, secretHash, createdBy: member.id })],
      [
        {
          action: 'api_key.create',
          targetType: 'api_key',
          targetId: key.id,
          after: { name, role, prefix, expiresAt },
        },
      ],
    );
    return c.json({ key: { ...key, createdBy: { id: member.id, name: member.name } }, secret }, 201);
  },
  revoke: async (c) => {
    const { id } = c.req.valid('param');
    const { orgId } = c.get('member');
    const db = database(c.env.DB);
    const key = await unrevokedApiKey(db, orgId, id);
    if (!key) throw new ProblemError(404, 'No such API key, or it was already revoked.');
    await writeAudited(
      db,
      memberActor(c),
      [revokeApiKeyStatement(db, orgId, id, Date.now())],
      [{ action: 'api_key.revoke', targetType: 'api_key', targetId: id, before: key }],
    );
    return c.body(null, 204);
  },
});
