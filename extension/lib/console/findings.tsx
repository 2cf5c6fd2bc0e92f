import { useMemo, useState } from 'preact/hooks';
import type { Finding } from '../../../shared/schemas/findings';
import type { FixClaim } from '../../../shared/schemas/findings-api';
import { FindingItem, ruleLabel } from '../popup/findings-view';
import { useSend, useStored } from '../popup/popup-context';
import { done } from '../result';
import { dismissalsItem, type LocalDismissal } from '../storage';
import type { Tables } from '../sync/local-copy';
import { formatDate } from '../ui/format-date';
import { callApi } from './api';
import { useConsole, useDirectory } from './console-context';
import { contract } from './contract';
import { href } from './routes';
import { adminPageOf } from './staff';
import { Loading, Message, problemOf, type Said, ScreenHeading, useLoaded } from './ui';

export type Grouping = 'rule' | 'system' | 'person';

/** Findings in groups, each group named: by rule, by system or by person, biggest group first. */
export function groupFindings(
  findings: readonly Finding[],
  by: Grouping,
  tables: Tables,
): { key: string; label: string; findings: Finding[] }[] {
  const groups = new Map<string, Finding[]>();
  const add = (key: string, finding: Finding) => {
    const list = groups.get(key);
    if (list) list.push(finding);
    else groups.set(key, [finding]);
  };
  for (const finding of findings) {
    if (by === 'rule') add(finding.ruleId, finding);
    else if (by === 'system') add(finding.systemId ?? '', finding);
    else if (finding.personIds.length === 0) add('', finding);
    else for (const id of finding.personIds) add(id, finding);
  }
  const label = (key: string) =>
    by === 'rule'
      ? ruleLabel(key as Finding['ruleId'])
      : by === 'system'
        ? (tables.system[key]?.name ?? 'No system')
        : (tables.person[key]?.name ?? 'Nobody on the staff list');
  return [...groups]
    .map(([key, list]) => ({ key, label: label(key), findings: list }))
    .sort((a, b) => b.findings.length - a.findings.length || a.label.localeCompare(b.label));
}

/** The firm's dismissals in force, latest first: those this browser still has to send included. */
export function dismissalsInForce(dismissals: readonly LocalDismissal[], now: number): LocalDismissal[] {
  return dismissals
    .filter((d) => !d.takenBack && d.expiresAt > now)
    .sort((a, b) => b.dismissedAt - a.dismissedAt);
}

/** What the firm's claimed fixes say about each finding, by finding id. */
export function claimsByFinding(claims: readonly FixClaim[]): Map<string, FixClaim> {
  return new Map(claims.map((claim) => [claim.findingId, claim]));
}

/** The words for where a claimed fix stands. */
export function claimState(claim: FixClaim): string {
  if (claim.status === 'waiting') return 'Fixed — waiting for the next capture';
  if (claim.status === 'still-present') return 'Still present after your fix';
  return 'Fix confirmed';
}

type Tab = 'open' | 'dismissed';

/**
 * Every open finding, grouped as the admin chooses, with where each is fixed and "I fixed this";
 * the firm's dismissed findings under their own tab, with undo.
 */
export function FindingsScreen() {
  const { tables, findings } = useDirectory();
  const { can } = useConsole();
  const send = useSend();
  const dismissals = useStored(dismissalsItem);
  const [tab, setTab] = useState<Tab>('open');
  const [by, setBy] = useState<Grouping>('rule');
  const [said, setSaid] = useState<Said>(null);
  const readsFixes = can(contract.findings.fixes);
  const [fixes, reloadFixes] = useLoaded(
    () => (readsFixes ? callApi(send, contract.findings.fixes) : Promise.resolve(done({ claims: [] }))),
    [readsFixes],
  );
  const groups = useMemo(
    () => (tables && findings ? groupFindings(findings, by, tables) : []),
    [findings, by, tables],
  );
  const claims = useMemo(() => claimsByFinding(fixes.state === 'ready' ? fixes.value.claims : []), [fixes]);
  if (!tables || !findings) return <Loading what="findings" />;
  const dismissed = dismissalsInForce(dismissals ?? [], Date.now());
  const canDismiss = can(contract.findings.dismiss);
  const canClaim = can(contract.findings.claimFixed);
  const open = new Set(findings.map((f) => f.id));
  // Fixes confirmed, and those whose finding has left the list here while the server has yet to
  // see the capture that shows it.
  const settled = [...claims.values()].filter(
    (c) => c.status === 'confirmed' || (c.status === 'waiting' && !open.has(c.findingId)),
  );

  async function claimFixed(finding: Finding) {
    const result = await callApi(send, contract.findings.claimFixed, { params: { id: finding.id } });
    if (!result.ok) return setSaid({ kind: 'error', text: result.message });
    const system = finding.systemId ? tables?.system[finding.systemId]?.name : undefined;
    setSaid({
      kind: 'ok',
      text: `Noted as fixed: ${finding.title}. The next user list captured from ${system ?? 'any system'} will check it.`,
    });
    reloadFixes();
  }

  const tabButton = (which: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`findings-tab-${which}`}
      aria-selected={tab === which}
      aria-controls="findings-panel"
      onClick={() => setTab(which)}
    >
      {label}
    </button>
  );

  return (
    <section>
      <ScreenHeading>Findings</ScreenHeading>
      <div class="row wrap" role="tablist" aria-label="Findings">
        {tabButton('open', `Open (${findings.length})`)}
        {tabButton('dismissed', `Dismissed (${dismissed.length})`)}
      </div>
      <Message said={said} />
      <div id="findings-panel" role="tabpanel" aria-labelledby={`findings-tab-${tab}`}>
        {tab === 'open' ? (
          <>
            <div class="row wrap" role="radiogroup" aria-label="Group by">
              {(['rule', 'system', 'person'] as const).map((g) => (
                <label key={g} class="check">
                  <input type="radio" name="group-by" checked={by === g} onChange={() => setBy(g)} /> By {g}
                </label>
              ))}
              <span class="muted">{findings.length} open</span>
            </div>
            {findings.length === 0 && <p class="empty">No open findings. Every login checks out.</p>}
            {groups.map((group) => (
              <details key={`${by}-${group.key}`} class="group" open={groups.length <= 3}>
                <summary>
                  <strong>{group.label}</strong> <span class="muted">({group.findings.length})</span>
                </summary>
                <ul class="findings">
                  {group.findings.slice(0, 100).map((finding) => {
                    const claim = claims.get(finding.id);
                    return (
                      <FindingItem
                        key={finding.id}
                        finding={finding}
                        label={claim && claim.status !== 'confirmed' ? claimState(claim) : undefined}
                        dismissable={canDismiss}
                        onDismissed={
                          canDismiss
                            ? (f) =>
                                setSaid({
                                  kind: 'ok',
                                  text: `Dismissed “${f.title}”.`,
                                  undo: () => {
                                    setSaid(null);
                                    void send('undismissFinding', f.id);
                                  },
                                })
                            : undefined
                        }
                      >
                        <FixLinks finding={finding} tables={tables} />
                        {claim && <ClaimNote claim={claim} />}
                        {canClaim && claim?.status !== 'waiting' && (
                          <button type="button" onClick={() => void claimFixed(finding)}>
                            I fixed this
                          </button>
                        )}
                      </FindingItem>
                    );
                  })}
                </ul>
              </details>
            ))}
            {settled.length > 0 && (
              <>
                <h3>Fixes</h3>
                <ul aria-label="Fixes">
                  {settled.map((claim) => (
                    <li key={claim.findingId}>
                      <strong>{claimState(claim)}:</strong> {claim.title} <ClaimNote claim={claim} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : dismissed.length === 0 ? (
          <p class="empty">No finding is dismissed.</p>
        ) : (
          <ul aria-label="Dismissed findings" class="stack">
            {dismissed.map((d) => (
              <li key={d.findingId} class="row wrap spread">
                <span>
                  <strong>{d.title ?? ruleLabel(d.findingId.split(':')[0] as Finding['ruleId'])}</strong>
                  <br />
                  <span class="muted">
                    Dismissed by {d.dismissedByName ?? 'you'} on {formatDate(d.dismissedAt)}, until{' '}
                    {formatDate(d.expiresAt)}: “{d.reason}”{d.sent ? '' : ' (waiting to reach the server)'}
                  </span>
                </span>
                {canDismiss && (
                  <button
                    type="button"
                    class="link"
                    aria-label={`Undo the dismissal of ${d.title ?? d.findingId}`}
                    onClick={async () => {
                      const result = await send('undismissFinding', d.findingId);
                      setSaid(
                        result.ok ? { kind: 'ok', text: 'The finding is open again.' } : problemOf(result),
                      );
                    }}
                  >
                    Undo
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** Who said a finding was fixed and when; what the capture after it still showed. */
function ClaimNote({ claim }: { claim: FixClaim }) {
  return (
    <p class="muted claim">
      {claimState(claim)}: {claim.claimedByName} said it was fixed on {formatDate(claim.claimedAt)}
      {claim.checkedAt !== null && `; checked against the user list captured ${formatDate(claim.checkedAt)}`}.
      {claim.evidence && (
        <>
          {' '}
          The list still showed: <span class="evidence">{claim.evidence}</span>
        </>
      )}
    </p>
  );
}

/** Where a finding is fixed: the person's page, and the system's user list. */
function FixLinks({ finding, tables }: { finding: Finding; tables: Tables }) {
  const page = finding.systemId ? adminPageOf(tables, finding.systemId) : null;
  return (
    <p class="fix-links row wrap">
      {finding.personIds.map((id) => (
        <a key={id} href={href('staff', id)}>
          {tables.person[id]?.name ?? 'Person'}
        </a>
      ))}
      {page && (
        <a href={page} target="_blank" rel="noreferrer">
          Fix in {tables.system[finding.systemId ?? '']?.name}
        </a>
      )}
    </p>
  );
}
