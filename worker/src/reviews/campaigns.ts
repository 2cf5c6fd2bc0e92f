import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { REVIEWER_ROLES } from '../../../shared/contract/access';
import type { Finding } from '../../../shared/schemas/findings';
import type {
  Campaign,
  CreateCampaign,
  DecideItem,
  ListReviewItemsQuery,
  ReviewItem,
} from '../../../shared/schemas/reviews';
import { type AuditActor, writeAudited } from '../audit/writer';
import { members, reviewCampaigns, reviewItems, systems } from '../db/schema';
import {
  asBatchItem,
  batchGuard,
  changedOneRowGuard,
  type Db,
  inJson,
  isGuardFailure,
  jsonChunks,
  toStatement,
} from '../db/versions';
import { findingsOf, loadOrganisation } from '../findings/organisation-data';
import { notInThisFirm, ProblemError } from '../http/problem';

type CampaignRow = typeof reviewCampaigns.$inferSelect;
type ItemRow = typeof reviewItems.$inferSelect;

export async function findCampaignRow(db: Db, orgId: string, id: string): Promise<CampaignRow> {
  const [row] = await db
    .select()
    .from(reviewCampaigns)
    .where(and(eq(reviewCampaigns.orgId, orgId), eq(reviewCampaigns.id, id)));
  if (!row) throw new ProblemError(404, 'No such review campaign.');
  return row;
}

/** Campaigns with their progress: items decided in all and by each reviewer, in two grouped queries. */
async function withProgress(db: Db, rows: CampaignRow[]): Promise<Campaign[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [totals, byDecider] = await db.batch([
    db
      .select({
        campaignId: reviewItems.campaignId,
        total: sql<number>`count(*)`,
        decided: sql<number>`count(${reviewItems.decision})`,
      })
      .from(reviewItems)
      .where(inJson(reviewItems.campaignId, ids))
      .groupBy(reviewItems.campaignId),
    db
      .select({
        campaignId: reviewItems.campaignId,
        memberId: reviewItems.decidedBy,
        name: reviewItems.decidedByName,
        decided: sql<number>`count(*)`,
      })
      .from(reviewItems)
      .where(and(inJson(reviewItems.campaignId, ids), eq(reviewItems.defaulted, false)))
      .groupBy(reviewItems.campaignId, reviewItems.decidedBy),
  ]);
  const reviewerNames = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(inJson(members.id, [...new Set(rows.flatMap((row) => row.reviewerIds))]));
  const nameOf = new Map(reviewerNames.map((member) => [member.id, member.name]));
  return rows.map((row) => {
    const total = totals.find((t) => t.campaignId === row.id);
    const decided = Number(total?.decided ?? 0);
    const counted = new Map(
      byDecider
        .filter((d) => d.campaignId === row.id && d.memberId !== null)
        .map((d) => [d.memberId as string, { name: d.name ?? '', decided: Number(d.decided) }]),
    );
    return {
      id: row.id,
      name: row.name,
      systemIds: row.systemIds,
      reviewerIds: row.reviewerIds,
      dueAt: row.dueAt,
      defaultDecision: row.defaultDecision,
      status: row.status,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
      closedBy: row.closedBy,
      progress: {
        total: Number(total?.total ?? 0),
        decided,
        remaining: Number(total?.total ?? 0) - decided,
        byReviewer: row.reviewerIds.map((memberId) => ({
          memberId,
          name: nameOf.get(memberId) ?? counted.get(memberId)?.name ?? '',
          decided: counted.get(memberId)?.decided ?? 0,
        })),
      },
    };
  });
}

export async function listCampaigns(db: Db, orgId: string): Promise<Campaign[]> {
  const rows = await db
    .select()
    .from(reviewCampaigns)
    .where(eq(reviewCampaigns.orgId, orgId))
    .orderBy(sql`${reviewCampaigns.createdAt} DESC`)
    .limit(200);
  return withProgress(db, rows);
}

export async function getCampaign(db: Db, orgId: string, id: string): Promise<Campaign> {
  const [campaign] = await withProgress(db, [await findCampaignRow(db, orgId, id)]);
  if (!campaign) throw new ProblemError(404, 'No such review campaign.');
  return campaign;
}

/**
 * Plans a new campaign: checks the reviewers and systems belong to the organisation, and makes one
 * item per account in scope (every login not already removed) with its owner, job role, permissions,
 * last sign-in and open findings copied beside it. Items go in as JSON chunks read by json_each.
 */
export async function planCampaign(
  db: Db,
  orgId: string,
  createdBy: string,
  input: CreateCampaign,
  now: number,
): Promise<{ campaign: CampaignRow; itemCount: number; statements: D1PreparedStatement[] }> {
  if (input.dueAt <= now) {
    throw new ProblemError(422, 'The due date must be in the future.', [
      { field: 'body.dueAt', message: 'in the past' },
    ]);
  }
  const reviewerIds = [...new Set(input.reviewerIds)];
  const reviewerRows = await db
    .select({ id: members.id, role: members.role })
    .from(members)
    .where(and(eq(members.orgId, orgId), isNull(members.removedAt), inJson(members.id, reviewerIds)));
  const reviewerErrors = reviewerIds.flatMap((id, index) => {
    const found = reviewerRows.find((row) => row.id === id);
    if (!found) return [{ field: `body.reviewerIds.${index}`, message: notInThisFirm('member') }];
    if (!(REVIEWER_ROLES as readonly string[]).includes(found.role)) {
      return [
        { field: `body.reviewerIds.${index}`, message: `an ${found.role} cannot decide access reviews` },
      ];
    }
    return [];
  });
  if (reviewerErrors.length > 0) throw new ProblemError(422, 'Some reviewers cannot review.', reviewerErrors);

  const loaded = await loadOrganisation(db, orgId);
  if (!loaded) throw new ProblemError(404, 'No such organisation.');
  const systemsById = new Map(loaded.data.systems.map((system) => [system.id, system]));
  let systemIds: string[];
  if (input.systemIds) {
    systemIds = [...new Set(input.systemIds)];
    const missing = input.systemIds.flatMap((id, index) =>
      systemsById.has(id) ? [] : [{ field: `body.systemIds.${index}`, message: `no system ${id}` }],
    );
    if (missing.length > 0) throw new ProblemError(422, 'Some systems do not exist.', missing);
  } else {
    systemIds = [...systemsById.keys()];
  }
  const inScope = new Set(systemIds);
  const accounts = loaded.data.accounts.filter(
    (account) => !account.deleted && account.status !== 'removed' && inScope.has(account.systemId),
  );
  if (accounts.length === 0) {
    throw new ProblemError(422, 'There are no accounts to review in these systems.', [
      { field: input.systemIds ? 'body.systemIds' : 'body', message: 'no accounts in scope' },
    ]);
  }

  const { open } = findingsOf(loaded, now);
  const findingsByAccount = new Map<string, Finding[]>();
  for (const finding of open) {
    if (finding.subject.type !== 'account') continue;
    const list = findingsByAccount.get(finding.subject.id);
    if (list) list.push(finding);
    else findingsByAccount.set(finding.subject.id, [finding]);
  }
  const people = new Map(loaded.data.people.map((person) => [person.id, person]));
  const roles = new Map(loaded.data.jobRoles.map((role) => [role.id, role]));

  const campaign: CampaignRow = {
    id: crypto.randomUUID(),
    orgId,
    name: input.name,
    systemIds,
    reviewerIds,
    dueAt: input.dueAt,
    defaultDecision: input.defaultDecision,
    status: 'open',
    createdBy,
    createdAt: now,
    closedAt: null,
    closedBy: null,
    closedByName: null,
  };
  const items = accounts.map((account) => {
    const owner = account.ownerPersonId ? people.get(account.ownerPersonId) : undefined;
    const role = owner?.jobRoleId ? roles.get(owner.jobRoleId) : undefined;
    const users = [...new Set([...(owner ? [owner.id] : []), ...account.userPersonIds])];
    return {
      id: crypto.randomUUID(),
      accountId: account.id,
      systemId: account.systemId,
      systemName: systemsById.get(account.systemId)?.name ?? account.systemId,
      username: account.username,
      displayName: account.displayName,
      accountEmail: account.email,
      accountStatus: account.status,
      ownerPersonId: owner?.id ?? null,
      ownerName: owner?.name ?? null,
      ownerEmail: owner?.email ?? null,
      jobRoleName: role?.name ?? null,
      userPersonIds: users,
      permissions: account.permissions,
      lastSignInAt: account.lastSignInAt,
      findings: (findingsByAccount.get(account.id) ?? []).map((f) => ({
        id: f.id,
        ruleId: f.ruleId,
        severity: f.severity,
        title: f.title,
      })),
    };
  });
  const field = (name: string) => sql.raw(`json_extract(j.value, '$.${name}')`);
  const statements = [toStatement(db, db.insert(reviewCampaigns).values(campaign))];
  for (const chunk of jsonChunks(items)) {
    statements.push(
      toStatement(
        db,
        sql`INSERT INTO review_items (id, org_id, campaign_id, account_id, system_id, system_name, username,
          display_name, account_email, account_status, owner_person_id, owner_name, owner_email, job_role_name,
          user_person_ids, permissions, last_sign_in_at, findings, defaulted)
        SELECT ${field('id')}, ${orgId}, ${campaign.id}, ${field('accountId')}, ${field('systemId')},
          ${field('systemName')}, ${field('username')}, ${field('displayName')}, ${field('accountEmail')},
          ${field('accountStatus')}, ${field('ownerPersonId')}, ${field('ownerName')}, ${field('ownerEmail')},
          ${field('jobRoleName')}, json(${sql.raw("json_extract(j.value, '$.userPersonIds')")}),
          json(${field('permissions')}), ${field('lastSignInAt')}, json(${field('findings')}), 0
        FROM json_each(${chunk.json}) AS j`,
      ),
    );
  }
  return { campaign, itemCount: items.length, statements };
}

export function toReviewItem(row: ItemRow): ReviewItem {
  return {
    id: row.id,
    campaignId: row.campaignId,
    accountId: row.accountId,
    systemId: row.systemId,
    systemName: row.systemName,
    username: row.username,
    displayName: row.displayName,
    accountStatus: row.accountStatus,
    owner: row.ownerPersonId
      ? { personId: row.ownerPersonId, name: row.ownerName ?? '', email: row.ownerEmail }
      : null,
    jobRole: row.jobRoleName,
    permissions: row.permissions,
    lastSignInAt: row.lastSignInAt,
    findings: row.findings as ReviewItem['findings'],
    decision: row.decision,
    newPermissions: row.newPermissions,
    comment: row.comment,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt,
    defaulted: row.defaulted,
  };
}

/** One page of a campaign's items in system, username order; the cursor is the last item's id. */
export async function listItems(db: Db, orgId: string, campaignId: string, query: ListReviewItemsQuery) {
  await findCampaignRow(db, orgId, campaignId);
  const conditions = [eq(reviewItems.campaignId, campaignId), eq(reviewItems.orgId, orgId)];
  if (query.undecided === true) conditions.push(isNull(reviewItems.decision));
  if (query.undecided === false) conditions.push(sql`${reviewItems.decision} IS NOT NULL`);
  if (query.systemId) conditions.push(eq(reviewItems.systemId, query.systemId));
  if (query.cursor) {
    // A row-value comparison against the cursor row: an index seek, never an OFFSET.
    conditions.push(
      sql`(${reviewItems.systemName}, ${reviewItems.username}, ${reviewItems.id}) >
        (SELECT system_name, username, id FROM review_items WHERE id = ${query.cursor} AND campaign_id = ${campaignId})`,
    );
  }
  const rows = await db
    .select()
    .from(reviewItems)
    .where(and(...conditions))
    .orderBy(asc(reviewItems.systemName), asc(reviewItems.username), asc(reviewItems.id))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { items: page.map(toReviewItem), nextCursor: more ? (page.at(-1)?.id ?? null) : null };
}

export async function allItems(db: Db, campaignId: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(reviewItems)
    .where(eq(reviewItems.campaignId, campaignId))
    .orderBy(asc(reviewItems.systemName), asc(reviewItems.username), asc(reviewItems.id));
}

/** The people a member is in the staff directory: those with the member's email. */
async function personIdsOfMember(db: Db, orgId: string, email: string): Promise<Set<string>> {
  const rows = await db.run(
    sql`SELECT id FROM people WHERE org_id = ${orgId} AND deleted = 0 AND lower(email) = ${email.toLowerCase()}`,
  );
  return new Set((rows.results as { id: string }[]).map((row) => row.id));
}

/**
 * Checks a decision may be made and answers the statement that records it. Refused: a member who is
 * not a reviewer of the campaign (403), an account they own or use themselves (403: nobody reviews
 * their own access), a closed campaign (409), permissions outside the system's catalogue (422).
 */
export async function planDecision(
  db: Db,
  member: { id: string; orgId: string; name: string; email: string | null },
  campaignId: string,
  itemId: string,
  input: DecideItem,
  now: number,
) {
  const campaign = await findCampaignRow(db, member.orgId, campaignId);
  const [item] = await db
    .select()
    .from(reviewItems)
    .where(
      and(
        eq(reviewItems.id, itemId),
        eq(reviewItems.campaignId, campaignId),
        eq(reviewItems.orgId, member.orgId),
      ),
    );
  if (!item) throw new ProblemError(404, 'No such item in this campaign.');
  if (campaign.status !== 'open')
    throw new ProblemError(409, 'The campaign is closed: its decisions are final.');
  if (!campaign.reviewerIds.includes(member.id)) {
    throw new ProblemError(403, 'Only the reviewers named on this campaign decide its items.');
  }
  // Only members are named reviewers; a key (no email) was refused above.
  const email = member.email ?? '';
  const mine = await personIdsOfMember(db, member.orgId, email);
  const own =
    item.userPersonIds.some((id) => mine.has(id)) ||
    (item.accountEmail !== null && item.accountEmail.toLowerCase() === email.toLowerCase());
  if (own) {
    throw new ProblemError(
      403,
      'Nobody reviews their own access: another reviewer must decide on this account.',
    );
  }
  let newPermissions: string[] | null = null;
  if (input.decision === 'change') {
    const [system] = await db
      .select({ permissions: systems.permissions })
      .from(systems)
      .where(and(eq(systems.id, item.systemId), eq(systems.orgId, member.orgId)));
    const catalogue = new Set((system?.permissions ?? []).map((p) => p.name));
    const unknown = input.permissions.flatMap((name, index) =>
      catalogue.has(name)
        ? []
        : [
            {
              field: `body.permissions.${index}`,
              message: `${name} is not a permission of ${item.systemName}`,
            },
          ],
    );
    if (unknown.length > 0) throw new ProblemError(422, 'Unknown permissions.', unknown);
    newPermissions = [...new Set(input.permissions)].sort();
  }
  const set = {
    decision: input.decision,
    newPermissions,
    comment: input.comment || null,
    decidedBy: member.id,
    decidedByName: member.name,
    decidedAt: now,
    defaulted: false,
  };
  const before = item.decision
    ? {
        decision: item.decision,
        newPermissions: item.newPermissions,
        comment: item.comment,
        decidedBy: item.decidedBy,
      }
    : null;
  // Written only while the campaign is open and the item is as read: a decision racing the close,
  // or another reviewer's decision, fails the batch instead of landing after it unseen.
  const asRead = (column: SQLiteColumn, value: unknown) => sql`${column} IS ${value}`;
  return {
    item,
    before,
    set,
    statements: [
      db
        .update(reviewItems)
        .set(set)
        .where(
          and(
            eq(reviewItems.id, itemId),
            eq(reviewItems.orgId, member.orgId),
            asRead(reviewItems.decidedAt, item.decidedAt),
            asRead(reviewItems.decidedBy, item.decidedBy),
            sql`(SELECT status FROM review_campaigns WHERE id = ${campaignId}) = 'open'`,
          ),
        )
        .returning(),
      asBatchItem(changedOneRowGuard(db)),
    ] as const,
  };
}

/** Why a decision's write found the item or campaign changed, read after the fact. */
export async function decisionRefusal(db: Db, orgId: string, campaignId: string): Promise<ProblemError> {
  const campaign = await findCampaignRow(db, orgId, campaignId);
  return campaign.status !== 'open'
    ? new ProblemError(409, 'The campaign is closed: its decisions are final.')
    : new ProblemError(409, 'Another reviewer decided this item just now: look at their decision and retry.');
}

export type Closer = { memberId: string | null; name: string };

/**
 * Closing: undecided items get the campaign's default decision (marked as defaulted), the campaign is
 * frozen, and every revoke or change becomes a to-do for the admin. Answers the statements for one
 * batch (with the audit event) and the counts for that event. The campaign update is guarded by its
 * status, and the defaults by the campaign still being open, so a racing second close changes nothing.
 */
async function planClose(db: Db, campaign: CampaignRow, closer: Closer, now: number) {
  const [counts] = await db
    .select({
      fingerprint: sql<string>`count(${reviewItems.decision}) || ':' || coalesce(sum(${reviewItems.decidedAt}), 0)`,
      undecided: sql<number>`count(*) - count(${reviewItems.decision})`,
      revoke: sql<number>`sum(${reviewItems.decision} = 'revoke')`,
      change: sql<number>`sum(${reviewItems.decision} = 'change')`,
      keep: sql<number>`sum(${reviewItems.decision} = 'keep')`,
    })
    .from(reviewItems)
    .where(eq(reviewItems.campaignId, campaign.id));
  const defaultLabel = `default decision (${campaign.defaultDecision}): nobody decided by the due date`;
  const statements = [
    // The decisions counted above are the ones closed on: a decision landing in between fails this
    // batch, which is planned again; a close that lost the race to another finds the campaign closed.
    batchGuard(
      db,
      sql`(SELECT status FROM review_campaigns WHERE id = ${campaign.id}) = 'open'
        AND (SELECT count(decision) || ':' || coalesce(sum(decided_at), 0) FROM review_items
          WHERE campaign_id = ${campaign.id}) = ${counts?.fingerprint ?? '0:0'}`,
    ),
    toStatement(
      db,
      sql`UPDATE review_items SET decision = ${campaign.defaultDecision}, defaulted = 1, decided_at = ${now},
        comment = ${defaultLabel}, decided_by = NULL, decided_by_name = 'Rollcall'
      WHERE campaign_id = ${campaign.id} AND decision IS NULL
        AND (SELECT status FROM review_campaigns WHERE id = ${campaign.id}) = 'open'`,
    ),
    toStatement(
      db,
      sql`INSERT OR IGNORE INTO todos (id, org_id, source, source_id, review_item_id, account_id, system_id, label,
          action, target_permissions, reason, status, created_at)
        SELECT lower(hex(randomblob(16))), org_id, 'review', campaign_id, id, account_id, system_id,
          username || ' in ' || system_name,
          CASE decision WHEN 'revoke' THEN 'remove' ELSE 'change-permissions' END,
          CASE decision WHEN 'change' THEN new_permissions END,
          ${`Access review "${campaign.name}": `} || coalesce(comment, decision), 'open', ${now}
        FROM review_items
        WHERE campaign_id = ${campaign.id} AND decision IN ('revoke', 'change')
          AND NOT (decision = 'revoke' AND account_status IN ('removed', 'disabled'))
          AND (SELECT status FROM review_campaigns WHERE id = ${campaign.id}) = 'open'`,
    ),
    toStatement(
      db,
      db
        .update(reviewCampaigns)
        .set({ status: 'closed', closedAt: now, closedBy: closer.memberId, closedByName: closer.name })
        .where(and(eq(reviewCampaigns.id, campaign.id), eq(reviewCampaigns.status, 'open'))),
    ),
  ];
  const undecided = Number(counts?.undecided ?? 0);
  const byDefault = (decision: string) => (campaign.defaultDecision === decision ? undecided : 0);
  return {
    statements,
    summary: {
      defaulted: undecided,
      defaultDecision: campaign.defaultDecision,
      keep: Number(counts?.keep ?? 0) + byDefault('keep'),
      revoke: Number(counts?.revoke ?? 0) + byDefault('revoke'),
      change: Number(counts?.change ?? 0),
    },
  };
}

const CLOSE_ATTEMPTS = 5;

/**
 * Closes a campaign and records it, audited, in one batch: the summary is of the decisions the close
 * was written on. Answers null when the campaign is (or just got) closed by someone else.
 */
export async function closeCampaign(
  db: Db,
  actor: AuditActor,
  campaignRow: CampaignRow,
  closer: Closer,
  now: number,
  extra: Record<string, unknown> = {},
) {
  let campaign = campaignRow;
  for (let attempt = 1; campaign.status === 'open'; attempt++) {
    const { statements, summary } = await planClose(db, campaign, closer, now);
    try {
      await writeAudited(db, actor, statements.map(asBatchItem), [
        {
          action: 'review.close',
          targetType: 'review',
          targetId: campaign.id,
          after: { ...summary, closedAt: now, ...extra },
        },
      ]);
      return summary;
    } catch (error) {
      if (!isGuardFailure(error) || attempt >= CLOSE_ATTEMPTS) throw error;
      campaign = await findCampaignRow(db, campaign.orgId, campaign.id);
    }
  }
  return null;
}

/** An organisation's open campaigns, for the daily check (due soon, or past due and to be closed). */
export async function openCampaigns(db: Db, orgId: string): Promise<CampaignRow[]> {
  return db
    .select()
    .from(reviewCampaigns)
    .where(and(eq(reviewCampaigns.orgId, orgId), eq(reviewCampaigns.status, 'open')));
}
