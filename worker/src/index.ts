import { app } from './app';
import { runDailyCheck } from './daily-check/daily-check';

export default {
  fetch: app.fetch,
  /** The daily check (cron in wrangler.toml): every organisation once a day. */
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runDailyCheck(env.DB, controller.scheduledTime).then((checks) => {
        const ms = checks.map((check) => check.ms);
        console.log(
          `daily check: ${checks.length} organisation(s), ${checks.reduce((n, c) => n + c.recorded, 0)} notification(s), ` +
            `max ${Math.round(Math.max(0, ...ms))} ms and ${Math.max(0, ...checks.map((c) => c.queries))} D1 queries per organisation`,
        );
      }),
    );
  },
} satisfies ExportedHandler<Env>;
