import { z } from 'zod';

/**
 * One field that failed validation: where it is (`body.email`, `query.since`) and why. A problem in
 * a file sent as a field (a CSV import's `body.csv`) also says where in it: its line (the header is
 * line 1) and column.
 */
export const fieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
  column: z.string().optional(),
});

/** An error answer, RFC 9457 `application/problem+json`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;
