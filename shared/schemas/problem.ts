import { z } from 'zod';

/** One field that failed validation: where it is (`body.email`, `query.since`) and why. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
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
