import { z } from 'zod';
import { idSchema } from '../../../shared/schemas/directory';
import { problemSchema } from '../../../shared/schemas/problem';

/** Who may do what to the staff directory: owners and admins change it, everyone reads it. */
export const READERS = ['owner', 'admin', 'reviewer', 'auditor'] as const;
export const EDITORS = ['owner', 'admin'] as const;
/** Auditors are read-only but take the evidence away: they may export. */
export const EXPORTERS = ['owner', 'admin', 'auditor'] as const;

export const idParamsSchema = z.strictObject({ id: idSchema });

export const problem = (description: string) => ({ description, schema: problemSchema });

/** The body of a CSV import: the file's text, as JSON so it travels like every other body. */
export const csvImportBodySchema = z.strictObject({ csv: z.string().max(4_000_000) });

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
