import { useCallback, useState } from 'preact/hooks';
import type { SignInStep } from '../storage';
import { CodeStep } from '../ui/two-factor/code-step';
import { EnrolmentSteps } from '../ui/two-factor/enrolment';
import { useSend } from './popup-context';

/** The popup's second step of a sign-in: the code, or setting up a second factor the firm requires. */
export function SecondStep({ step }: { step: SignInStep }) {
  const send = useSend();
  const cancel = useCallback(() => void send('endSignInStep'), [send]);
  const start = useCallback(() => send('startSecondFactor'), [send]);
  const confirm = useCallback((code: string) => send('confirmSecondFactor', { code }), [send]);
  // Confirming signs in and marks the step `enrolled`: the setup stays on screen for its codes.
  const [settingUp] = useState(step.step === 'enrol');

  if (step.step === 'code') {
    return (
      <CodeStep email={step.email} submit={(answer) => send('giveSecondFactor', answer)} onCancel={cancel} />
    );
  }
  if (step.step === 'enrolled' && !settingUp) {
    // The popup was closed while the recovery codes showed: they are not shown again.
    return (
      <section class="view" aria-labelledby="enrolled-heading">
        <h2 id="enrolled-heading">Two-step sign-in is on</h2>
        <p>You are signed in. Keep the recovery codes you saved: they are not shown again.</p>
        <button type="button" class="primary" onClick={cancel}>
          Continue
        </button>
      </section>
    );
  }
  return (
    <EnrolmentSteps
      intro={`Your firm asks owners and admins to sign in with a second step: a code from an app on your phone. Set it up now to finish signing in as ${step.email}.`}
      start={start}
      confirm={confirm}
      onDone={cancel}
      onCancel={cancel}
    />
  );
}

/** A signed-in member sets up a second factor of their own accord. */
export function SetUpSecondFactor({ onClose }: { onClose: () => void }) {
  const send = useSend();
  const start = useCallback(() => send('startSecondFactor'), [send]);
  const confirm = useCallback((code: string) => send('confirmSecondFactor', { code }), [send]);
  return (
    <EnrolmentSteps
      intro="Sign in with a second step: a code from an app on your phone as well as your password. Someone who learns your password still cannot sign in as you."
      start={start}
      confirm={confirm}
      onDone={onClose}
      onCancel={onClose}
    />
  );
}
