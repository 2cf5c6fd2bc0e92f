// A bench-only worker over the same D1 as the real one, serving the real API and besides: the
// daily check for one organisation per request (so `npm run bench` can time each apart), or for
// all of them as one cron run does, at any moment; the first read of the findings on a day to come
// (`/first-read`), which the real API can only be asked today; and a probe of whether the clock
// moves during pure computation here. Never deployed.

import { app } from '../../worker/src/app';
import type { AuditActor } from '../../worker/src/audit/writer';
import { checkOrganisation, runDailyCheck } from '../../worker/src/daily-check/daily-check';
import { countQueries } from '../../worker/src/daily-check/query-count';
import { database } from '../../worker/src/db/client';
import { findingsPage, refreshFindings } from '../../worker/src/findings/materialised-findings';

const noWebhook: typeof fetch = async () => new Response('ok');
const benchActor = (orgId: string): AuditActor => ({
  orgId,
  actorId: null,
  actorName: 'bench',
  ip: null,
  userAgent: null,
  requestId: 'bench',
});

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const now = Number(url.searchParams.get('now') ?? Date.now());
    const orgId = url.searchParams.get('org') ?? '';
    if (url.pathname === '/check') {
      const counted = countQueries(env.DB);
      const check = await checkOrganisation(database(counted.d1), orgId, now, noWebhook);
      return Response.json({ ...check, queries: counted.queries() });
    }
    if (url.pathname === '/run') {
      const started = performance.now();
      const checks = await runDailyCheck(env.DB, now, { fetcher: noWebhook });
      return Response.json({
        organisations: checks.length,
        recorded: checks.reduce((n, c) => n + c.recorded, 0),
        queries: checks.reduce((n, c) => n + c.queries, 0),
        mostQueries: Math.max(0, ...checks.map((c) => c.queries)),
        ms: performance.now() - started,
      });
    }
    if (url.pathname === '/first-read') {
      // As GET /api/v1/findings?limit=50 does it, at `now`.
      const db = database(env.DB);
      await refreshFindings(db, benchActor(orgId), orgId, now);
      const page = await findingsPage(db, orgId, { limit: 50 }, now);
      return Response.json({ total: page.total });
    }
    if (url.pathname === '/probe') {
      const start = performance.now();
      let x = 0;
      for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;
      return Response.json({ elapsed: performance.now() - start, x });
    }
    return app.fetch(request, env, ctx);
  },
};
