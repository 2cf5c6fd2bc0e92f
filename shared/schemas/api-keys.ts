import { z } from 'zod';
import { idSchema, timestampSchema } from './directory';
import { singleLine } from './text';

/** The roles a key may act as: never owner, so no key can do what only an owner may. */
export const apiKeyRoles = ['auditor', 'reviewer', 'admin'] as const;
export const apiKeyRoleSchema = z.enum(apiKeyRoles);
export type ApiKeyRole = z.infer<typeof apiKeyRoleSchema>;

/** Every key's secret starts with this, so a leaked one is recognisable (and scanners can find it). */
export const API_KEY_PREFIX = 'rck_';
/** The header a key is sent in: `X-Api-Key: rck_…`. */
export const API_KEY_HEADER = 'X-Api-Key';

export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: apiKeyRoleSchema,
  /** The secret's first characters (`rck_ab12cd34`), to tell keys apart; never enough to use. */
  prefix: z.string(),
  createdAt: timestampSchema,
  createdBy: z.object({ id: idSchema, name: z.string() }),
  expiresAt: timestampSchema.nullable(),
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const apiKeyListSchema = z.object({ keys: z.array(apiKeySchema) });

export const createApiKeySchema = z.strictObject({
  name: singleLine(z.string().trim().min(1).max(100)),
  role: apiKeyRoleSchema,
  /** When it stops working (milliseconds since the epoch, in the future); none: until revoked. */
  expiresAt: timestampSchema.optional(),
});

/** The new key and its secret: shown this once, never again. */
export const createdApiKeySchema = z.object({ key: apiKeySchema, secret: z.string() });
