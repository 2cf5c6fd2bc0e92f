import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { extensionCors } from './http/cors';
import { d1Meter } from './http/d1-meter';
import { handleError, handleNotFound } from './http/problem';
import { setResponseHeaders } from './http/response-headers';
import { mount } from './http/route';
import { accountsRoutes } from './routes/accounts';
import { apiKeysRoutes } from './routes/api-keys';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { findingsRoutes } from './routes/findings';
import { meRoutes } from './routes/me';
import { membersRoutes } from './routes/members';
import { metaRoutes } from './routes/meta';
import { notificationsRoutes } from './routes/notifications';
import { observationsRoutes } from './routes/observations';
import { organisationRoutes } from './routes/organisation';
import { peopleRoutes } from './routes/people';
import { reviewsRoutes } from './routes/reviews';
import { rolesRoutes } from './routes/roles';
import { sessionsRoutes } from './routes/sessions';
import { syncRoutes } from './routes/sync';
import { systemsRoutes } from './routes/systems';
import { todosRoutes } from './routes/todos';
import { webhookRoutes } from './routes/webhook';

export const app = new Hono<AppEnv>()
  .use(async (c, next) => {
    // Our own id for every request, for the audit trail and the logs; a client's is not trusted.
    const requestId = crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    setResponseHeaders(c, (headers) => {
      headers.set('x-request-id', requestId);
      headers.set('x-content-type-options', 'nosniff');
      headers.set('cache-control', 'no-store');
      // JSON only: nothing here is meant to render or be framed.
      headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    });
  })
  .use('/api/*', extensionCors())
  .use('/api/*', d1Meter());

// Every operation of the contract, each behind its sign-in, role and input checks (http/route.ts).
mount(app, {
  meta: metaRoutes,
  auth: authRoutes,
  me: meRoutes,
  members: membersRoutes,
  sessions: sessionsRoutes,
  apiKeys: apiKeysRoutes,
  organisation: organisationRoutes,
  audit: auditRoutes,
  people: peopleRoutes,
  systems: systemsRoutes,
  roles: rolesRoutes,
  accounts: accountsRoutes,
  sync: syncRoutes,
  findings: findingsRoutes,
  reviews: reviewsRoutes,
  todos: todosRoutes,
  notifications: notificationsRoutes,
  webhook: webhookRoutes,
  observations: observationsRoutes,
});

app.onError(handleError);
app.notFound(handleNotFound);
