import { and, eq } from 'drizzle-orm';
import type { SignedCheckpoint } from '../../../shared/audit/checkpoint';
import { EVIDENCE_CHECKPOINT_ID, EVIDENCE_CHECKPOINT_LABEL } from '../../../shared/audit/verify-export';
import { formatCsv } from '../../../shared/csv';
import { members, type reviewCampaigns, type reviewItems, systems } from '../db/schema';
import { type Db, inJson } from '../db/versions';

/**
 * The evidence of a closed campaign, for auditors: every item, the decision, who made it and when,
 * and the findings on the account at the time. As CSV (one row per item) and as a printable HTML
 * report. Every value in the HTML is escaped: usernames and comments are text people typed.
 * Both carry the signed checkpoint of the audit trail when they were made (the trail records every
 * decision), which `npm run audit:verify-export` checks offline.
 */

type CampaignRow = typeof reviewCampaigns.$inferSelect;
type ItemRow = typeof reviewItems.$inferSelect;
type Names = {
  systems: Map<string, string>;
  members: Map<string, Pick<typeof members.$inferSelect, 'name'>>;
};

const iso = (at: number | null) => (at === null ? '' : new Date(at).toISOString());

const decidedBy = (item: ItemRow) =>
  item.defaulted ? 'default (no decision by the due date)' : (item.decidedByName ?? '');

const findingsText = (item: ItemRow) =>
  item.findings.map((finding) => `${finding.severity}: ${finding.title}`).join('; ');

const EVIDENCE_COLUMNS = [
  'system',
  'username',
  'display_name',
  'owner',
  'owner_email',
  'job_role',
  'account_status',
  'permissions',
  'last_sign_in',
  'findings_at_review',
  'decision',
  'new_permissions',
  'comment',
  'decided_by',
  'decided_at',
  'defaulted',
] as const;

export function evidenceCsv(items: readonly ItemRow[], checkpoint: SignedCheckpoint | null): string {
  const rows = items.map((item): (string | number | null)[] => [
    item.systemName,
    item.username,
    item.displayName,
    item.ownerName,
    item.ownerEmail,
    item.jobRoleName,
    item.accountStatus,
    item.permissions.join(';'),
    iso(item.lastSignInAt),
    findingsText(item),
    item.decision,
    item.newPermissions?.join(';') ?? '',
    item.comment,
    decidedBy(item),
    iso(item.decidedAt),
    item.defaulted ? 'yes' : 'no',
  ]);
  if (checkpoint) rows.push([EVIDENCE_CHECKPOINT_LABEL, JSON.stringify(checkpoint)]);
  return formatCsv(EVIDENCE_COLUMNS, rows);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** The names the HTML report shows for the campaign's systems and reviewers. */
export async function evidenceNames(db: Db, orgId: string, campaign: CampaignRow): Promise<Names> {
  const [systemRows, memberRows] = await db.batch([
    db
      .select({ id: systems.id, name: systems.name })
      .from(systems)
      .where(and(eq(systems.orgId, orgId), inJson(systems.id, campaign.systemIds))),
    db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(and(eq(members.orgId, orgId), inJson(members.id, campaign.reviewerIds))),
  ]);
  return {
    systems: new Map(systemRows.map((row) => [row.id, row.name])),
    members: new Map(memberRows.map((row) => [row.id, row])),
  };
}

export function evidenceHtml(
  campaign: CampaignRow,
  items: readonly ItemRow[],
  names: Names,
  checkpoint: SignedCheckpoint | null,
): string {
  const count = (decision: string) => items.filter((item) => item.decision === decision).length;
  const defaulted = items.filter((item) => item.defaulted).length;
  const reviewers = campaign.reviewerIds.map((id) => names.members.get(id)?.name ?? id).join(', ');
  const scope = campaign.systemIds.map((id) => names.systems.get(id) ?? id).join(', ');
  const rows = items
    .map(
      (item) => `<tr>
<td>${escapeHtml(item.systemName)}</td>
<td>${escapeHtml(item.username)}${item.displayName ? `<br><small>${escapeHtml(item.displayName)}</small>` : ''}</td>
<td>${escapeHtml(item.ownerName ?? 'no known owner')}${item.jobRoleName ? `<br><small>${escapeHtml(item.jobRoleName)}</small>` : ''}</td>
<td>${escapeHtml(item.permissions.join(', '))}</td>
<td>${escapeHtml(iso(item.lastSignInAt).slice(0, 10) || 'never')}</td>
<td>${item.findings.map((f) => `<span class="sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span> ${escapeHtml(f.title)}`).join('<br>')}</td>
<td><strong>${escapeHtml(item.decision ?? '')}</strong>${item.newPermissions ? `<br><small>to: ${escapeHtml(item.newPermissions.join(', '))}</small>` : ''}</td>
<td>${escapeHtml(item.comment ?? '')}</td>
<td>${escapeHtml(decidedBy(item))}<br><small>${escapeHtml(iso(item.decidedAt))}</small></td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Access review evidence: ${escapeHtml(campaign.name)}</title>
<style>
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { page-break-inside: avoid; }
small { color: #444; }
.sev-critical, .sev-high { font-weight: bold; }
pre { white-space: pre-wrap; word-break: break-all; font-size: 8pt; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 1em; }
@media print { body { margin: 0; font-size: 9pt; } }
</style>
</head>
<body>
<h1>Access review evidence: ${escapeHtml(campaign.name)}</h1>
<dl>
<dt>Systems</dt><dd>${escapeHtml(scope)}</dd>
<dt>Reviewers</dt><dd>${escapeHtml(reviewers)}</dd>
<dt>Started</dt><dd>${escapeHtml(iso(campaign.createdAt))}</dd>
<dt>Due</dt><dd>${escapeHtml(iso(campaign.dueAt))}</dd>
<dt>Closed</dt><dd>${escapeHtml(iso(campaign.closedAt))} by ${escapeHtml(campaign.closedByName ?? 'the daily check at the due date')}</dd>
<dt>Default decision</dt><dd>${escapeHtml(campaign.defaultDecision)} (applied to ${defaulted} item${defaulted === 1 ? '' : 's'})</dd>
<dt>Decisions</dt><dd>${items.length} items: ${count('keep')} keep, ${count('revoke')} revoke, ${count('change')} change</dd>
${
  checkpoint
    ? `<dt>Audit checkpoint</dt><dd>event ${checkpoint.seq} of the audit trail, signed ${escapeHtml(checkpoint.at)} (key ${escapeHtml(checkpoint.keyId)})
<pre id="${EVIDENCE_CHECKPOINT_ID}">${escapeHtml(JSON.stringify(checkpoint))}</pre></dd>`
    : ''
}
</dl>
<table>
<thead><tr><th>System</th><th>Login</th><th>Owner and job role</th><th>Permissions</th><th>Last sign-in</th><th>Findings at review</th><th>Decision</th><th>Comment</th><th>Decided by, when (UTC)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
