import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { contract } from '../../../shared/contract';
import type { OperationSpec } from '../../../shared/contract/operation';
import type { AppEnv } from '../app-env';
import { memberActor, writeAudited } from '../audit/writer';
import { type Database, database } from '../db/client';
import {
  activeDismissal,
  dismissalsInForce,
  dismissFindingStatement,
  undismissFindingStatement,
} from '../findings/dismissals';
import { answeredClaimsRead, claimFixStatement, fixClaimsOf, settleFixClaims } from '../findings/fix-claims';
import {
  findingsPageOf,
  findingsPageReads,
  findingsSummaryOf,
  findingsSummaryReads,
  freshnessReads,
  refreshedReads,
  refreshFindings,
  storedFinding,
  wereCurrent,
} from '../findings/materialised-findings';
import { ProblemError } from '../http/problem';
import { handlers, withFirstRead } from '../http/route';

/** A dismissal lasts at most a year: accepted risks come back to be looked at again. */
const MAX_DISMISSAL_MS = 366 * 86_400_000;

/**
 * The database, with the organisation's stored findings made current (recomputed if stale) and
 * the claimed fixes a later capture answers settled against them.
 */
async function currentFindings(c: Context<AppEnv>, now: number) {
  const db = database(c.env.DB);
  const orgId = c.get('member').orgId;
  if (!(await refreshFindings(db, memberActor(c), orgId, now))) {
    throw new ProblemError(404, 'No such organisation.');
  }
  await settleFixClaims(db, orgId);
  return { db, orgId };
}

/**
 * An answer from the stored findings whose reads ride in the sign-in's batch, with the findings'
 * freshness and the claimed fixes a capture answered: when the findings were current, that one
 * round trip is all. Otherwise they are made current, and the claims and the answer read again
 * together, in the batch that makes them current.
 */
function fromCurrentFindings<S extends OperationSpec, Q, const T extends readonly BatchItem<'sqlite'>[]>(
  operation: S,
  reads: (db: Database, orgId: string, now: number, query: Q) => T,
  answer: (orgId: string, rows: BatchResponse<T>) => unknown,
) {
  return withFirstRead(
    operation,
    (db, orgId, input) =>
      [
        ...freshnessReads(db, orgId),
        answeredClaimsRead(db, orgId),
        ...reads(db, orgId, Date.now(), (input as { query: Q }).query),
      ] as const,
    async (c, [state, notes, answered, ...rows]) => {
      const now = Date.now();
      const db = database(c.env.DB);
      const orgId = c.get('member').orgId;
      if (wereCurrent([state, notes], now)) {
        await settleFixClaims(db, orgId, answered);
        return c.json(answer(orgId, rows as BatchResponse<T>));
      }
      const query = (c.req as unknown as { valid(target: 'query'): Q }).valid('query');
      const refreshed = await refreshedReads(
        db,
        memberActor(c),
        orgId,
        now,
        [state, notes],
        () => [answeredClaimsRead(db, orgId), ...reads(db, orgId, now, query)] as const,
      );
      if (!refreshed) throw new ProblemError(404, 'No such organisation.');
      const [claims, ...again] = refreshed;
      await settleFixClaims(db, orgId, claims);
      return c.json(answer(orgId, again as BatchResponse<T>));
    },
  );
}

export const findingsRoutes = handlers(contract.findings, {
  list: fromCurrentFindings(
    contract.findings.list,
    (db, orgId, now, query: Parameters<typeof findingsPageReads>[2]) =>
      findingsPageReads(db, orgId, query, now),
    findingsPageOf,
  ),
  summary: fromCurrentFindings(contract.findings.summary, findingsSummaryReads, findingsSummaryOf),
  dismiss: async (c) => {
    const db = database(c.env.DB);
    const member = c.get('member');
    const { id } = c.req.valid('param');
    const { reason, expiresAt } = c.req.valid('json');
    const now = Date.now();
    if (expiresAt <= now || expiresAt > now + MAX_DISMISSAL_MS) {
      throw new ProblemError(422, 'The expiry must be in the future and within a year.', [
        { field: 'body.expiresAt', message: 'in the future and within a year' },
      ]);
    }
    await currentFindings(c, now);
    const finding = await storedFinding(db, member.orgId, id);
    if (!finding) throw new ProblemError(404, 'No such finding: it may have been fixed already.');
    const dismissal = {
      findingId: id,
      fingerprint: finding.fingerprint,
      reason,
      expiresAt,
      dismissedAt: now,
      dismissedBy: member.id,
    };
    await writeAudited(
      db,
      memberActor(c),
      [dismissFindingStatement(db, member.orgId, dismissal)],
      [
        {
          action: 'finding.dismiss',
          targetType: 'finding',
          targetId: id,
          after: { ...dismissal, ruleId: finding.ruleId, title: finding.title, evidence: finding.evidence },
        },
      ],
    );
    return c.json(dismissal);
  },
  undismiss: async (c) => {
    const db = database(c.env.DB);
    const member = c.get('member');
    const { id } = c.req.valid('param');
    const dismissal = await activeDismissal(db, member.orgId, id, Date.now());
    if (!dismissal) throw new ProblemError(404, 'This finding has no dismissal in force.');
    await writeAudited(
      db,
      memberActor(c),
      [undismissFindingStatement(db, member.orgId, id, dismissal.dismissedAt)],
      [{ action: 'finding.undismiss', targetType: 'finding', targetId: id, before: dismissal }],
    );
    return c.body(null, 204);
  },
  dismissed: async (c) => {
    const now = Date.now();
    const { db, orgId } = await currentFindings(c, now);
    return c.json({ dismissals: await dismissalsInForce(db, orgId, now) });
  },
  claimFixed: async (c) => {
    const now = Date.now();
    const { db, orgId } = await currentFindings(c, now);
    const member = c.get('member');
    const { id } = c.req.valid('param');
    const finding = await storedFinding(db, orgId, id);
    if (!finding) throw new ProblemError(404, 'No such finding: it may have been fixed already.');
    const claim = {
      findingId: id,
      fingerprint: finding.fingerprint,
      title: finding.title,
      systemId: finding.systemId,
      claimedAt: now,
      claimedBy: member.id,
    };
    await writeAudited(
      db,
      memberActor(c),
      [claimFixStatement(db, orgId, claim)],
      [{ action: 'finding.fix_claim', targetType: 'finding', targetId: id, after: claim }],
    );
    const { fingerprint: _, ...answer } = claim;
    return c.json({
      ...answer,
      claimedByName: member.name,
      status: 'waiting' as const,
      checkedAt: null,
      evidence: null,
    });
  },
  fixes: async (c) => {
    const now = Date.now();
    const { db, orgId } = await currentFindings(c, now);
    return c.json({ claims: await fixClaimsOf(db, orgId, now) });
  },
});
