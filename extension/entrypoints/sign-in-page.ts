import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { noteToBackground } from '../lib/messaging';
import { loginTypedInto } from '../lib/sign-in/login-field';

/**
 * Runs only on the sign-in pages of the firm's systems, in a browser that joined as staff: the
 * background registers it at run time with those systems' sign-in URL patterns
 * (sign-in/sign-in-scripts.ts). On load it attaches one listener and does nothing else; when a
 * sign-in form is sent it reads the login typed into it and nothing more: no password, no other
 * field (sign-in/login-field.ts). Whether the sign-in worked is judged by the background from where
 * the tab went (sign-in/sign-in-watch.ts). A plain script, not a WXT content script: it needs none
 * of the content-script context's machinery, and the page pays for none of it.
 */
export default defineUnlistedScript(() => {
  document.addEventListener(
    'submit',
    (event) => {
      if (!(event.target instanceof HTMLFormElement)) return;
      const login = loginTypedInto(event.target);
      if (login) noteToBackground('signInSubmitted', { pageUrl: location.href, login });
    },
    // Capture: the page's own handler may stop the event or navigate before it bubbles.
    { capture: true },
  );
});
