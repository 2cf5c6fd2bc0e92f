import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { handleError, handleNotFound } from './http/problem';
import { health } from './routes/health';

export const app = new Hono<AppEnv>().route('/health', health);

app.onError(handleError);
app.notFound(handleNotFound);

/** The typed shape of the API, for `hc<AppType>` clients. Import with `import type` only. */
export type AppType = typeof app;
