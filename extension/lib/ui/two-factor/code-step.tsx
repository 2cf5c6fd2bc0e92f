import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../../result';
import './two-factor.css';

export type SecondFactorAnswer = { code: string } | { recoveryCode: string };

/**
 * The second step of a sign-in: the six-digit code of the member's authenticator app, or, when
 * the phone is not at hand, one of their recovery codes. `submit` answers the server's verdict.
 */
export function CodeStep({
  email,
  submit,
  onCancel,
}: {
  email: string;
  submit: (answer: SecondFactorAnswer) => Promise<Result<unknown>>;
  onCancel: () => void;
}) {
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The member arrives here from the password: the cursor waits in the one field there is.
  useEffect(() => input.current?.focus(), [recovery]);

  async function onSubmit(event: Event) {
    event.preventDefault();
    const typed = value.trim();
    if (!recovery && !/^\d{6}$/.test(typed.replace(/\s/g, ''))) {
      setError('Enter the six digits your authenticator app shows.');
      return;
    }
    if (recovery && typed === '') {
      setError('Enter one of your recovery codes.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await submit(recovery ? { recoveryCode: typed } : { code: typed.replace(/\s/g, '') });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      setValue('');
    }
  }

  function switchTo(next: boolean) {
    setRecovery(next);
    setValue('');
    setError(null);
  }

  const id = recovery ? 'recovery-code' : 'one-time-code';
  return (
    <section class="view two-factor" aria-labelledby="code-step-heading">
      <h2 id="code-step-heading" tabIndex={-1}>
        Two-step sign-in
      </h2>
      <p class="muted">
        {recovery
          ? `Enter one of the recovery codes you saved for ${email}. Each works once.`
          : `Open your authenticator app and enter the code it shows for Rollcall (${email}).`}
      </p>
      <form class="stack" onSubmit={onSubmit} noValidate>
        <div class="field">
          <label for={id}>{recovery ? 'Recovery code' : 'Six-digit code'}</label>
          <input
            id={id}
            class={recovery ? 'recovery-input' : 'code-input'}
            value={value}
            required
            autocomplete="one-time-code"
            inputMode={recovery ? 'text' : 'numeric'}
            maxLength={recovery ? 40 : 7}
            spellcheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            ref={input}
            onInput={(e) => {
              setValue(e.currentTarget.value);
              setError(null);
            }}
          />
          {error && (
            <small class="error" id={`${id}-error`} role="alert">
              {error}
            </small>
          )}
        </div>
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      <p class="row spread">
        <button type="button" class="link" onClick={() => switchTo(!recovery)}>
          {recovery ? 'Use the code from my app' : 'Use a recovery code instead'}
        </button>
        <button type="button" class="link" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </section>
  );
}
