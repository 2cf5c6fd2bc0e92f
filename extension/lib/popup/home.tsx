import { nextScoreStep, SEVERITY_WEIGHT } from '../../../shared/rules/health';
import type { CheckedCounts, Finding, FindingsSummary } from '../../../shared/schemas/findings';

const SEVERITY_LABEL = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' } as const;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What the firm still has to add before Rollcall can score it, in plain words. */
function notCheckedText(checked: CheckedCounts): string {
  if (checked.people === 0 && checked.systems === 0)
    return 'Add your staff and the systems they sign in to, and Rollcall scores how clean their access is.';
  if (checked.people === 0) return 'Add your staff, so Rollcall can tell whose each login is.';
  if (checked.systems === 0) return 'Add the systems your staff sign in to, in the options page.';
  return 'Open a system’s user list in this browser and press “Sync this list to Rollcall”, or add its logins, so Rollcall can check them.';
}

/** A weight as people read it: ¼ rather than 0.25. */
const weight = (w: number) => (w === 0.25 ? '¼' : String(w));

/** What the score counts and how to raise it, folded away until asked. */
function ScoreExplained({ summary }: { summary: FindingsSummary }) {
  const { people, systems, logins } = summary.checked;
  return (
    <details class="score-why">
      <summary>How is this worked out?</summary>
      <p>
        Rollcall checked {count(people, 'person', 'people')} and {count(logins, 'login')} in{' '}
        {count(systems, 'system')} against its security tips.
      </p>
      <p>
        Each open finding counts against the score by how serious it is — critical{' '}
        {weight(SEVERITY_WEIGHT.critical)}, high {weight(SEVERITY_WEIGHT.high)}, medium{' '}
        {weight(SEVERITY_WEIGHT.medium)}, low {weight(SEVERITY_WEIGHT.low)} — against the number of people:
        score = 100 × people ÷ (people + weighted findings). So one medium finding per person reads 50, and
        100 means nothing is open.
      </p>
      <p>
        To raise it, fix the findings below, worst first: each one fixed raises it. A dismissed finding no
        longer counts.
      </p>
    </details>
  );
}

/** How the firm is doing and what to fix first. */
export function Home({
  top,
  summary,
  onOpenFinding,
  onOpenFindings,
  onAddPerson,
  onOpenOptions,
}: {
  /** The first three open findings. */
  top: readonly Finding[];
  summary: FindingsSummary;
  onOpenFinding: (finding: Finding) => void;
  onOpenFindings: () => void;
  onAddPerson: () => void;
  /** Opens the options page, where systems are added. */
  onOpenOptions: () => void;
}) {
  const { counts, healthScore: score } = summary;
  const next = nextScoreStep(summary);
  return (
    <section class="view" aria-labelledby="home-heading">
      <h2 id="home-heading" class="visually-hidden" tabIndex={-1}>
        Home
      </h2>
      {score === null ? (
        <div class="not-checked">
          <p class="score-value" data-testid="health-score">
            Not checked yet
          </p>
          <p class="muted">{notCheckedText(summary.checked)}</p>
          <p class="row">
            {summary.checked.people === 0 && (
              <button type="button" class="primary" onClick={onAddPerson}>
                Add a person
              </button>
            )}
            {summary.checked.systems === 0 && (
              <button type="button" onClick={onOpenOptions}>
                Add a system
              </button>
            )}
          </p>
        </div>
      ) : (
        <>
          <div class="score">
            <p
              class={`score-value ${score >= 80 ? 'good' : score >= 50 ? 'fair' : 'poor'}`}
              data-testid="health-score"
            >
              <span>{score}</span>
              <small>/100</small>
            </p>
            <p class="muted">Health score</p>
          </div>
          {next && (
            <p class="score-next" data-testid="score-next">
              {next.fixes === 1
                ? `Fix the first finding below to raise it to ${next.score}.`
                : `Fix the ${next.fixes} worst findings to raise it to ${next.score}.`}
            </p>
          )}
          <ScoreExplained summary={summary} />
        </>
      )}
      {(score !== null || summary.total > 0) && (
        <>
          <ul class="counts" aria-label="Open findings by severity">
            {(Object.keys(SEVERITY_LABEL) as (keyof typeof SEVERITY_LABEL)[]).map((severity) => (
              <li key={severity} class={`count sev-${severity}`}>
                <strong>{counts[severity]}</strong> {SEVERITY_LABEL[severity]}
              </li>
            ))}
          </ul>
          <h3>Fix first</h3>
          {top.length === 0 ? (
            <p class="empty">Nothing to fix. Every login checks out.</p>
          ) : (
            <ol class="top-fixes">
              {top.map((finding) => (
                <li key={finding.id}>
                  <button
                    type="button"
                    class={`fix sev-${finding.severity}`}
                    onClick={() => onOpenFinding(finding)}
                  >
                    <span class="sev-tag">{SEVERITY_LABEL[finding.severity]}</span>
                    <span class="fix-title">{finding.title}</span>
                    <span class="fix-do">{finding.tip.fix}</span>
                  </button>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {summary.total > 3 && (
        <button type="button" class="link" onClick={onOpenFindings}>
          See all {summary.total} findings
        </button>
      )}
    </section>
  );
}
