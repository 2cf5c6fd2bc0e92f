import { useRef, useState } from 'preact/hooks';
import type { FieldError } from '../../../shared/schemas/problem';
import { serverUrlProblem } from '../server-url';
import { type SignedInAs, serverUrlItem } from '../storage';
import { useSend, useStored } from './popup-context';

type Mode = 'sign-in' | 'sign-up';

/** Sign in to a Rollcall server, or make a new firm on it. */
export function SignIn(props: { expired: SignedInAs | null; waiting: number }) {
  const storedUrl = useStored(serverUrlItem);
  if (storedUrl === undefined) {
    return (
      <p class="status" aria-busy="true">
        Loading…
      </p>
    );
  }
  return <SignInForm {...props} storedUrl={storedUrl} />;
}

function SignInForm({
  expired,
  waiting,
  storedUrl,
}: {
  expired: SignedInAs | null;
  waiting: number;
  storedUrl: string;
}) {
  const send = useSend();
  const [mode, setMode] = useState<Mode>('sign-in');
  const [serverUrl, setServerUrl] = useState(storedUrl);
  const [email, setEmail] = useState(expired?.member.email ?? '');
  const [password, setPassword] = useState('');
  const [firm, setFirm] = useState('');
  const [name, setName] = useState('');
  const [secondFactorRequired, setSecondFactorRequired] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: FieldError[] } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const urlProblem = serverUrlProblem(serverUrl);
    if (urlProblem) {
      setError({ message: urlProblem, fields: [{ field: 'serverUrl', message: urlProblem }] });
      return;
    }
    setBusy(true);
    setError(null);
    await serverUrlItem.setValue(new URL(serverUrl).origin);
    const result =
      mode === 'sign-in'
        ? await send('signIn', { email, password })
        : await send('signUp', { organisationName: firm, name, email, password, secondFactorRequired });
    setBusy(false);
    if (!result.ok) setError({ message: result.message, fields: result.fields });
  }

  /** A field changes: what was said about the last attempt no longer holds. */
  function edit(set: (value: string) => void, value: string) {
    set(value);
    setError(null);
  }

  function switchMode(next: Mode) {
    setMode(next);
    setError(null);
    heading.current?.focus();
  }

  const onForm =
    mode === 'sign-up'
      ? ['serverUrl', 'organisationName', 'name', 'email', 'password']
      : ['serverUrl', 'email', 'password'];
  const fieldMessage = (field: string) =>
    error?.fields.find((f) => f.field === field || f.field === `body.${field}`)?.message;
  const fieldError = (field: string, label: string) => {
    const message = fieldMessage(field);
    return message && `${label}: ${message}`;
  };
  // Each error once: the form's message only when no field already says what is wrong.
  const formError = error && !onForm.some((field) => fieldMessage(field)) ? error.message : null;

  return (
    <section class="view" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading" ref={heading} tabIndex={-1}>
        {mode === 'sign-in' ? 'Sign in to Rollcall' : 'Create your firm on Rollcall'}
      </h2>
      {expired && (
        <p class="notice" role="status">
          Your session ended. Sign in again
          {waiting > 0 ? ` — ${waiting} change${waiting === 1 ? '' : 's'} waiting will be sent then.` : '.'}
        </p>
      )}
      <form class="stack" onSubmit={submit} noValidate>
        <Field id="server-url" label="Server" error={fieldError('serverUrl', 'Server')}>
          <input
            id="server-url"
            type="url"
            value={serverUrl}
            required
            onInput={(e) => edit(setServerUrl, e.currentTarget.value)}
          />
        </Field>
        {mode === 'sign-up' && (
          <>
            <Field id="firm-name" label="Firm name" error={fieldError('organisationName', 'Firm name')}>
              <input
                id="firm-name"
                value={firm}
                required
                onInput={(e) => edit(setFirm, e.currentTarget.value)}
              />
            </Field>
            <Field id="your-name" label="Your name" error={fieldError('name', 'Your name')}>
              <input
                id="your-name"
                value={name}
                required
                autocomplete="name"
                onInput={(e) => edit(setName, e.currentTarget.value)}
              />
            </Field>
          </>
        )}
        <Field id="email" label="Email" error={fieldError('email', 'Email')}>
          <input
            id="email"
            type="email"
            value={email}
            required
            autocomplete="username"
            onInput={(e) => edit(setEmail, e.currentTarget.value)}
          />
        </Field>
        <Field
          id="password"
          label="Password"
          error={fieldError('password', 'Password')}
          hint={mode === 'sign-up' ? 'At least 12 characters. A phrase of a few words is good.' : undefined}
        >
          <input
            id="password"
            type="password"
            value={password}
            required
            autocomplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
            onInput={(e) => edit(setPassword, e.currentTarget.value)}
          />
        </Field>
        {mode === 'sign-up' && (
          <div class="field">
            <label class="row">
              <input
                type="checkbox"
                checked={secondFactorRequired}
                onChange={(e) => setSecondFactorRequired(e.currentTarget.checked)}
              />
              Owners and admins sign in with two steps (recommended)
            </label>
            <small class="muted">
              A code from an app on their phone as well as the password. You set yours up next.
            </small>
          </div>
        )}
        {formError && (
          <p class="error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Please wait…' : mode === 'sign-in' ? 'Sign in' : 'Create firm and sign in'}
        </button>
      </form>
      <p class="muted">
        {mode === 'sign-in' ? 'New to Rollcall? ' : 'Already have an account? '}
        <button
          type="button"
          class="link"
          onClick={() => switchMode(mode === 'sign-in' ? 'sign-up' : 'sign-in')}
        >
          {mode === 'sign-in' ? 'Create a firm' : 'Sign in'}
        </button>
      </p>
    </section>
  );
}

/**
 * A labelled form field; `error` is the whole message, naming the field ("Name: required."), and
 * `hint` is found by `${id}-hint` for the input's aria-describedby.
 */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: preact.ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <small class="muted" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      {error && (
        <small class="error" id={`${id}-error`} role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
