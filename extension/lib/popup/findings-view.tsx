import { useMemo, useState } from 'preact/hooks';
import type { Finding, RuleId, Severity } from '../../../shared/schemas/findings';
import type { Tables } from '../sync/local-copy';
import { todayIso, useSend } from './popup-context';

const SEVERITY_HEADING: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
// The popup keeps zod out of its bundle, so it lists the order here; the Record above checks it is complete.
const SEVERITY_ORDER = Object.keys(SEVERITY_HEADING) as Severity[];
const DAY_MS = 86_400_000;

/** Findings grouped by severity with their tips; filters; dismiss with a reason and an expiry. */
export function FindingsView({
  findings,
  tables,
  openId,
}: {
  findings: readonly Finding[];
  tables: Tables;
  /** A finding to show open, e.g. one picked on the home view. */
  openId: string | null;
}) {
  const [system, setSystem] = useState('');
  const [person, setPerson] = useState('');
  const [rule, setRule] = useState('');
  /** The finding just dismissed here, which Undo brings back. */
  const [dismissed, setDismissed] = useState<Finding | null>(null);
  const send = useSend();

  const shown = useMemo(
    () =>
      findings.filter(
        (f) =>
          (!system || f.systemId === system) &&
          (!person || f.personIds.includes(person)) &&
          (!rule || f.ruleId === rule),
      ),
    [findings, system, person, rule],
  );
  const systems = useMemo(
    () =>
      uniqueOptions(
        findings.map((f) => f.systemId),
        (id) => tables.system[id]?.name,
      ),
    [findings, tables],
  );
  const people = useMemo(
    () =>
      uniqueOptions(
        findings.flatMap((f) => f.personIds),
        (id) => tables.person[id]?.name,
      ),
    [findings, tables],
  );
  const rules = useMemo(() => [...new Set(findings.map((f) => f.ruleId))].sort(), [findings]);

  return (
    <section class="view" aria-labelledby="findings-heading">
      <h2 id="findings-heading" tabIndex={-1}>
        Findings
      </h2>
      {dismissed && (
        <p class="notice row spread" role="status">
          <span>Dismissed “{dismissed.title}”.</span>
          <button
            type="button"
            class="link"
            onClick={() => {
              setDismissed(null);
              void send('undismissFinding', dismissed.id);
            }}
          >
            Undo
          </button>
        </p>
      )}
      <fieldset class="filters">
        <legend class="visually-hidden">Filter findings</legend>
        <label>
          System
          <select value={system} onChange={(e) => setSystem(e.currentTarget.value)}>
            <option value="">All</option>
            {systems.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Person
          <select value={person} onChange={(e) => setPerson(e.currentTarget.value)}>
            <option value="">All</option>
            {people.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rule
          <select value={rule} onChange={(e) => setRule(e.currentTarget.value)}>
            <option value="">All</option>
            {rules.map((id) => (
              <option key={id} value={id}>
                {ruleLabel(id)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {findings.length === 0 ? (
        <p class="empty">No open findings.</p>
      ) : shown.length === 0 ? (
        <p class="empty">No findings match these filters.</p>
      ) : (
        SEVERITY_ORDER.map((severity) => {
          const group = shown.filter((f) => f.severity === severity);
          if (group.length === 0) return null;
          return (
            <section key={severity} aria-label={`${SEVERITY_HEADING[severity]} findings`}>
              <h3 class={`sev-heading sev-${severity}`}>
                {SEVERITY_HEADING[severity]} <span class="muted">({group.length})</span>
              </h3>
              <ul class="findings">
                {group.map((finding) => (
                  <FindingItem
                    key={finding.id}
                    finding={finding}
                    open={finding.id === openId}
                    onDismissed={setDismissed}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </section>
  );
}

export function ruleLabel(id: RuleId): string {
  return id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function uniqueOptions(ids: (string | null)[], name: (id: string) => string | undefined): [string, string][] {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  return unique.map((id): [string, string] => [id, name(id) ?? id]).sort((a, b) => a[1].localeCompare(b[1]));
}

export function FindingItem({
  finding,
  open = false,
  onDismissed,
  children,
  dismissable = true,
  label,
}: {
  finding: Finding;
  /** Where the finding stands, shown beside its title: "Fixed — waiting for the next capture". */
  label?: string;
  /** Whether the member may dismiss it (auditors may not). */
  dismissable?: boolean;
  open?: boolean;
  /** More to show under the tip, such as where the finding is fixed. */
  children?: preact.ComponentChildren;
  /** After the finding is dismissed (it leaves the list): where Undo can be offered. */
  onDismissed?: (finding: Finding) => void;
}) {
  const [dismissing, setDismissing] = useState(false);
  return (
    <li class={`finding sev-${finding.severity}`}>
      <details open={open}>
        <summary>
          {finding.title}
          {label && <span class="finding-label"> · {label}</span>}
        </summary>
        <p class="evidence">{finding.evidence}</p>
        <p>
          <strong>Why it matters: </strong>
          {finding.tip.why}
        </p>
        <p>
          <strong>Fix: </strong>
          {finding.tip.fix}
        </p>
        {children}
        {dismissing ? (
          <DismissForm
            finding={finding}
            onCancel={() => setDismissing(false)}
            onDismissed={() => {
              setDismissing(false);
              onDismissed?.(finding);
            }}
          />
        ) : (
          dismissable && (
            <button type="button" onClick={() => setDismissing(true)}>
              Dismiss…
            </button>
          )
        )}
      </details>
    </li>
  );
}

function DismissForm({
  finding,
  onCancel,
  onDismissed,
}: {
  finding: Finding;
  onCancel: () => void;
  onDismissed: () => void;
}) {
  const send = useSend();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(todayIso(Date.now() + 90 * DAY_MS));
  const [error, setError] = useState<string | null>(null);
  const id = finding.id.replace(/[^\w-]/g, '_');

  async function submit(event: Event) {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Say why this risk is accepted.');
      return;
    }
    // The end of the chosen day, in the browser's time zone.
    const expiresAt = new Date(`${until}T23:59:59`).getTime();
    const result = await send('dismissFinding', {
      findingId: finding.id,
      fingerprint: finding.fingerprint,
      reason,
      expiresAt,
    });
    if (result.ok) onDismissed();
    else setError(result.message);
  }

  return (
    <form class="stack dismiss" onSubmit={submit} noValidate>
      <label for={`reason-${id}`}>Reason for accepting the risk</label>
      <textarea
        id={`reason-${id}`}
        value={reason}
        rows={2}
        required
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <label for={`until-${id}`}>Until</label>
      <input
        id={`until-${id}`}
        type="date"
        value={until}
        min={todayIso(Date.now() + DAY_MS)}
        required
        onInput={(e) => setUntil(e.currentTarget.value)}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="muted">
        Applies at once here, and reaches the server with the next sync so it holds for the whole firm.
      </p>
      <div class="row">
        <button type="submit" class="primary">
          Dismiss
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
