import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { demoPeople, demoSystems } from '../../scripts/demo/demo-firm.ts';
import { DEMO_ORG_ID, demoSeedStatements } from '../../scripts/demo/seed-sql.ts';

// `npm start` runs this SQL through wrangler against the migrated local D1; here it runs against the
// same migrations inside workerd, so a schema change that breaks the demo fails a test.
async function seed() {
  const statements = demoSeedStatements(Date.UTC(2026, 10, 23));
  await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
}

describe('the demo firm seed', () => {
  it('creates the firm with its staff, systems and the logins that break the advice', async () => {
    await seed();
    const count = async (table: string) =>
      (
        await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE org_id = ?`)
          .bind(DEMO_ORG_ID)
          .first<{ n: number }>()
      )?.n;
    expect(await count('people')).toBe(demoPeople.length);
    expect(await count('systems')).toBe(demoSystems.length);

    const leaverLogins = await env.DB.prepare(
      `SELECT a.username FROM accounts a JOIN people p ON p.id = a.owner_person_id
       WHERE p.status = 'leaver' AND a.status = 'active'`,
    ).all<{ username: string }>();
    expect(leaverLogins.results.map((row) => row.username)).toContain('dokafor');

    const shared = await env.DB.prepare(
      "SELECT json_array_length(user_person_ids) AS users FROM accounts WHERE username = 'smith.j'",
    ).first<{ users: number }>();
    expect(shared?.users).toBe(2);

    const counter = await env.DB.prepare('SELECT version_counter FROM organisations WHERE id = ?')
      .bind(DEMO_ORG_ID)
      .first<{ version_counter: number }>();
    const maxVersion = await env.DB.prepare('SELECT max(version) AS v FROM accounts WHERE org_id = ?')
      .bind(DEMO_ORG_ID)
      .first<{ v: number }>();
    // Every synced row's version came from the organisation's counter.
    expect(counter?.version_counter).toBe(maxVersion?.v);
  });
});
