import { useState } from 'preact/hooks';
import { secondFactorRequired } from '../../../shared/schemas/organisation';
import { PASSWORD_MIN_LENGTH } from '../../../shared/schemas/password-length';
import { useSend } from '../popup/popup-context';
import { SetUpSecondFactor } from '../popup/second-step';
import { Field } from '../popup/sign-in';
import { RecoveryCodes } from '../ui/two-factor/enrolment';
import { callApi } from './api';
import { useConsole } from './console-context';
import { contract } from './contract';
import { LoadedView, Message, type Said, ScreenHeading, useLoaded } from './ui';

/** The signed-in member: who they are, their password, their second factor. */
export function AccountScreen() {
  const send = useSend();
  const { who } = useConsole();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [said, setSaid] = useState<Said>(null);

  async function change(event: Event) {
    event.preventDefault();
    const result = await callApi(send, contract.me.changePassword, {
      body: { currentPassword: current, newPassword: next },
    });
    if (!result.ok) return setSaid({ kind: 'error', text: result.message });
    setCurrent('');
    setNext('');
    setSaid({ kind: 'ok', text: 'Password changed. Your other sessions have ended.' });
  }

  return (
    <section>
      <ScreenHeading>My account</ScreenHeading>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{who.member.name}</dd>
        <dt>Email</dt>
        <dd>{who.member.email}</dd>
        <dt>Role</dt>
        <dd>{who.member.role}</dd>
        <dt>Firm</dt>
        <dd>{who.organisation.name}</dd>
      </dl>
      <form class="stack form-wide" onSubmit={change} noValidate aria-labelledby="password-heading">
        <h3 id="password-heading">Change password</h3>
        <Field id="current-password" label="Current password">
          <input
            id="current-password"
            type="password"
            autocomplete="current-password"
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </Field>
        <Field
          id="new-password"
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words work well.`}
        >
          <input
            id="new-password"
            type="password"
            autocomplete="new-password"
            value={next}
            onInput={(e) => setNext(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="primary">
          Change password
        </button>
        <Message said={said} />
      </form>
      <SecondFactorSection />
    </section>
  );
}

/**
 * The member's second factor: whether it is on; setting it up with the same steps the popup shows
 * (QR code, first code, recovery codes once); new recovery codes; turning it off. An owner resets
 * another member's (a lost phone) on the Members screen.
 */
function SecondFactorSection() {
  const send = useSend();
  const [me, reload] = useLoaded(() => callApi(send, contract.me.get), []);
  const [settingUp, setSettingUp] = useState(false);
  return (
    <section aria-labelledby="second-factor-heading" class="stack form-wide">
      <h3 id="second-factor-heading">Second factor</h3>
      {settingUp ? (
        <SetUpSecondFactor
          onClose={() => {
            setSettingUp(false);
            reload();
          }}
        />
      ) : (
        <LoadedView loaded={me} what="your second factor">
          {({ member, organisation }) =>
            member.secondFactor ? (
              <>
                <p data-testid="second-factor-status">
                  <strong>On.</strong> You sign in with your password and a code from your authenticator app.
                  Lost your phone? Sign in with one of your recovery codes, then ask an owner to reset your
                  second factor (Members) and set it up again.
                </p>
                <SecondFactorActions
                  onOff={reload}
                  mayTurnOff={!secondFactorRequired(member.role, organisation.settings)}
                />
              </>
            ) : (
              <>
                <p data-testid="second-factor-status">
                  <strong>Off.</strong> Anyone who learns your password can sign in as you. With a second
                  factor they also need the code your phone shows.
                </p>
                <p>
                  <button type="button" class="primary" onClick={() => setSettingUp(true)}>
                    Set up two-step sign-in
                  </button>
                </p>
              </>
            )
          }
        </LoadedView>
      )}
    </section>
  );
}

/**
 * With the second factor on: new recovery codes (the old ones stop working), or turning it off.
 * Each asks for the app's current code, so a session left open is not enough for either.
 */
function SecondFactorActions({ onOff, mayTurnOff }: { onOff: () => void; mayTurnOff: boolean }) {
  const send = useSend();
  const [doing, setDoing] = useState<'codes' | 'off' | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />;
  if (!doing)
    return (
      <p class="row wrap">
        <button type="button" onClick={() => setDoing('codes')}>
          New recovery codes…
        </button>
        {mayTurnOff ? (
          <button type="button" onClick={() => setDoing('off')}>
            Turn off…
          </button>
        ) : (
          <span class="muted">Your firm requires it of owners and admins, so it stays on.</span>
        )}
      </p>
    );

  async function submit(event: Event) {
    event.preventDefault();
    const typed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed)) return setError('Enter the six digits your authenticator app shows.');
    setError(null);
    if (doing === 'codes') {
      const result = await callApi(send, contract.me.newRecoveryCodes, { body: { code: typed } });
      if (!result.ok) return setError(result.message);
      setDoing(null);
      setCode('');
      setCodes(result.value.recoveryCodes);
      return;
    }
    const result = await callApi(send, contract.me.disableSecondFactor, { body: { code: typed } });
    if (!result.ok) return setError(result.message);
    setDoing(null);
    setCode('');
    onOff();
  }

  return (
    <form class="stack" onSubmit={submit} noValidate>
      <p>
        {doing === 'codes'
          ? 'New recovery codes replace the ones you have: the old ones stop working.'
          : 'Turning it off lets your password alone sign you in again.'}
      </p>
      <div class="field">
        <label for="second-factor-code">Six-digit code from your app</label>
        <input
          id="second-factor-code"
          class="code-input"
          value={code}
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'second-factor-code-error' : undefined}
          onInput={(e) => {
            setCode(e.currentTarget.value);
            setError(null);
          }}
        />
        {error && (
          <small class="error" id="second-factor-code-error" role="alert">
            {error}
          </small>
        )}
      </div>
      <p class="row wrap">
        <button type="submit" class={doing === 'off' ? 'danger' : 'primary'}>
          {doing === 'codes' ? 'Make new recovery codes' : 'Turn off two-step sign-in'}
        </button>
        <button
          type="button"
          onClick={() => {
            setDoing(null);
            setCode('');
            setError(null);
          }}
        >
          Cancel
        </button>
      </p>
    </form>
  );
}
