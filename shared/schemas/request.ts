import { z } from 'zod';

/** What a route without a query, path parameters or body accepts there: nothing (unknown keys fail). */
export const noInputSchema = z.strictObject({});
