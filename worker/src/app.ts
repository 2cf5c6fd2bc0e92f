import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { extensionCors } from './http/cors';
import { handleError, handleNotFound } from './http/problem';
import { auth } from './routes/auth';
import { health } from './routes/health';
import { me } from './routes/me';
import { membersApp } from './routes/members';

export const app = new Hono<AppEnv>()
  .use(async (c, next) => {
    // Our own id for every request, for the audit trail and the logs; a client's is not trusted.
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('x-request-id', requestId);
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'no-store');
  })
  .use('/api/*', extensionCors())
  .route('/health', health)
  .route('/api/v1/auth', auth)
  .route('/api/v1/me', me)
  .route('/api/v1/members', membersApp);

app.onError(handleError);
app.notFound(handleNotFound);

/** The typed shape of the API, for `hc<AppType>` clients. Import with `import type` only. */
export type AppType = typeof app;
