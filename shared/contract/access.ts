import { z } from 'zod';
import { idSchema } from '../schemas/directory';

/** Who may do what to the staff directory: owners and admins change it, everyone reads it. */
export const READERS = ['owner', 'admin', 'reviewer', 'auditor'] as const;
export const EDITORS = ['owner', 'admin'] as const;
/** Auditors are read-only but take the evidence away: they may export. */
export const EXPORTERS = ['owner', 'admin', 'auditor'] as const;
/** Who manages the members of the organisation and their invitations. */
export const MANAGERS = ['owner', 'admin'] as const;
/** Roles that may be named reviewers of a campaign: "the reviewer role or above". */
export const REVIEWER_ROLES = ['owner', 'admin', 'reviewer'] as const;

export const idParamsSchema = z.strictObject({ id: idSchema });

/** The body of a CSV import: the file's text, as JSON so it travels like every other body. */
export const csvImportBodySchema = z.strictObject({ csv: z.string().max(4_000_000) });

/**
 * Accepting a risk is a judgement on the firm's access, so it belongs to those who decide on
 * access: owners, admins and reviewers. Auditors read only.
 */
export const DISMISSERS = ['owner', 'admin', 'reviewer'] as const;
