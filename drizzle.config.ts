import { defineConfig } from 'drizzle-kit';

// drizzle-kit 0.31 writes flat NNNN_name.sql files, the layout `wrangler d1 migrations apply` reads.
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/src/db/schema.ts',
  out: './worker/migrations',
});
