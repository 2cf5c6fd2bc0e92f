// A bench-only worker over the same D1 as the real one: runs the daily check for one organisation
// per request (so `npm run bench` can time each apart), or for all of them as the cron does, and
// probes whether the clock moves during pure computation here. Never deployed.

import { checkOrganisation, runDailyCheck } from '../../worker/src/daily-check/daily-check';
import { database } from '../../worker/src/db/client';

const noWebhook: typeof fetch = async () => new Response('ok');

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const now = Number(url.searchParams.get('now') ?? Date.now());
    if (url.pathname === '/check') {
      const orgId = url.searchParams.get('org') ?? '';
      const check = await checkOrganisation(database(env.DB), orgId, now, noWebhook);
      return Response.json(check);
    }
    if (url.pathname === '/run') {
      const checks = await runDailyCheck(env.DB, now, { fetcher: noWebhook });
      return Response.json({
        organisations: checks.length,
        recorded: checks.reduce((n, c) => n + c.recorded, 0),
      });
    }
    if (url.pathname === '/probe') {
      const start = performance.now();
      let x = 0;
      for (let i = 0; i < 20_000_000; i++) x = (x + i * 7) % 1_000_003;
      return Response.json({ elapsed: performance.now() - start, x });
    }
    return new Response('ok');
  },
};
