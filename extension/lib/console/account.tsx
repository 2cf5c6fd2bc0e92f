import { useState } from 'preact/hooks';
import { contract } from '../../../shared/contract';
import { PASSWORD_MIN_LENGTH } from '../../../shared/schemas/auth';
import { useSend } from '../popup/popup-context';
import { SetUpSecondFactor } from '../popup/second-step';
import { Field } from '../popup/sign-in';
import { callApi } from './api';
import { useConsole } from './console-context';
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
 * The member's second factor: whether it is on, and setting it up with the same steps the popup
 * shows (QR code, first code, recovery codes once). Only an owner can take one away (a lost phone),
 * on the Members screen; the server has no way for a member to turn their own off.
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
          {({ member }) =>
            member.secondFactor ? (
              <p data-testid="second-factor-status">
                <strong>On.</strong> You sign in with your password and a code from your authenticator app.
                Lost your phone? Sign in with one of your recovery codes, then ask an owner to reset your
                second factor (Members) and set it up again.
              </p>
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
