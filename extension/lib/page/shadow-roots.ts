import { MARK_TAG_PREFIX } from './cell-text';
import { addsPageElements } from './frames';

/**
 * The elements of HTML, SVG and MathML pages hold, the most common first. A custom element (a
 * hyphen in its name) is none of them, so one query for the elements that are none of them finds
 * the hosts of a page's components without a call into the page per element: walking every element
 * took 70–90 ms on a 5,000-row table (55,000 elements, measured in an isolated world in Chromium),
 * the query 3–5 ms.
 */
const STANDARD_TAGS = `
  div span td tr a p li img input button label option th tbody thead table ul ol i b strong em
  small br hr h1 h2 h3 h4 h5 h6 section article aside nav header footer main form select textarea
  svg path g use circle rect line polyline polygon ellipse defs symbol clippath lineargradient stop
  mask text tspan title desc meta link script style noscript head body html iframe frame frameset
  picture source video audio canvas code pre blockquote dl dt dd figure figcaption caption col
  colgroup tfoot fieldset legend details summary dialog template slot abbr address area base bdi
  bdo cite data datalist del dfn embed ins kbd map mark menu meter object output param progress q
  rp rt ruby s samp search sub sup time track u var wbr center font big tt strike marquee nobr
  noframes math mi mo mn ms mtext mrow msup msub mfrac msqrt mroot mtable mtr mtd foreignobject
  image pattern radialgradient filter fegaussianblur feoffset feblend fecolormatrix marker switch
  view animate animatetransform set
`
  .trim()
  .split(/\s+/);
const NOT_STANDARD = `:not(${STANDARD_TAGS.join(', ')})`;

/** How long after the page adds elements its shadow roots are looked for again, at most this often. */
const LOOK_AGAIN_MS = 1000;

/**
 * The open shadow roots of a document, where web-component apps draw their lists (Home Assistant,
 * SAP's UI5 Web Components, ServiceNow's Next Experience): the page's own queries and observers do
 * not reach into them, so each is handed over once, to be read as a document of its own, and
 * looked into for shadow roots in turn. Their hosts are custom elements (a hyphen in the name). They
 * are looked for when the page is idle, which on a big list is once its rows are read, and again, at most once a second, after the document or
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
      for (const element of within.querySelectorAll(NOT_STANDARD)) {
        // Rollcall's own marks and banner are custom elements with open shadow roots too.
        if (!element.localName.includes('-') || element.tagName.startsWith(MARK_TAG_PREFIX)) continue;
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
