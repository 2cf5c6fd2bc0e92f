import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { extensionCors } from './http/cors';
import { d1Meter } from './http/d1-meter';
import { handleError, handleNotFound } from './http/problem';
import { accountsApp } from './routes/accounts';
import { auditApp } from './routes/audit';
import { auth } from './routes/auth';
import { findingsApp } from './routes/findings';
import { health } from './routes/health';
import { me } from './routes/me';
import { membersApp } from './routes/members';
import { notificationsApp } from './routes/notifications';
import { openapi } from './routes/openapi';
import { organisationApp } from './routes/organisation';
import { peopleApp } from './routes/people';
import { reviewsApp } from './routes/reviews';
import { rolesApp } from './routes/roles';
import { sessionsApp } from './routes/sessions';
import { syncApp } from './routes/sync';
import { systemsApp } from './routes/systems';
import { todosApp } from './routes/todos';
import { webhookApp } from './routes/webhook';

export const app = new Hono<AppEnv>()
  .use(async (c, next) => {
    // Our own id for every request, for the audit trail and the logs; a client's is not trusted.
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('x-request-id', requestId);
    c.header('x-content-type-options', 'nosniff');
    c.header('cache-control', 'no-store');
    // JSON only: nothing here is meant to render or be framed.
    c.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  })
  .use('/api/*', extensionCors())
  .use('/api/*', d1Meter())
  .route('/health', health)
  .route('/api/v1/auth', auth)
  .route('/api/v1/me', me)
  .route('/api/v1/members', membersApp)
  .route('/api/v1/sessions', sessionsApp)
  .route('/api/v1/organisation', organisationApp)
  .route('/api/v1/audit', auditApp)
  .route('/api/v1/people', peopleApp)
  .route('/api/v1/systems', systemsApp)
  .route('/api/v1/roles', rolesApp)
  .route('/api/v1/accounts', accountsApp)
  .route('/api/v1/sync', syncApp)
  .route('/api/v1/findings', findingsApp)
  .route('/api/v1/reviews', reviewsApp)
  .route('/api/v1/todos', todosApp)
  .route('/api/v1/notifications', notificationsApp)
  .route('/api/v1/organisation/webhook', webhookApp)
  .route('/api/v1/openapi.json', openapi);

app.onError(handleError);
app.notFound(handleNotFound);

/** The typed shape of the API, for `hc<AppType>` clients. Import with `import type` only. */
export type AppType = typeof app;
