import { and, asc, count, eq, gt, inArray, lte, not, type SQL, sql } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import {
  checkedCounts,
  RULE_IDS,
  RULES_REVISION,
  type SeverityCounts,
  severityCounts,
  summariseCounts,
} from '../../../shared/rules';
import {
  type CheckedCounts,
  type Finding,
  type FindingsQuery,
  SEVERITIES,
  SEVERITY_RANK,
  type Severity,
} from '../../../shared/schemas/findings';
import type { OrganisationSettings } from '../../../shared/settings';
import { type AuditActor, writeAudited } from '../audit/writer';
import { reusableQuery } from '../db/reusable-query';
import { findingDismissals, findingSets, findings, findingsDirty, organisations } from '../db/schema';
import {
  asBatchItem,
  batchGuard,
  type Db,
  inJson,
  isGuardFailure,
  jsonChunks,
  toStatement,
} from '../db/versions';
import { clockScope, type Evaluation, findingsAsOf } from './clock-scope';
import {
  type DirtyNotes,
  dirtyNotesRead,
  liveCounts,
  notesOf,
  scopedFindings,
  scopeIsEmpty,
  scopeOf,
} from './findings-scope';
import { findingsOf, loadOrganisation } from './organisation-data';
import { ruleSettingsOf } from './rule-settings';

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((id, index) => [id, index]));

/** Where a finding sorts in the stored list: worst first, then in the rules' table order (then by id). */
export function findingRank(finding: Finding): number {
  return (
    (SEVERITY_RANK.critical - SEVERITY_RANK[finding.severity]) * 100 + (RULE_ORDER.get(finding.ruleId) ?? 99)
  );
}

/** Findings in the order the stored list keeps: by rank, then by id. */
export function inStoredOrder(list: readonly Finding[]): Finding[] {
  return [...list].sort(
    (a, b) => findingRank(a) - findingRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Statements that store `found` as rows of the organisation's findings. */
function insertFindings(db: Db, orgId: string, found: readonly Finding[]): BatchItem<'sqlite'>[] {
  const rows = found.map((finding) => ({
    id: finding.id,
    rank: findingRank(finding),
    accountId: finding.subject.type === 'account' ? finding.subject.id : null,
    fingerprint: finding.fingerprint,
    ruleId: finding.ruleId,
    severity: finding.severity,
    systemId: finding.systemId ?? null,
    personIds: finding.personIds,
    body: finding,
  }));
  // Sent as JSON text read back with json_each: D1 binds at most 100 parameters a statement.
  return jsonChunks(rows).map((chunk) =>
    asBatchItem(
      toStatement(
        db,
        sql`INSERT INTO findings (org_id, id, rank, account_id, fingerprint, rule_id, severity, system_id, person_ids, body)
          SELECT ${orgId}, j.value ->> '$.id', j.value ->> '$.rank', j.value ->> '$.accountId',
            j.value ->> '$.fingerprint', j.value ->> '$.ruleId', j.value ->> '$.severity',
            j.value ->> '$.systemId', j.value -> '$.personIds', j.value -> '$.body'
          FROM json_each(${chunk.json}) AS j`,
      ),
    ),
  );
}

type StoredState = {
  current: number;
  stored: number | null;
  asOf: number | null;
  settings: OrganisationSettings | null;
  rules: number | null;
  counts: SeverityCounts | null;
  checked: CheckedCounts | null;
};

/**
 * The evaluation the stored set holds, when it says and its rules are this build's (a set stored
 * before settings were kept, or under another revision of the rules, is recomputed whole).
 */
function storedEvaluation(state: StoredState): Evaluation | null {
  if (state.stored === null || state.asOf === null || !state.settings || state.rules !== RULES_REVISION)
    return null;
  return { asOf: state.asOf, settings: ruleSettingsOf(state.settings) };
}

const sameEvaluation = (a: Evaluation | null, b: Evaluation) =>
  a !== null && a.asOf === b.asOf && JSON.stringify(a.settings) === JSON.stringify(b.settings);

/**
 * What a recompute writes: the findings it replaces and their replacements, and the set's new
 * counts. Full when nothing is stored yet, or a threshold changed whose rule reads every login;
 * otherwise only what the noted changes can affect (findings-scope.ts), and what the day coming
 * round or a changed threshold can move (clock-scope.ts).
 */
async function recompute(db: Db, orgId: string, state: StoredState, notes: DirtyNotes, to: Evaluation) {
  const from = storedEvaluation(state);
  const clock = from ? clockScope(orgId, from, to) : 'everything';
  if (clock !== 'everything' && state.counts && state.checked) {
    const { scope, checked: live } = await scopeOf(db, orgId, notes, clock);
    if (scopeIsEmpty(scope)) {
      // A new person nobody's login names yet, say: nothing to recompute but the counts.
      const checked = live ?? (await liveCounts(db, orgId))[0];
      return { statements: [], counts: state.counts, checked: checked ?? state.checked };
    }
    const scoped = await scopedFindings(db, orgId, scope, to.settings, to.asOf);
    if (scoped) {
      // Only what differs is written: a finding whose stored body is the same stays as it is.
      const counts = { ...state.counts };
      const unchanged = new Set<string>();
      const written: Finding[] = [];
      for (const finding of scoped.findings) {
        if (scoped.stored.get(finding.id)?.body === JSON.stringify(finding)) unchanged.add(finding.id);
        else written.push(finding);
      }
      const removed = [...scoped.stored.values()].filter((row) => !unchanged.has(row.id));
      for (const row of removed) counts[row.severity as Severity] -= 1;
      for (const finding of written) counts[finding.severity] += 1;
      return {
        statements: [
          ...(removed.length > 0
            ? [
                db.delete(findings).where(
                  and(
                    eq(findings.orgId, orgId),
                    inJson(
                      findings.id,
                      removed.map((row) => row.id),
                    ),
                  ),
                ),
              ]
            : []),
          ...insertFindings(db, orgId, written),
        ],
        counts,
        checked: scoped.checked,
      };
    }
  }
  const loaded = await loadOrganisation(db, orgId);
  if (!loaded) return undefined;
  const { all } = findingsOf({ ...loaded, settings: to.settings }, to.asOf);
  return {
    statements: [db.delete(findings).where(eq(findings.orgId, orgId)), ...insertFindings(db, orgId, all)],
    counts: severityCounts(all),
    checked: checkedCounts(loaded.data),
  };
}

/**
 * What says whether the stored findings are current: the organisation's findings generation and
 * settings beside the stored set's, and the notes of what changed since. A route reads them with
 * its sign-in (http/route.ts `withFirstRead`) and hands the rows to `refreshFindings`.
 */
export function freshnessReads(db: Db, orgId: string) {
  return [freshnessRead(db, { orgId }), notesRead(db, { orgId })] as const;
}
const freshnessRead = reusableQuery((db, { orgId }: { orgId: string }) =>
  db
    .select({
      current: organisations.findingsGeneration,
      orgSettings: organisations.settings,
      stored: findingSets.generation,
      asOf: findingSets.asOf,
      // Both tables have a `settings` column; a batch answers rows by column name (see route.ts).
      settings: sql`${findingSets.settings}`.mapWith(findingSets.settings).as('set_settings'),
      rules: findingSets.rules,
      counts: findingSets.counts,
      checked: findingSets.checked,
    })
    .from(organisations)
    .leftJoin(findingSets, eq(findingSets.orgId, organisations.id))
    .where(eq(organisations.id, orgId)),
);
const notesRead = reusableQuery((db, { orgId }: { orgId: string }) => dirtyNotesRead(db, orgId));
export type Freshness = BatchResponse<ReturnType<typeof freshnessReads>>;

/** The evaluation `now` asks for, and whether the stored set (as `freshness` read it) is already it. */
function evaluationAt([[state]]: Freshness, now: number) {
  if (!state) return undefined;
  // Evaluated with the settings read here: a change to them meanwhile moves the generation on.
  const settings = ruleSettingsOf(state.orgSettings);
  const to: Evaluation = { asOf: findingsAsOf(now, settings.timeZone), settings };
  return {
    state,
    to,
    current: state.stored === state.current && sameEvaluation(storedEvaluation(state), to),
  };
}

/** Whether the stored findings were current at `now` when `freshness` was read: then nothing is recomputed. */
export function wereCurrent(freshness: Freshness, now: number): boolean {
  return evaluationAt(freshness, now)?.current === true;
}

/** Refreshes under way in this isolate, by organisation. */
const refreshing = new Map<string, Promise<unknown>>();

type Statement = BatchItem<'sqlite'>;
const noReads = () => [] as const;

/**
 * `refreshOnce`, one at a time per organisation in this isolate: reads arriving while one
 * recomputes wait for it, then find the findings current (one query) instead of recomputing the
 * same change beside it; a change made after it started is still seen, as their own check follows.
 * False when there is no such organisation.
 */
export async function refreshFindings(
  db: Db,
  actor: AuditActor,
  orgId: string,
  now: number,
  /** `freshnessReads`' rows, when the caller read them: used unless a refresh ran meanwhile. */
  read?: Freshness,
): Promise<boolean> {
  return (await refreshedReads(db, actor, orgId, now, read, noReads)) !== undefined;
}

/**
 * `refreshFindings`, answering the rows of `reads` (built by the call, for each batch they go in)
 * read with the findings current: they ride in the batch that finds the findings current or in the
 * one that makes them so, after its writes (a batch is one transaction), instead of a round trip
 * of their own after it. Undefined when there is no such organisation.
 */
export async function refreshedReads<const T extends readonly Statement[]>(
  db: Db,
  actor: AuditActor,
  orgId: string,
  now: number,
  read: Freshness | undefined,
  reads: () => T,
): Promise<BatchResponse<T> | undefined> {
  let known = read;
  for (let running = refreshing.get(orgId); running; running = refreshing.get(orgId)) {
    known = undefined;
    await running.catch(() => undefined);
  }
  const run = refreshOnce(db, actor, orgId, now, known, reads);
  refreshing.set(orgId, run);
  try {
    return (await run) as BatchResponse<T> | undefined;
  } finally {
    if (refreshing.get(orgId) === run) refreshing.delete(orgId);
  }
}

/** Runs statements in one batch, none when there are none. */
async function batchOf(db: Db, statements: readonly Statement[]): Promise<unknown[]> {
  if (statements.length === 0) return [];
  return db.batch(statements as unknown as [Statement, ...Statement[]]);
}

/**
 * Makes the organisation's stored findings current: recomputes what changed since (its findings
 * generation moved on), and what the day coming round or a changed threshold moves; answers the
 * rows of `reads` read with them current. Undefined when there is no such organisation.
 *
 * The generation and the notes of what changed are read together (in one batch, by the caller or
 * here), the data after, so the data is at least as new as the notes and the notes at least as new
 * as the generation stored: a change made meanwhile is recomputed now or on the next read, never
 * missed. Two reads recomputing at once: the first to write wins and the other's batch is rolled
 * back by its guard (the stored set is no longer the one it started from); what it would have done
 * is still noted, and its `reads` are read again on their own.
 */
async function refreshOnce(
  db: Db,
  actor: AuditActor,
  orgId: string,
  now: number,
  known: Freshness | undefined,
  reads: () => readonly Statement[],
): Promise<unknown[] | undefined> {
  let freshness = known;
  let readWith: unknown[] | undefined;
  if (!freshness) {
    const [state, notes, ...rows] = await db.batch([...freshnessReads(db, orgId), ...reads()]);
    freshness = [state, notes];
    readWith = rows;
  }
  const evaluation = evaluationAt(freshness, now);
  if (!evaluation) return undefined;
  const { state, to, current } = evaluation;
  if (current) return readWith ?? (await batchOf(db, reads()));
  const notes = notesOf(freshness[1]);
  const change = await recompute(db, orgId, state, notes, to);
  if (!change) return undefined;
  const { asOf, settings } = to;
  const set = {
    generation: state.current,
    asOf,
    settings,
    rules: RULES_REVISION,
    checked: change.checked,
    counts: change.counts,
  };
  const writes: Statement[] = [
    asBatchItem(
      batchGuard(
        db,
        sql`(SELECT ${findingSets.generation} FROM ${findingSets} WHERE ${findingSets.orgId} = ${orgId}) IS ${state.stored}
          AND (SELECT ${findingSets.asOf} FROM ${findingSets} WHERE ${findingSets.orgId} = ${orgId}) IS ${state.asOf}`,
      ),
    ),
    ...change.statements,
    db.delete(findingsDirty).where(and(eq(findingsDirty.orgId, orgId), lte(findingsDirty.seq, notes.maxSeq))),
    db
      .insert(findingSets)
      .values({ orgId, ...set })
      .onConflictDoUpdate({ target: findingSets.orgId, set }),
  ];
  try {
    const results = await writeAudited(db, actor, [...writes, ...reads()] as [Statement], []);
    return results.slice(writes.length);
  } catch (error) {
    if (!isGuardFailure(error)) throw error;
  }
  return batchOf(db, reads());
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
function dismissedBySeverityQuery(db: Db, orgId: string, now: number) {
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

const dismissedRead = reusableQuery((db, v: { orgId: string; now: number }) =>
  dismissedBySeverityQuery(db, v.orgId, v.now),
);
const dismissedBySeverity = (db: Db, orgId: string, now: number) => dismissedRead(db, { orgId, now });

function countsOf(rows: readonly { severity: string; count: number }[]): SeverityCounts {
  const counts = severityCounts([]);
  for (const row of rows) counts[row.severity as Severity] = row.count;
  return counts;
}

const storedSetRead = reusableQuery((db, { orgId }: { orgId: string }) =>
  db.select().from(findingSets).where(eq(findingSets.orgId, orgId)),
);
const storedSet = (db: Db, orgId: string) => storedSetRead(db, { orgId });

function onlySet<T>(rows: readonly T[], orgId: string): T {
  const [set] = rows;
  if (!set) throw new Error(`no stored findings for organisation ${orgId}`);
  return set;
}

const sum = (counts: SeverityCounts) => SEVERITIES.reduce((total, severity) => total + counts[severity], 0);

/**
 * The reads of one page of the stored open findings worst first, filtered as the query says, and
 * of how many are open in all and how many a dismissal hides; `findingsPageOf` answers from their
 * rows. Unfiltered, the counts come from the stored totals and the dismissals, so a page reads about
 * as many rows as it shows. Make the findings current first (`refreshFindings`).
 */
export function findingsPageReads(db: Db, orgId: string, query: PageQuery, now: number) {
  const limit = query.limit ?? -1;
  const offset = query.offset ?? 0;
  if (!isFiltered(query))
    return [
      unfilteredPage(db, { orgId, now, limit, offset }),
      storedSet(db, orgId),
      dismissedBySeverity(db, orgId, now),
    ] as const;
  return [
    pageQuery(db, orgId, query, now, limit, offset),
    db
      .select({ all: count(), dismissed: sql<number>`coalesce(sum(${dismissedAt(orgId, now)}), 0)` })
      .from(findings)
      .where(matching(orgId, query)),
  ] as const;
}

function pageQuery(db: Db, orgId: string, query: FindingsQuery, now: number, limit: number, offset: number) {
  return db
    .select({ body: findings.body })
    .from(findings)
    .where(and(matching(orgId, query), not(dismissedAt(orgId, now))))
    .orderBy(asc(findings.rank), asc(findings.id))
    .limit(limit)
    .offset(offset);
}
/** The unfiltered page, its SQL built once. */
const unfilteredPage = reusableQuery((db, v: { orgId: string; now: number; limit: number; offset: number }) =>
  pageQuery(db, v.orgId, {}, v.now, v.limit, v.offset),
);

/** The page, `total` open and `dismissed`, from the rows of `findingsPageReads`. */
export function findingsPageOf(
  orgId: string,
  results: BatchResponse<ReturnType<typeof findingsPageReads>>,
): { findings: Finding[]; total: number; dismissed: number } {
  if (results.length === 3) {
    const [rows, sets, hiddenRows] = results;
    const set = onlySet(sets, orgId);
    const dismissed = countsOf(hiddenRows);
    return {
      findings: rows.map((row) => row.body),
      total: sum(set.counts) - sum(dismissed),
      dismissed: sum(dismissed),
    };
  }
  const [rows, [counts]] = results;
  const dismissed = Number(counts?.dismissed ?? 0);
  return { findings: rows.map((row) => row.body), total: (counts?.all ?? 0) - dismissed, dismissed };
}

/** One page of the stored open findings (`findingsPageReads`). Call `refreshFindings` first. */
export async function findingsPage(db: Db, orgId: string, query: PageQuery, now: number) {
  return findingsPageOf(orgId, await db.batch(findingsPageReads(db, orgId, query, now)));
}

/** The reads of the summary of the stored open findings; `findingsSummaryOf` answers from their rows. */
export function findingsSummaryReads(db: Db, orgId: string, now: number) {
  return [storedSet(db, orgId), dismissedBySeverity(db, orgId, now)] as const;
}

/** The summary: stored totals less the dismissed, from the rows of `findingsSummaryReads`. */
export function findingsSummaryOf(
  orgId: string,
  [sets, hiddenRows]: BatchResponse<ReturnType<typeof findingsSummaryReads>>,
) {
  const set = onlySet(sets, orgId);
  const dismissed = countsOf(hiddenRows);
  const open = severityCounts([]);
  for (const severity of SEVERITIES) open[severity] = set.counts[severity] - dismissed[severity];
  return summariseCounts(open, set.checked);
}

/** The summary of the stored open findings. Call `refreshFindings` first. */
export async function findingsSummary(db: Db, orgId: string, now: number) {
  return findingsSummaryOf(orgId, await db.batch(findingsSummaryReads(db, orgId, now)));
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

/**
 * The stored findings of these severities that no dismissal in force at `now` hides, worst first.
 * Call `refreshFindings` first.
 */
export async function openFindingsOf(db: Db, orgId: string, severities: readonly Severity[], now: number) {
  const rows = await db
    .select({ body: findings.body })
    .from(findings)
    .where(
      and(
        eq(findings.orgId, orgId),
        inJson(findings.severity, [...severities]),
        not(dismissedAt(orgId, now)),
      ),
    )
    .orderBy(asc(findings.rank), asc(findings.id));
  return rows.map((row) => row.body);
}
