import { MARK_TAG_PREFIX } from './cell-text';
import { isElement } from './nodes';

/**
 * The documents of a page's frames that the in-page warnings read as the page's own. Some apps show
 * each screen in a frame of the same origin (Cockpit's shell, framed back-office apps, an admin
 * area in an `<iframe>`): the address bar and the admin's pattern name the page around it, and the
 * user list is in the frame. Each `<iframe>` or `<frame>` whose document this script may read (the
 * page's origin, or a document the page wrote itself) is handed over once it has loaded, and again
 * each time it loads another page; frames added later and frames inside frames too. A frame of
 * another origin is another site, kept apart by the browser, and left alone.
 */
export function watchFrameDocuments(
  doc: Document,
  onDocument: (frameDocument: Document) => void,
  signal: AbortSignal,
): void {
  const handed = new WeakSet<Document>();
  const frames = new WeakSet<Element>();

  const watch = (within: Document) => {
    const take = (frame: HTMLIFrameElement | HTMLFrameElement) => {
      const open = () => {
        const inner = readableDocument(frame);
        if (!inner || handed.has(inner) || signal.aborted) return;
        handed.add(inner);
        onDocument(inner);
        watch(inner);
      };
      if (!frames.has(frame)) {
        frames.add(frame);
        frame.addEventListener('load', open, { signal });
      }
      // Loaded before this script looked: its `load` has been and gone.
      if (readableDocument(frame)?.readyState === 'complete') open();
    };
    // The browser's live lists of the document's frames, looked through again when the page adds
    // elements other than Rollcall's marks: not a search under every element a page adds.
    const iframes = within.getElementsByTagName('iframe');
    const framesetFrames = within.getElementsByTagName('frame');
    const takeAll = () => {
      for (const frame of iframes) take(frame);
      for (const frame of framesetFrames) take(frame);
    };
    takeAll();
    const observer = new MutationObserver((records) => {
      if (records.some(addsPageElements)) takeAll();
    });
    observer.observe(within, { childList: true, subtree: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  };
  watch(doc);
}

/** Whether a change put in elements of the page's own, not only Rollcall's marks. */
export function addsPageElements(record: MutationRecord): boolean {
  for (const node of record.addedNodes)
    if (isElement(node) && !node.tagName.startsWith(MARK_TAG_PREFIX)) return true;
  return false;
}

/**
 * The frame's document, where this script may read it and it is a page: null for another origin's
 * (the browser answers null, or throws in some frames), and for the empty document a frame holds
 * before its page comes (`about:blank` with nothing in its body).
 */
function readableDocument(frame: HTMLIFrameElement | HTMLFrameElement): Document | null {
  let inner: Document | null;
  try {
    inner = frame.contentDocument;
  } catch {
    return null;
  }
  if (!inner?.documentElement) return null;
  if (inner.URL === 'about:blank' && !inner.body?.firstElementChild) return null;
  return inner;
}
