import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { RULES } from '../../../shared/rules';
import { buildContext } from '../../../shared/rules/context';
import type { RuleId } from '../../../shared/rules/registry';
import type { CheckedCounts, Finding } from '../../../shared/schemas/findings';
import type { OrganisationSettings } from '../../../shared/settings';
import { accounts, findings, findingsDirty, people, signInObservations, systems } from '../db/schema';
import { type Db, inJson } from '../db/versions';
import { toAccount, toJobRole, toPerson, toSystem } from '../directory/rows';
import { observationColumns } from '../observations/observations-queries';
import type { ClockScope } from './clock-scope';
import { completedReviews, wholeTables } from './organisation-data';

/**
 * The rules whose findings are about a group of one system's logins (a person's logins in it, its
 * user managers, its reviews) rather than one login. Every other rule's findings are about one
 * account and read only that account, its system, its sign-ins, the people it names and their job
 * roles: so an account's findings can be recomputed on their own, and these per system.
 * The equivalence test (test/worker/findings/materialised-findings.test.ts) holds this list to it.
 */
export const SYSTEM_WIDE_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'duplicate-accounts',
  'too-many-admins',
  'review-overdue',
]);

/** A stored finding as a recompute compares it: its body as the JSON text stored. */
export type StoredFinding = { id: string; severity: string; body: string };

/** What the noted changes can affect: findings of these accounts, of whole systems, and of systems' groups. */
export type FindingsScope = {
  /** Accounts whose own findings are recomputed. */
  accountIds: string[];
  /** Systems whose findings are all recomputed (the system itself changed). */
  systemIds: string[];
  /** Systems whose findings about groups of logins are recomputed (includes `systemIds`). */
  groupSystemIds: string[];
  /** The findings the day coming round or a changed threshold can move (clock-scope.ts). */
  clock: ClockScope | null;
};

/** The notes of what changed, by kind (the settings' own, `org`, is answered by clock-scope.ts). */
export type DirtyNotes = { maxSeq: number; keys: Map<string, Set<string>> };

/** The organisation's notes of what changed; `notesOf` groups them. */
export function dirtyNotesRead(db: Db, orgId: string) {
  return db
    .select({ seq: findingsDirty.seq, kind: findingsDirty.kind, key: findingsDirty.key })
    .from(findingsDirty)
    .where(eq(findingsDirty.orgId, orgId));
}

/** The notes of what changed grouped by kind, and the last one read. */
export function notesOf(rows: readonly { seq: number; kind: string; key: string }[]): DirtyNotes {
  const keys = new Map<string, Set<string>>();
  let maxSeq = 0;
  for (const row of rows) {
    maxSeq = Math.max(maxSeq, row.seq);
    const set = keys.get(row.kind) ?? new Set<string>();
    keys.set(row.kind, set);
    set.add(row.key);
  }
  return { maxSeq, keys };
}

const keysOf = (notes: DirtyNotes, kind: string) => [...(notes.keys.get(kind) ?? [])];

/**
 * Turns the notes into the findings they can affect: a person's or a job role's change reaches the
 * logins that name the person (owner, user, seen signing in) or are owned by a holder of the role;
 * a person also heads the system's group of their logins (duplicate logins) where they own one.
 * When that takes a read, the organisation's live counts ride in the same batch (`checked`): a new
 * person nobody's login names yet makes an empty scope, and then the counts are all a recompute
 * writes, without a round trip of their own.
 */
export async function scopeOf(
  db: Db,
  orgId: string,
  notes: DirtyNotes,
  clock: ClockScope | null,
): Promise<{ scope: FindingsScope; checked?: CheckedCounts }> {
  const personIds = keysOf(notes, 'person');
  const roleIds = keysOf(notes, 'role');
  const accountIds = new Set(keysOf(notes, 'account'));
  const systemIds = keysOf(notes, 'system');
  const groupSystemIds = new Set([...keysOf(notes, 'group'), ...systemIds]);
  let checked: CheckedCounts | undefined;
  if (personIds.length > 0 || roleIds.length > 0) {
    const persons = JSON.stringify(personIds);
    const linkedRead = db
      .select({ id: accounts.id, systemId: accounts.systemId, ownerPersonId: accounts.ownerPersonId })
      .from(accounts)
      .where(
        and(
          eq(accounts.orgId, orgId),
          eq(accounts.deleted, false),
          or(
            inJson(accounts.ownerPersonId, personIds),
            roleIds.length > 0
              ? inArray(
                  accounts.ownerPersonId,
                  db
                    .select({ id: people.id })
                    .from(people)
                    .where(and(eq(people.orgId, orgId), inJson(people.jobRoleId, roleIds))),
                )
              : undefined,
            personIds.length > 0
              ? inArray(
                  accounts.id,
                  db
                    .select({ id: signInObservations.accountId })
                    .from(signInObservations)
                    .where(
                      and(
                        eq(signInObservations.orgId, orgId),
                        inJson(signInObservations.personId, personIds),
                      ),
                    ),
                )
              : undefined,
            personIds.length > 0
              ? sql`(${accounts.userPersonIds} <> '[]' AND EXISTS (SELECT 1 FROM json_each(${accounts.userPersonIds}) WHERE value IN (SELECT value FROM json_each(${persons}))))`
              : undefined,
          ),
        ),
      );
    const [linked, [counted]] = await db.batch([linkedRead, liveCounts(db, orgId)]);
    checked = counted;
    const dirtyPeople = new Set(personIds);
    for (const account of linked) {
      accountIds.add(account.id);
      if (account.ownerPersonId && dirtyPeople.has(account.ownerPersonId))
        groupSystemIds.add(account.systemId);
    }
  }
  return {
    scope: { accountIds: [...accountIds], systemIds, groupSystemIds: [...groupSystemIds], clock },
    checked,
  };
}

export const scopeIsEmpty = (scope: FindingsScope) =>
  scope.accountIds.length === 0 &&
  scope.systemIds.length === 0 &&
  scope.groupSystemIds.length === 0 &&
  scope.clock === null;

/** How many live people, systems and logins the organisation has: what the summary calls checked. */
export function liveCounts(db: Db, orgId: string) {
  return db
    .select({
      people: sql<number>`(SELECT count(*) FROM ${people} WHERE ${people.orgId} = ${orgId} AND ${people.deleted} = 0)`,
      systems: sql<number>`(SELECT count(*) FROM ${systems} WHERE ${systems.orgId} = ${orgId} AND ${systems.deleted} = 0)`,
      logins: sql<number>`(SELECT count(*) FROM ${accounts} WHERE ${accounts.orgId} = ${orgId} AND ${accounts.deleted} = 0)`,
    })
    .from(sql`(SELECT 1)`);
}

/**
 * The findings of `scope` at `now` with `settings`, from one D1 batch that reads the scope's logins
 * (those of its systems, its accounts, and those the clock or a threshold moved), their sign-ins and
 * the people they name, and the organisation's systems, job roles and completed reviews; with the
 * organisation's live counts and the findings stored for the scope now. Undefined when the
 * organisation has no live system (then every login is judged whatever its system, and only a
 * full evaluation will do).
 */
export async function scopedFindings(
  db: Db,
  orgId: string,
  scope: FindingsScope,
  settings: OrganisationSettings,
  now: number,
) {
  const live = and(eq(accounts.orgId, orgId), eq(accounts.deleted, false));
  // The scope's logins by their systems' index and their own ids, not by walking every login of the
  // organisation: SQLite, without statistics, takes the organisation's index for a few rows and
  // prefers it. The unary + keeps it off that index (https://sqlite.org/optoverview.html#uplus),
  // so the OR is answered from the other two (its multi-index OR).
  const inScope = and(
    sql`+${accounts.orgId} = ${orgId}`,
    eq(accounts.deleted, false),
    or(inJson(accounts.systemId, scope.groupSystemIds), inJson(accounts.id, scope.accountIds)),
  );
  const clock = scope.clock;
  const clockRules = clock?.rules ?? [];
  const inClock = clockRules.length > 0 && clock ? and(live, clock.accounts) : sql`0`;
  // Without the clock's logins, no `OR 0`: SQLite answers an OR from indexes only when every term
  // has one.
  const loaded = clockRules.length > 0 ? or(inScope, inClock) : inScope;
  const scopedAccountIds = db.select({ id: accounts.id }).from(accounts).where(loaded);
  // The people the scope's logins name (owner, users, seen signing in): all the rules look up.
  const named = or(
    inArray(people.id, db.select({ id: accounts.ownerPersonId }).from(accounts).where(loaded)),
    sql`${people.id} IN (SELECT j.value FROM ${accounts}, json_each(${accounts.userPersonIds}) AS j WHERE ${loaded})`,
    inArray(
      people.id,
      db
        .select({ id: signInObservations.personId })
        .from(signInObservations)
        .where(
          and(eq(signInObservations.orgId, orgId), inArray(signInObservations.accountId, scopedAccountIds)),
        ),
    ),
  );
  // The stored findings of the scope, each way in by its own index (an OR of them walks them all).
  const storedBy = (where: SQL | undefined) =>
    db
      .select({ id: findings.id, severity: findings.severity, body: sql<string>`${findings.body}` })
      .from(findings)
      .where(and(eq(findings.orgId, orgId), where));
  // review-overdue reads of a system's logins only whether one is active: one active login of
  // each live system stands for them all.
  const oneActiveEach = sql`${accounts.id} IN (SELECT (SELECT a.id FROM ${accounts} AS a
    WHERE a.system_id = s.id AND a.org_id = ${orgId} AND a.deleted = 0 AND a.status = 'active' LIMIT 1)
    FROM ${systems} AS s WHERE s.org_id = ${orgId} AND s.deleted = 0)`;
  const [
    personRows,
    accountRows,
    clockRows,
    representatives,
    observations,
    counted,
    ofAccounts,
    ofSystems,
    ofGroups,
    ofClock,
    ofReviews,
    systemRows,
    roleRows,
    closed,
  ] = await db.batch([
    db
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.deleted, false), named)),
    db.select().from(accounts).where(inScope),
    db.select().from(accounts).where(inClock),
    db
      .select()
      .from(accounts)
      .where(clock?.everySystem ? and(live, oneActiveEach) : sql`0`),
    db
      .select(observationColumns)
      .from(signInObservations)
      .where(
        and(eq(signInObservations.orgId, orgId), inArray(signInObservations.accountId, scopedAccountIds)),
      ),
    liveCounts(db, orgId),
    storedBy(inJson(findings.accountId, scope.accountIds)),
    storedBy(inJson(findings.systemId, scope.systemIds)),
    storedBy(and(isNull(findings.accountId), inJson(findings.systemId, scope.groupSystemIds))),
    storedBy(
      clockRules.length > 0
        ? and(
            inJson(findings.ruleId, clockRules),
            inArray(findings.accountId, db.select({ id: accounts.id }).from(accounts).where(inClock)),
          )
        : sql`0`,
    ),
    storedBy(clock?.everySystem ? eq(findings.ruleId, 'review-overdue') : sql`0`),
    ...wholeTables(db, orgId),
  ]);
  const checked = counted[0];
  if (!checked || systemRows.length === 0) return undefined;
  const ownAccounts = new Set(scope.accountIds);
  const wholeSystems = new Set(scope.systemIds);
  const groupSystems = new Set(scope.groupSystemIds);
  const all = accountRows.map(toAccount);
  const base = {
    people: personRows.map(toPerson),
    systems: systemRows.map(toSystem),
    jobRoles: roleRows.map(toJobRole),
    signInObservations: observations,
    completedReviews: completedReviews(closed),
  };
  const context = (of: ReturnType<typeof toAccount>[]) =>
    buildContext({ ...base, accounts: of }, settings, now);
  const perAccount = context(all.filter((a) => ownAccounts.has(a.id) || wholeSystems.has(a.systemId)));
  const perSystem = context(all.filter((a) => groupSystems.has(a.systemId)));
  const byClock = context(clockRows.map(toAccount));
  const everySystem = context(representatives.map(toAccount));
  // By id: a login both changed and moved by the clock is found the same way twice.
  const found = new Map<string, Finding>();
  const add = (list: readonly Finding[]) => {
    for (const finding of list) found.set(finding.id, finding);
  };
  for (const rule of RULES) {
    if (SYSTEM_WIDE_RULES.has(rule.id)) {
      add(rule.evaluate(perSystem).filter((f) => f.systemId !== null && groupSystems.has(f.systemId)));
      if (rule.id === 'review-overdue' && clock?.everySystem) add(rule.evaluate(everySystem));
    } else {
      add(rule.evaluate(perAccount));
      if (clockRules.includes(rule.id)) add(rule.evaluate(byClock));
    }
  }
  const stored = new Map<string, StoredFinding>();
  for (const row of [...ofAccounts, ...ofSystems, ...ofGroups, ...ofClock, ...ofReviews])
    stored.set(row.id, row);
  return { findings: [...found.values()], checked, stored };
}
