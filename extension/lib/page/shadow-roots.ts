import { addsPageElements } from './frames';

/** How long after the page adds elements its shadow roots are looked for again, at most this often. */
const LOOK_AGAIN_MS = 1000;

/**
 * The open shadow roots of a document, where web-component apps draw their lists (Home Assistant,
 * SAP's UI5 Web Components, ServiceNow's Next Experience): the page's own queries and observers do
 * not reach into them, so each is handed over once, to be read as a document of its own, and
 * looked into for shadow roots in turn. Their hosts are custom elements (a hyphen in the name). They
 * are looked for once the page's own lists are read (a look walks every element of the document or
 * root, about 10 ms on a 5,000-row table), and again, at most once a second, after the document or
 * a root adds elements: components draw into their shadow roots after they are put in. A closed
 * shadow root is the component's own, and left alone.
 */
export function watchShadowRoots(
  root: Document | ShadowRoot,
  onRoot: (shadow: ShadowRoot) => void,
  signal: AbortSignal,
): void {
  const handed = new WeakSet<ShadowRoot>();
  const view = ('defaultView' in root ? root : root.ownerDocument).defaultView;

  const watch = (within: Document | ShadowRoot) => {
    let waiting = false;
    const look = () => {
      waiting = false;
      if (signal.aborted) return;
      for (const element of within.querySelectorAll('*')) {
        if (!element.localName.includes('-')) continue;
        const shadow = element.shadowRoot;
        if (!shadow || handed.has(shadow)) continue;
        handed.add(shadow);
        onRoot(shadow);
        watch(shadow);
      }
    };
    const lookWhenIdle = (after: number) => {
      waiting = true;
      setTimeout(() => {
        if (view?.requestIdleCallback) view.requestIdleCallback(look, { timeout: LOOK_AGAIN_MS });
        else look();
      }, after);
    };
    lookWhenIdle(0);
    const observer = new MutationObserver((records) => {
      if (!waiting && records.some(addsPageElements)) lookWhenIdle(LOOK_AGAIN_MS);
    });
    observer.observe(within, { childList: true, subtree: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  };
  watch(root);
}
