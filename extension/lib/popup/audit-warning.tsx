import { type AuditWitness, auditWitnessItem } from '../storage';
import { formatDate } from '../ui/format-date';
import { useStored } from './popup-context';

const TELL =
  'Tell whoever runs your Rollcall server, and keep this browser as it is: what it saw is evidence.';

/** What went wrong with the firm's record of changes, in plain words. */
export function auditWarningText(witness: AuditWitness): string | null {
  const { warning } = witness;
  if (!warning) return null;
  const saw =
    warning.knownSeq !== null && warning.knownAt !== null
      ? `this browser saw change ${warning.knownSeq} on ${formatDate(Date.parse(warning.knownAt))}`
      : 'this browser saw it before';
  switch (warning.kind) {
    case 'went-back':
      return `Rollcall’s record of changes has lost entries: ${saw}, but the server now shows ${
        warning.shownSeq === 0 ? 'none' : `only ${warning.shownSeq}`
      }. Someone may have deleted entries from the server’s database. ${TELL}`;
    case 'rewritten':
      return `Rollcall’s record of changes was rewritten: ${saw}, and the server now shows it differently. ${TELL}`;
    case 'signature-bad':
      return `Rollcall’s record of changes could not be confirmed: its latest seal does not check out with the server’s key, so the record may have been altered. ${TELL}`;
    case 'key-changed':
      return `The key that seals Rollcall’s record of changes is not the one this browser saw before. If it was not changed on purpose, the record may have been tampered with. ${TELL}`;
  }
}

/** The warning on the popup's home view when this browser's witness of the audit trail raised one. */
export function AuditWarning() {
  const witness = useStored(auditWitnessItem);
  const text = witness ? auditWarningText(witness) : null;
  if (!text) return null;
  return (
    <p class="error" role="alert" data-testid="audit-warning">
      {text}
    </p>
  );
}
