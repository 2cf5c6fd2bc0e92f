import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/schemas/findings';
import { database } from '../../../worker/src/db/client';
import { accounts, findingsDirty, organisations, people, systems } from '../../../worker/src/db/schema';
import { findingsAsOf } from '../../../worker/src/findings/clock-scope';
import { SYSTEM_WIDE_RULES } from '../../../worker/src/findings/findings-scope';
import { findingsOf, loadOrganisation } from '../../../worker/src/findings/organisation-data';

/**
 * A person's or a login's update notes what the rules read of it, and only that (migration 0015):
 * every column the triggers do not compare is one the rules are shown not to read.
 */

const db = database(env.DB);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 1, 9, 30);

/** Columns of people no rule reads: changing them alone notes nothing. */
const PEOPLE_UNREAD = ['email', 'start_date', 'leave_reason', 'created_at', 'version', 'updated_at'];
/** Columns of accounts the rules about a system's group of logins do not read. */
const ACCOUNTS_UNREAD_BY_GROUP_RULES = [
  'display_name',
  'email',
  'user_person_ids',
  'last_sign_in_at',
  'system_created_at',
  'first_seen_at',
  'last_seen_at',
  'created_at',
  'version',
  'updated_at',
];

async function columnsOf(table: string): Promise<string[]> {
  const { results } = await env.DB.prepare(`PRAGMA table_info(${table})`).all<{ name: string }>();
  return results.map((row) => row.name);
}

async function triggerSql(name: string): Promise<string> {
  const row = await env.DB.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`)
    .bind(name)
    .first<{ sql: string }>();
  if (!row) throw new Error(`no trigger ${name}`);
  return row.sql;
}

const compares = (trigger: string, column: string) =>
  trigger.includes(`OLD.\`${column}\` IS NOT NEW.\`${column}\``);

/** A firm whose logins give most rules something to find: duplicates, admins, a leaver's login, generic names. */
async function firm() {
  const orgId = crypto.randomUUID();
  await db.insert(organisations).values({ id: orgId, name: 'Harbour & Co' });
  const row = { orgId, version: 0, updatedAt: NOW };
  const systemIds = [crypto.randomUUID(), crypto.randomUUID()];
  for (const [i, id] of systemIds.entries()) {
    await db.insert(systems).values({
      id,
      name: `System ${i}`,
      permissions: [{ name: 'payments.add' }, { name: 'users.manage' }],
      ...row,
    });
  }
  const personIds = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  for (const [i, id] of personIds.entries()) {
    await db.insert(people).values({
      id,
      name: `Person ${i}`,
      email: `p${i}@example.com`,
      status: i === 0 ? 'leaver' : 'active',
      endDate: i === 0 ? '2026-01-01' : null,
      ...row,
    });
  }
  const logins = ['admin', 'kim', 'kim2', 'reception', 'sjones', 'frontdesk', 'temp1', 'rbaker'];
  for (const [i, username] of logins.entries()) {
    await db.insert(accounts).values({
      id: crypto.randomUUID(),
      systemId: systemIds[i % 2] as string,
      username,
      ownerPersonId: i % 4 === 3 ? null : (personIds[i % 3] as string),
      permissions: i % 3 === 0 ? ['payments.add', 'users.manage'] : ['payments.add'],
      lastSignInAt: i % 2 === 0 ? NOW - (i * 20 + 1) * DAY : null,
      systemCreatedAt: NOW - 200 * DAY,
      ...row,
    });
  }
  return orgId;
}

async function evaluation(orgId: string): Promise<Finding[]> {
  const loaded = await loadOrganisation(db, orgId);
  if (!loaded) throw new Error('no organisation');
  return findingsOf(loaded, findingsAsOf(NOW, loaded.settings.timeZone)).all;
}

const generationOf = async (orgId: string) =>
  (await db.select().from(organisations).where(eq(organisations.id, orgId)))[0]?.findingsGeneration;
const notesOf = async (orgId: string) =>
  (await db.select().from(findingsDirty).where(eq(findingsDirty.orgId, orgId))).map((n) => `${n.kind}`);

describe('findings notes', () => {
  it("compare every column of a person and of a login's group the rules may read", async () => {
    const personTrigger = await triggerSql('people_update_findings');
    for (const column of await columnsOf('people'))
      expect(PEOPLE_UNREAD.includes(column) || compares(personTrigger, column), column).toBe(true);
    const groupTrigger = await triggerSql('accounts_update_group_findings');
    for (const column of await columnsOf('accounts'))
      expect(ACCOUNTS_UNREAD_BY_GROUP_RULES.includes(column) || compares(groupTrigger, column), column).toBe(
        true,
      );
  });

  it('leave out only columns a full evaluation does not read', async () => {
    const orgId = await firm();
    const before = await evaluation(orgId);
    expect(new Set(before.map((f) => f.ruleId)).size).toBeGreaterThan(3);
    expect(before.some((f) => SYSTEM_WIDE_RULES.has(f.ruleId))).toBe(true);
    const [someone] = (await db.select().from(people).where(eq(people.orgId, orgId))).map((p) => p.id);
    await env.DB.batch([
      env.DB.prepare(
        `UPDATE people SET email = 'changed.' || id || '@example.org', start_date = '2019-05-01',
           leave_reason = 'moved on', created_at = 1, version = version + 7, updated_at = 2 WHERE org_id = ?`,
      ).bind(orgId),
      env.DB.prepare(
        `UPDATE accounts SET display_name = 'Changed ' || username, email = username || '@example.org',
           user_person_ids = json_array(?), last_sign_in_at = coalesce(last_sign_in_at, 0) + 86400000 * 77,
           system_created_at = 5, first_seen_at = 6, last_seen_at = 7, created_at = 8,
           version = version + 7, updated_at = 9 WHERE org_id = ?`,
      ).bind(someone, orgId),
    ]);
    const after = await evaluation(orgId);
    const groupFindings = (list: Finding[]) => list.filter((f) => SYSTEM_WIDE_RULES.has(f.ruleId));
    expect(groupFindings(after)).toEqual(groupFindings(before));
    // The people's columns alone: every finding the same.
    const orgId2 = await firm();
    const before2 = await evaluation(orgId2);
    await env.DB.prepare(
      `UPDATE people SET email = 'changed.' || id || '@example.org', start_date = '2019-05-01',
         leave_reason = 'moved on', created_at = 1, version = version + 7, updated_at = 2 WHERE org_id = ?`,
    )
      .bind(orgId2)
      .run();
    expect(await evaluation(orgId2)).toEqual(before2);
  });

  it("note a login's sign-in for itself alone, and a person's new email not at all", async () => {
    const orgId = await firm();
    await db.delete(findingsDirty).where(eq(findingsDirty.orgId, orgId));
    const generation = await generationOf(orgId);
    await db
      .update(people)
      .set({ email: 'new@example.org', updatedAt: NOW + 1, version: sql`${people.version} + 1` })
      .where(eq(people.orgId, orgId));
    expect(await generationOf(orgId)).toBe(generation);
    expect(await notesOf(orgId)).toEqual([]);

    const [login] = await db.select().from(accounts).where(eq(accounts.orgId, orgId)).limit(1);
    await db
      .update(accounts)
      .set({ lastSignInAt: NOW })
      .where(eq(accounts.id, login?.id as string));
    expect(await generationOf(orgId)).toBe((generation ?? 0) + 1);
    expect(await notesOf(orgId)).toEqual(['account']);

    await db
      .update(accounts)
      .set({ status: 'disabled' })
      .where(eq(accounts.id, login?.id as string));
    expect((await notesOf(orgId)).sort()).toEqual(['account', 'group']);
  });
});
