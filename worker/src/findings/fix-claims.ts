import { and, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { FixClaim } from '../../../shared/schemas/findings-api';
import { rollcallActor, writeAudited } from '../audit/writer';
import { reusableQuery } from '../db/reusable-query';
import { accounts, findingFixClaims, findings, members } from '../db/schema';
import type { Db } from '../db/versions';

/** Confirmed fixes stay listed this long, so the member who claimed one sees it confirmed. */
const CONFIRMED_SHOWN_MS = 30 * 86_400_000;

type NewClaim = Pick<FixClaim, 'findingId' | 'title' | 'systemId' | 'claimedAt' | 'claimedBy'> & {
  fingerprint: string;
};

/** Records a claimed fix, waiting for the next capture; it replaces the finding's last claim. */
export function claimFixStatement(db: Db, orgId: string, claim: NewClaim) {
  const row = { ...claim, status: 'waiting' as const, checkedAt: null, evidence: null };
  return db
    .insert(findingFixClaims)
    .values({ orgId, ...row })
    .onConflictDoUpdate({ target: [findingFixClaims.orgId, findingFixClaims.findingId], set: row });
}

/**
 * The waiting claims a user list captured after them can answer, with what the rule sees now (none
 * when the finding is gone). A capture is a system's accounts seen in a list (`last_seen_at`) after
 * the claim; a finding with no system is answered by a capture of any system. Read once the stored
 * findings are current, so they include what the capture changed.
 */
const answeredClaims = reusableQuery((db, { orgId }: { orgId: string }) => {
  const capturedAt = sql<number | null>`(SELECT max(${accounts.lastSeenAt}) FROM ${accounts}
    WHERE ${accounts.orgId} = ${orgId}
      AND (${findingFixClaims.systemId} IS NULL OR ${accounts.systemId} = ${findingFixClaims.systemId}))`;
  return db
    .select({
      findingId: findingFixClaims.findingId,
      claimedAt: findingFixClaims.claimedAt,
      capturedAt,
      evidence: sql<string | null>`(SELECT ${findings.body} ->> '$.evidence' FROM ${findings}
        WHERE ${findings.orgId} = ${orgId} AND ${findings.id} = ${findingFixClaims.findingId} LIMIT 1)`,
    })
    .from(findingFixClaims)
    .where(
      and(
        eq(findingFixClaims.orgId, orgId),
        eq(findingFixClaims.status, 'waiting'),
        gt(capturedAt, findingFixClaims.claimedAt),
      ),
    );
});

/** `answeredClaims` for the organisation (its SQL built once). */
export function answeredClaimsRead(db: Db, orgId: string) {
  return answeredClaims(db, { orgId });
}

/**
 * Settles the waiting claims a capture answered (`answeredClaimsRead`'s rows, or read here): a
 * claim's finding gone from the stored findings is confirmed; one still there is `still-present`,
 * with what the rule saw. Call `refreshFindings` first.
 */
export async function settleFixClaims(
  db: Db,
  orgId: string,
  read?: Awaited<ReturnType<typeof answeredClaimsRead>>,
) {
  const answered = read ?? (await answeredClaimsRead(db, orgId));
  if (answered.length === 0) return;
  const settled = answered.map((claim) => ({
    ...claim,
    status: claim.evidence === null ? ('confirmed' as const) : ('still-present' as const),
  }));
  await writeAudited(
    db,
    // Settling a claim is the capture's doing, not the reader's whose request happened to see it.
    rollcallActor(orgId, 'Rollcall fix check'),
    settled.map((claim) =>
      db
        .update(findingFixClaims)
        .set({ status: claim.status, checkedAt: claim.capturedAt, evidence: claim.evidence })
        .where(
          and(
            eq(findingFixClaims.orgId, orgId),
            eq(findingFixClaims.findingId, claim.findingId),
            eq(findingFixClaims.claimedAt, claim.claimedAt),
            eq(findingFixClaims.status, 'waiting'),
          ),
        ),
    ) as unknown as [BatchItem<'sqlite'>],
    settled.map((claim) => ({
      action: claim.status === 'confirmed' ? 'finding.fix_confirmed' : 'finding.fix_still_present',
      targetType: 'finding',
      targetId: claim.findingId,
      after: { claimedAt: claim.claimedAt, capturedAt: claim.capturedAt, evidence: claim.evidence },
    })),
  );
}

/** The claims still open (waiting, still present) and those confirmed lately, latest first. */
export async function fixClaimsOf(db: Db, orgId: string, now: number): Promise<FixClaim[]> {
  const rows = await db
    .select({ claim: findingFixClaims, claimedByName: members.name })
    .from(findingFixClaims)
    .leftJoin(members, eq(members.id, findingFixClaims.claimedBy))
    .where(
      and(
        eq(findingFixClaims.orgId, orgId),
        or(
          inArray(findingFixClaims.status, ['waiting', 'still-present']),
          gt(findingFixClaims.checkedAt, now - CONFIRMED_SHOWN_MS),
        ),
      ),
    )
    .orderBy(desc(findingFixClaims.claimedAt));
  return rows.map(({ claim: { orgId: _, fingerprint: __, ...claim }, claimedByName }) => ({
    ...claim,
    claimedByName: claimedByName ?? 'A former member',
  }));
}
