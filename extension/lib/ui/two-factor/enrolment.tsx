import { useEffect, useState } from 'preact/hooks';
import type { Result } from '../../result';
import { QrCode } from './qr-code';
import './two-factor.css';

export type Enrolment = { otpauthUri: string; manualKey: string };

/**
 * Setting up a second factor: a QR code for an authenticator app (and the key to type in
 * instead), the app's first code to confirm it, then the recovery codes, shown this once.
 * `start` and `confirm` ask the server; `onDone` follows once the codes are put away.
 */
export function EnrolmentSteps({
  intro,
  start,
  confirm,
  onDone,
  onCancel,
}: {
  intro: string;
  start: () => Promise<Result<Enrolment>>;
  confirm: (code: string) => Promise<Result<{ recoveryCodes: string[] }>>;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    start().then((result) => {
      if (!live) return;
      if (result.ok) setEnrolment(result.value);
      else setProblem(result.message);
    });
    return () => {
      live = false;
    };
  }, [start]);

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  return (
    <section class="view two-factor" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading" tabIndex={-1}>
        Set up two-step sign-in
      </h2>
      <p class="muted">{intro}</p>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {!enrolment && !problem && (
        <p class="status" role="status" aria-busy="true">
          Preparing…
        </p>
      )}
      {enrolment && (
        <>
          <ol class="enrol-steps">
            <li>
              Scan this QR code with an authenticator app on your phone (Google Authenticator, Microsoft
              Authenticator, 1Password, Bitwarden…).
              <div class="qr-frame">
                <QrCode text={enrolment.otpauthUri} label="QR code for your authenticator app" />
              </div>
              <details class="manual-key">
                <summary>Can’t scan it? Type this key instead</summary>
                <code data-testid="manual-key">{enrolment.manualKey.replace(/(.{4})/g, '$1 ').trim()}</code>
              </details>
            </li>
            <li>Enter the six-digit code the app then shows.</li>
          </ol>
          <ConfirmCode
            confirm={async (code) => {
              const result = await confirm(code);
              if (result.ok) setCodes(result.value.recoveryCodes);
              return result;
            }}
          />
        </>
      )}
      {onCancel && (
        <p>
          <button type="button" class="link" onClick={onCancel}>
            Cancel
          </button>
        </p>
      )}
    </section>
  );
}

function ConfirmCode({ confirm }: { confirm: (code: string) => Promise<Result<unknown>> }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: Event) {
    event.preventDefault();
    const typed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed)) {
      setError('Enter the six digits your authenticator app shows.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await confirm(typed);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      setCode('');
    }
  }
  return (
    <form class="stack" onSubmit={onSubmit} noValidate>
      <div class="field">
        <label for="enrol-code">Six-digit code</label>
        <input
          id="enrol-code"
          class="code-input"
          value={code}
          required
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'enrol-code-error' : undefined}
          onInput={(e) => {
            setCode(e.currentTarget.value);
            setError(null);
          }}
        />
        {error && (
          <small class="error" id="enrol-code-error" role="alert">
            {error}
          </small>
        )}
      </div>
      <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
        {busy ? 'Checking…' : 'Turn on two-step sign-in'}
      </button>
    </form>
  );
}

/** The recovery codes, shown once: copy them, and say they are put away. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <section class="view two-factor" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading" tabIndex={-1}>
        Save your recovery codes
      </h2>
      <p>
        Two-step sign-in is on. If you lose your phone, each of these codes signs you in once in place of the
        app’s code. Keep them somewhere safe, like a password manager:{' '}
        <strong>they are not shown again.</strong>
      </p>
      <ul class="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p class="row">
        <button type="button" onClick={copy}>
          Copy the codes
        </button>
        <span role="status" class="muted">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select them instead.' : ''}
        </span>
      </p>
      <button type="button" class="primary" onClick={onDone}>
        I have saved them — continue
      </button>
    </section>
  );
}
