import { useState } from 'preact/hooks';
import { PASSWORD_MIN_LENGTH } from '../../../shared/schemas/password-length';
import { useSend } from '../popup/popup-context';
import { Field } from '../popup/sign-in';
import { serverUrlItem } from '../storage';

/**
 * Accepting an invitation from the one-time link a colleague handed over: the link names the
 * server and the setup token; the new member gives their name and a password, and is signed in.
 */
export function JoinScreen({ token, server }: { token: string | null; server: string | null }) {
  const send = useSend();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [secondStep, setSecondStep] = useState(false);

  if (!token || !server)
    return (
      <p class="error" role="alert">
        This invitation link is incomplete. Ask for a new one.
      </p>
    );

  async function accept(event: Event) {
    event.preventDefault();
    if (!token || !server) return;
    setBusy(true);
    await serverUrlItem.setValue(server);
    const result = await send('acceptInvite', { setupToken: token, name: name.trim(), password });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    if (result.value) setSecondStep(true);
    else location.assign('#/overview');
  }

  if (secondStep)
    return (
      <div class="stack" role="status">
        <h2>One more step: two-step sign-in</h2>
        <p>
          Your firm asks members with your role to sign in with a code from an authenticator app too. Open the
          Rollcall popup from the browser's toolbar to set it up; then come back here.
        </p>
      </div>
    );

  return (
    <form class="stack" onSubmit={accept} noValidate aria-labelledby="join-heading">
      <h2 id="join-heading">Join your firm on Rollcall</h2>
      <p class="muted">
        You were invited to the Rollcall server at {server}. Choose your name and a password.
      </p>
      <Field id="join-name" label="Your name">
        <input
          id="join-name"
          autocomplete="name"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      <Field
        id="join-password"
        label="Password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words work well.`}
      >
        <input
          id="join-password"
          type="password"
          autocomplete="new-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        Join and sign in
      </button>
    </form>
  );
}
