import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendToBackground } from '../../lib/messaging';
import { loginTypedInto } from '../../lib/sign-in/login-field';

/**
 * Runs only on the sign-in pages of the firm's systems, in a browser that joined as staff: the
 * background registers it at run time with those systems' sign-in URL patterns. It notes the login
 * typed into a sign-in form when the form is submitted and nothing else: no password, no other
 * field, nothing on any other page (sign-in/login-field.ts).
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_start',
  main() {
    // The form showing again right after a submit means the sign-in failed: the held one is dropped.
    void sendToBackground('signInFormShown', { pageUrl: location.href });
    document.addEventListener(
      'submit',
      (event) => {
        if (!(event.target instanceof HTMLFormElement)) return;
        const login = loginTypedInto(event.target);
        if (login) void sendToBackground('signInSubmitted', { pageUrl: location.href, login });
      },
      // Capture: the page's own handler may stop the event or navigate before it bubbles.
      { capture: true },
    );
  },
});
