import { app } from './app';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;

export type { AppType } from './app';
