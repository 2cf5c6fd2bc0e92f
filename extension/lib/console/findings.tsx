import { useMemo, useState } from 'preact/hooks';
import { contract } from '../../../shared/contract';
import type { Finding } from '../../../shared/schemas/findings';
import { FindingItem, ruleLabel } from '../popup/findings-view';
import { useSend, useStored } from '../popup/popup-context';
import { dismissalsItem } from '../storage';
import type { Tables } from '../sync/local-copy';
import { formatDate } from '../ui/format-date';
import { useConsole, useDirectory } from './console-context';
import { href } from './routes';
import { adminPageOf } from './staff';
import { Loading, Message, type Said, ScreenHeading } from './ui';

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

/** Every open finding, grouped as the admin chooses, with where each is fixed; dismissed ones with undo. */
export function FindingsScreen() {
  const { tables, findings } = useDirectory();
  const { can } = useConsole();
  const send = useSend();
  const dismissals = useStored(dismissalsItem);
  const [by, setBy] = useState<Grouping>('rule');
  const [said, setSaid] = useState<Said>(null);
  const groups = useMemo(
    () => (tables && findings ? groupFindings(findings, by, tables) : []),
    [findings, by, tables],
  );
  if (!tables || !findings) return <Loading what="findings" />;
  const dismissed = (dismissals ?? []).filter((d) => !d.takenBack && d.expiresAt > Date.now());
  const canDismiss = can(contract.findings.dismiss);

  return (
    <section>
      <ScreenHeading>Findings</ScreenHeading>
      <div class="row wrap" role="radiogroup" aria-label="Group by">
        {(['rule', 'system', 'person'] as const).map((g) => (
          <label key={g} class="check">
            <input type="radio" name="group-by" checked={by === g} onChange={() => setBy(g)} /> By {g}
          </label>
        ))}
        <span class="muted">{findings.length} open</span>
      </div>
      <Message said={said} />
      {findings.length === 0 && <p class="empty">No open findings. Every login checks out.</p>}
      {groups.map((group) => (
        <details key={`${by}-${group.key}`} class="group" open={groups.length <= 3}>
          <summary>
            <strong>{group.label}</strong> <span class="muted">({group.findings.length})</span>
          </summary>
          <ul class="findings">
            {group.findings.slice(0, 100).map((finding) => (
              <FindingItem
                key={finding.id}
                finding={finding}
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
              </FindingItem>
            ))}
          </ul>
        </details>
      ))}
      <h3>Dismissed here</h3>
      {dismissed.length === 0 ? (
        <p class="empty">Nothing dismissed from this browser.</p>
      ) : (
        <ul aria-label="Dismissed findings">
          {dismissed.map((d) => (
            <li key={d.findingId} class="row wrap spread">
              <span>
                {d.findingId.split(':')[0]}: “{d.reason}”, until {formatDate(d.expiresAt)}
              </span>
              {canDismiss && (
                <button type="button" class="link" onClick={() => void send('undismissFinding', d.findingId)}>
                  Undo
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
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
