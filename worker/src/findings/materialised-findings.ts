import { and, asc, count, eq, gt, inArray, not, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { checkedCounts, type SeverityCounts, severityCounts, summariseCounts } from '../../../shared/rules';
import { type FindingsQuery, SEVERITIES, type Severity } from '../../../shared/schemas/findings';
import { type AuditActor, writeAudited } from '../audit/writer';
import { findingDismissals, findingSets, findings, organisations } from '../db/schema';
import { asBatchItem, type Db, jsonChunks, toStatement } from '../db/versions';
import { findingsOf, loadOrganisation } from './organisation-data';

const HOUR_MS = 3_600_000;

/**
 * The moment findings are evaluated at: the start of the current hour. The time-based rules
 * (dormant, never used, review overdue, leaver dates) count whole days, so findings an hour old
 * are current enough, and the organisation's findings are recomputed at most once an hour when
 * nothing changes.
 */
export function findingsAsOf(now: number): number {
  return Math.floor(now / HOUR_MS) * HOUR_MS;
}

/**
 * Makes the organisation's stored findings current: recomputes them when its data changed since
 * (its findings generation moved on) or the hour came round. False when there is no such
 * organisation.
 */
export async function refreshFindings(db: Db, actor: AuditActor, orgId: string, now: number) {
  const asOf = findingsAsOf(now);
  const [state] = await db
    .select({
      current: organisations.findingsGeneration,
      stored: findingSets.generation,
      asOf: findingSets.asOf,
    })
    .from(organisations)
    .leftJoin(findingSets, eq(findingSets.orgId, organisations.id))
    .where(eq(organisations.id, orgId));
  if (!state) return false;
  if (state.stored === state.current && state.asOf === asOf) return true;
  const loaded = await loadOrganisation(db, orgId);
  if (!loaded) return false;
  const { all } = findingsOf(loaded, asOf);
  const rows = all.map((finding, position) => ({
    position,
    id: finding.id,
    fingerprint: finding.fingerprint,
    ruleId: finding.ruleId,
    severity: finding.severity,
    systemId: finding.systemId ?? null,
    personIds: finding.personIds,
    body: finding,
  }));
  const statements: BatchItem<'sqlite'>[] = [db.delete(findings).where(eq(findings.orgId, orgId))];
  // Sent as JSON text read back with json_each: D1 binds at most 100 parameters a statement.
  for (const chunk of jsonChunks(rows)) {
    statements.push(
      asBatchItem(
        toStatement(
          db,
          sql`INSERT INTO findings (org_id, position, id, fingerprint, rule_id, severity, system_id, person_ids, body)
            SELECT ${orgId}, j.value ->> '$.position', j.value ->> '$.id', j.value ->> '$.fingerprint',
              j.value ->> '$.ruleId', j.value ->> '$.severity', j.value ->> '$.systemId',
              j.value -> '$.personIds', j.value -> '$.body'
            FROM json_each(${chunk.json}) AS j`,
        ),
      ),
    );
  }
  const set = {
    generation: loaded.generation,
    asOf,
    checked: checkedCounts(loaded.data),
    counts: severityCounts(all),
  };
  statements.push(
    db
      .insert(findingSets)
      .values({ orgId, ...set })
      .onConflictDoUpdate({ target: findingSets.orgId, set }),
  );
  await writeAudited(db, actor, statements as [BatchItem<'sqlite'>], []);
  return true;
}

/** Hidden by a dismissal in force at `now` for this very evidence. */
function dismissedAt(orgId: string, now: number): SQL {
  return sql`EXISTS (SELECT 1 FROM ${findingDismissals} WHERE ${and(
    eq(findingDismissals.orgId, orgId),
    eq(findingDismissals.findingId, findings.id),
    eq(findingDismissals.fingerprint, findings.fingerprint),
    gt(findingDismissals.expiresAt, now),
  )})`;
}

function matching(orgId: string, query: FindingsQuery): SQL | undefined {
  return and(
    eq(findings.orgId, orgId),
    query.severity ? eq(findings.severity, query.severity) : undefined,
    query.rule ? eq(findings.ruleId, query.rule) : undefined,
    query.system ? eq(findings.systemId, query.system) : undefined,
    query.person
      ? sql`EXISTS (SELECT 1 FROM json_each(${findings.personIds}) WHERE value = ${query.person})`
      : undefined,
  );
}

/** The list's filters and, optionally, a page of it. */
type PageQuery = FindingsQuery & { limit?: number; offset?: number };

const isFiltered = (query: FindingsQuery) =>
  Boolean(query.severity || query.rule || query.system || query.person);

/**
 * The stored findings a dismissal in force hides, by severity: read from the dismissals, so it
 * costs as many rows as there are dismissals, not findings.
 */
function dismissedBySeverity(db: Db, orgId: string, now: number) {
  // Driven from the dismissals (`id IN …` probes the findings' (org_id, id) index): walking the
  // findings instead would read every one of them.
  const dismissedIds = db
    .select({ id: findingDismissals.findingId })
    .from(findingDismissals)
    .where(and(eq(findingDismissals.orgId, orgId), gt(findingDismissals.expiresAt, now)));
  return db
    .select({ severity: findings.severity, count: count() })
    .from(findings)
    .where(and(eq(findings.orgId, orgId), inArray(findings.id, dismissedIds), dismissedAt(orgId, now)))
    .groupBy(findings.severity);
}

function countsOf(rows: readonly { severity: string; count: number }[]): SeverityCounts {
  const counts = severityCounts([]);
  for (const row of rows) counts[row.severity as Severity] = row.count;
  return counts;
}

function storedSet(db: Db, orgId: string) {
  return db.select().from(findingSets).where(eq(findingSets.orgId, orgId));
}

function onlySet<T>(rows: readonly T[], orgId: string): T {
  const [set] = rows;
  if (!set) throw new Error(`no stored findings for organisation ${orgId}`);
  return set;
}

const sum = (counts: SeverityCounts) => SEVERITIES.reduce((total, severity) => total + counts[severity], 0);

/**
 * One page of the stored open findings worst first, filtered in the query, with how many are open
 * in all (`total`) and how many a dismissal hides (`dismissed`). Unfiltered, the counts come from
 * the stored totals and the dismissals, so a page reads about as many rows as it shows. Call
 * `refreshFindings` first.
 */
export async function findingsPage(db: Db, orgId: string, query: PageQuery, now: number) {
  const where = matching(orgId, query);
  const hidden = dismissedAt(orgId, now);
  const page = db
    .select({ body: findings.body })
    .from(findings)
    .where(and(where, not(hidden)))
    .orderBy(asc(findings.position))
    .limit(query.limit ?? -1)
    .offset(query.offset ?? 0);
  if (!isFiltered(query)) {
    const [rows, sets, hiddenRows] = await db.batch([
      page,
      storedSet(db, orgId),
      dismissedBySeverity(db, orgId, now),
    ]);
    const set = onlySet(sets, orgId);
    const dismissed = countsOf(hiddenRows);
    return {
      findings: rows.map((row) => row.body),
      total: sum(set.counts) - sum(dismissed),
      dismissed: sum(dismissed),
    };
  }
  const [rows, [counts]] = await db.batch([
    page,
    db
      .select({ all: count(), dismissed: sql<number>`coalesce(sum(${hidden}), 0)` })
      .from(findings)
      .where(where),
  ]);
  const dismissed = Number(counts?.dismissed ?? 0);
  return { findings: rows.map((row) => row.body), total: (counts?.all ?? 0) - dismissed, dismissed };
}

/** The summary of the stored open findings: stored totals less the dismissed. Call `refreshFindings` first. */
export async function findingsSummary(db: Db, orgId: string, now: number) {
  const [sets, hiddenRows] = await db.batch([storedSet(db, orgId), dismissedBySeverity(db, orgId, now)]);
  const set = onlySet(sets, orgId);
  const dismissed = countsOf(hiddenRows);
  const open = severityCounts([]);
  for (const severity of SEVERITIES) open[severity] = set.counts[severity] - dismissed[severity];
  return summariseCounts(open, set.checked);
}

/** A stored finding by id, dismissed or not. Call `refreshFindings` first. */
export async function storedFinding(db: Db, orgId: string, id: string) {
  const [row] = await db
    .select({ body: findings.body })
    .from(findings)
    .where(and(eq(findings.orgId, orgId), eq(findings.id, id)))
    .limit(1);
  return row?.body;
}
