import { contract } from '../../../shared/contract';
import { checkedCounts, filterFindings, summarise } from '../../../shared/rules';
import { memberActor, writeAudited } from '../audit/writer';
import { database } from '../db/client';
import { activeDismissal, dismissFindingStatement, undismissFindingStatement } from '../findings/dismissals';
import { findingsOf, loadOrganisation } from '../findings/organisation-data';
import { ProblemError } from '../http/problem';
import { handlers } from '../http/route';

/** A dismissal lasts at most a year: accepted risks come back to be looked at again. */
const MAX_DISMISSAL_MS = 366 * 86_400_000;

async function currentFindings(db: ReturnType<typeof database>, orgId: string, now: number) {
  const loaded = await loadOrganisation(db, orgId);
  if (!loaded) throw new ProblemError(404, 'No such organisation.');
  return { ...findingsOf(loaded, now), checked: checkedCounts(loaded.data) };
}

export const findingsRoutes = handlers(contract.findings, {
  list: async (c) => {
    const { all, open } = await currentFindings(database(c.env.DB), c.get('member').orgId, Date.now());
    const query = c.req.valid('query');
    return c.json({
      findings: filterFindings(open, query),
      dismissed: filterFindings(all, query).length - filterFindings(open, query).length,
    });
  },
  summary: async (c) => {
    const { open, checked } = await currentFindings(database(c.env.DB), c.get('member').orgId, Date.now());
    return c.json(summarise(open, checked));
  },
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
    const { all } = await currentFindings(db, member.orgId, now);
    const finding = all.find((candidate) => candidate.id === id);
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
});
