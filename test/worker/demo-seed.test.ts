import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { demoAccounts, demoPeople, demoSystems } from '../../scripts/demo/demo-firm.ts';
import { DEMO_OWNER, pointDemoSystemAt, seedDemoFirm } from '../../scripts/demo/seed-demo.ts';
import { BASE, logIn } from './helpers';

// `npm start` seeds the demo firm through a running worker's API; here the same code runs against
// the worker inside workerd, so an API change that breaks the demo fails a test.
const send = (request: Request) => exports.default.fetch(request);

/** The demo CaseLedger's admin-page patterns, as the demo owner reads them. */
async function caseLedgerPatterns(): Promise<string[]> {
  const { accessToken } = (await (await logIn(DEMO_OWNER.email, DEMO_OWNER.password)).json()) as {
    accessToken: string;
  };
  const response = await send(
    new Request(`${BASE}/api/v1/systems`, { headers: { authorization: `Bearer ${accessToken}` } }),
  );
  const { items } = (await response.json()) as { items: { name: string; adminUrlPatterns: string[] }[] };
  return items.find((system) => system.name === 'CaseLedger')?.adminUrlPatterns ?? [];
}

describe('the demo firm seed', () => {
  it('creates the firm with its staff, systems and the logins that break the advice', {
    timeout: 30_000,
  }, async () => {
    const { organisationId } = await seedDemoFirm(send, BASE, { pageOrigin: 'http://127.0.0.1:8788' });
    const count = async (table: string) =>
      (
        await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE org_id = ?`)
          .bind(organisationId)
          .first<{ n: number }>()
      )?.n;
    expect(await count('people')).toBe(demoPeople.length);
    expect(await count('systems')).toBe(demoSystems().length);
    expect(await count('accounts')).toBe(demoAccounts.length);

    const leaverLogins = await env.DB.prepare(
      `SELECT a.username FROM accounts a JOIN people p ON p.id = a.owner_person_id
       WHERE p.status = 'leaver' AND a.status = 'active' AND a.org_id = ?`,
    )
      .bind(organisationId)
      .all<{ username: string }>();
    expect(leaverLogins.results.map((row) => row.username)).toContain('dokafor');

    const shared = await env.DB.prepare(
      "SELECT json_array_length(user_person_ids) AS users FROM accounts WHERE username = 'smith.j' AND org_id = ?",
    )
      .bind(organisationId)
      .first<{ users: number }>();
    expect(shared?.users).toBe(2);

    // Every change of the seed is on the audit trail, stamped with the owner's name.
    const audited = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_events WHERE org_id = ? AND actor_name = 'Grace Mensah'",
    )
      .bind(organisationId)
      .first<{ n: number }>();
    expect(audited?.n).toBeGreaterThan(demoAccounts.length);

    // The printed demo sign-in works.
    const response = await logIn(DEMO_OWNER.email, DEMO_OWNER.password);
    expect(response.status).toBe(200);
  });

  it('puts the demo staff list among CaseLedger’s admin pages, and follows it to another port', async () => {
    expect(await caseLedgerPatterns()).toEqual(['http://127.0.0.1:8788/caseledger/admin/*']);
    expect(await pointDemoSystemAt(send, BASE, 'http://127.0.0.1:9123')).toBe('pointed');
    expect(await caseLedgerPatterns()).toEqual(['http://127.0.0.1:9123/caseledger/admin/*']);
    expect(await pointDemoSystemAt(send, BASE, 'http://127.0.0.1:9123')).toBe('already');
  });
});
