import { z } from 'zod';
import { idSchema, urlPatternSchema } from '../../../shared/schemas/directory';

/**
 * How to read one system's user list when the detector alone is not enough: which pages (URL match
 * patterns), optionally which element is the list and which are its rows, and which column holds
 * what. The admin sets these in the options page; every part is optional but the patterns.
 */
export const columnRefSchema = z.union([
  /** The column whose header reads this text (case and punctuation ignored). */
  z.object({ header: z.string().trim().min(1).max(200) }),
  /** The column at this position, counting from 1. */
  z.object({ index: z.number().int().min(1).max(200) }),
  /** An element inside the row, for lists that are not laid out in columns. */
  z.object({ selector: z.string().trim().min(1).max(500) }),
]);
export type ColumnRef = z.infer<typeof columnRefSchema>;

export const adapterFieldSchema = z.enum([
  'username',
  'email',
  'displayName',
  'firstName',
  'lastName',
  'role',
  'permissions',
  'status',
  'lastSignIn',
]);
export type AdapterField = z.infer<typeof adapterFieldSchema>;

export const pageAdapterSchema = z.object({
  id: idSchema,
  /** The Rollcall system this page belongs to, once the admin has linked it. */
  systemId: idSchema.nullable(),
  name: z.string().trim().min(1).max(200),
  urlPatterns: z.array(urlPatternSchema).min(1).max(20),
  listSelector: z.string().trim().min(1).max(500).optional(),
  rowSelector: z.string().trim().min(1).max(500).optional(),
  columns: z.partialRecord(adapterFieldSchema, columnRefSchema).default({}),
});
export type PageAdapter = z.infer<typeof pageAdapterSchema>;
