import type { Finding, FindingsSummary } from '../../../shared/schemas/findings';

const SEVERITY_LABEL = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' } as const;

/** How the firm is doing and what to fix first. */
export function Home({
  top,
  summary,
  directoryEmpty,
  onOpenFinding,
  onOpenFindings,
  onAddPerson,
}: {
  /** The first three open findings. */
  top: readonly Finding[];
  summary: FindingsSummary;
  directoryEmpty: boolean;
  onOpenFinding: (finding: Finding) => void;
  onOpenFindings: () => void;
  onAddPerson: () => void;
}) {
  const { counts, healthScore: score } = summary;
  return (
    <section class="view" aria-labelledby="home-heading">
      <h2 id="home-heading" class="visually-hidden" tabIndex={-1}>
        Home
      </h2>
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
      <ul class="counts" aria-label="Open findings by severity">
        {(Object.keys(SEVERITY_LABEL) as (keyof typeof SEVERITY_LABEL)[]).map((severity) => (
          <li key={severity} class={`count sev-${severity}`}>
            <strong>{counts[severity]}</strong> {SEVERITY_LABEL[severity]}
          </li>
        ))}
      </ul>
      <h3>Fix first</h3>
      {top.length === 0 ? (
        directoryEmpty ? (
          <div class="empty">
            <p>Nothing to check yet. Add your staff and the systems they sign in to.</p>
            <button type="button" class="primary" onClick={onAddPerson}>
              Add a person
            </button>
          </div>
        ) : (
          <p class="empty">Nothing to fix. Every login checks out.</p>
        )
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
      {summary.total > 3 && (
        <button type="button" class="link" onClick={onOpenFindings}>
          See all {summary.total} findings
        </button>
      )}
    </section>
  );
}
